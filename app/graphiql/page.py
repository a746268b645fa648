"""The GraphiQL page: strawberry's page layout, with every asset served by casegraph."""

import json
import re
from functools import cache
from pathlib import Path

from app.graphiql.assets import ASSETS

DEFAULT_QUERY = """\
# Welcome to casegraph. Run this with Ctrl-Enter (or the play button).
# The headers pane (below) must hold {"Authorization": "Bearer <your API key>"};
# the link printed by `casegraph serve` fills it in for the demo.
query FirstLook {
  viewer { role user { email } organization { name } }
  caseTemplates(first: 10) { nodes { id key name } }
  cases(first: 10) { totalCount nodes { id name status assignee { email } } }
}
"""

_TOKEN = re.compile(r"\{\{([^}]+)\}\}")


@cache
def graphiql_html(endpoint: str = "/graphql") -> str:
    """The page, with asset URLs and integrity values filled in."""
    template = (Path(__file__).parent / "page.html").read_text()

    def fill(match: re.Match[str]) -> str:
        token = match.group(1)
        if token == "default-query":
            return json.dumps(DEFAULT_QUERY)
        if token == "endpoint":
            return json.dumps(endpoint)
        name, _, attribute = token.partition("#")
        asset = ASSETS[name]
        return asset.integrity if attribute == "integrity" else asset.url

    return _TOKEN.sub(fill, template)
