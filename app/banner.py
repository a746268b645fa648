"""What `serve` prints before it listens: where GraphiQL is and how to get a key."""

import json
from urllib.parse import quote

from app.services.demo import DEMO_EMAIL, DEMO_ORG
from app.settings import Settings


def graphiql_link(base_url: str, secret: str | None) -> str:
    """The GraphiQL URL; with a key, its headers pane comes pre-filled with it."""
    url = f"{base_url}/graphql"
    if secret is None:
        return url
    headers = json.dumps({"Authorization": f"Bearer {secret}"})
    return f"{url}?headers={quote(headers, safe='')}"


def banner(settings: Settings, demo_secret: str | None) -> str:
    """The start-up banner; ``demo_secret`` is the key of a demo seeded just now."""
    base = settings.served_url
    if demo_secret is not None:
        return (
            "\n  casegraph demo organization created\n"
            f"  API key (shown once): {demo_secret}\n"
            f"  GraphiQL (key filled in): {graphiql_link(base, demo_secret)}\n"
        )
    who = (
        f"--org {DEMO_ORG} --email {DEMO_EMAIL}"
        if settings.seeds_demo
        else "--org ORG --email EMAIL"
    )
    return (
        f"\n  casegraph serving on {base}\n"
        f"  GraphiQL: {graphiql_link(base, None)}\n"
        f"  a key for it: .venv/bin/casegraph create-api-key {who}   (or: make key)\n"
        '  then set the header  {"Authorization": "Bearer <key>"}\n'
    )
