"""GraphiQL works offline: headless Chromium, with every host but 127.0.0.1 unresolvable and
every request off the server's origin aborted, opens the link the demo banner prints, finds
the key in the headers pane and the first query in the editor, runs it from the UI and sees
the result."""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, Route

from app.banner import graphiql_link
from app.graphiql.assets import ASSETS, CACHE_FOREVER, LICENSES, STATIC, sha384_of
from app.graphiql.page import DEFAULT_QUERY
from tests.servers import serve_demo

pytestmark = pytest.mark.browser

FIRST_LOOK = {
    "viewer": {
        "role": "ADMIN",
        "user": {"email": "admin@demo.example"},
        "organization": {"name": "Demo"},
    },
    "caseTemplates": {
        "nodes": [{"id": "Q2FzZVRlbXBsYXRlOjE=", "key": "KYC", "name": "KYC review"}]
    },
    "cases": {"totalCount": 0, "nodes": []},
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    with serve_demo(tmp_path_factory.mktemp("graphiql")) as served:
        yield served


async def _editor_text(page: Page, pane: str) -> str:
    """The text of one of GraphiQL's CodeMirror editors."""
    return str(await page.eval_on_selector(f"{pane} .CodeMirror", "e => e.CodeMirror.getValue()"))


async def test_graphiql_renders_offline_with_the_key_and_runs_a_query(chromium: Browser, demo):
    base, key = demo
    seen: list[str] = []
    page = await chromium.new_page()

    async def only_the_server(route: Route) -> None:
        seen.append(route.request.url)
        if route.request.url.startswith(base + "/"):
            await route.continue_()
        else:
            await route.abort()

    await page.route("**/*", only_the_server)
    await page.goto(graphiql_link(base, key))
    await page.wait_for_selector(".graphiql-container", timeout=30_000)

    assert json.loads(
        await _editor_text(page, ".graphiql-editor-tool .graphiql-editor:not(.hidden)")
    ) == {"Authorization": f"Bearer {key}"}
    assert (await _editor_text(page, ".graphiql-query-editor")) == DEFAULT_QUERY
    await page.click("button[aria-label='Show GraphiQL Explorer']")  # the explorer plugin
    await page.wait_for_selector(".graphiql-explorer-root", timeout=10_000)

    await page.click(".graphiql-execute-button")
    await page.wait_for_function(
        "() => document.querySelector('.result-window .CodeMirror')"
        ".CodeMirror.getValue().includes('FirstLook') === false"
        " && document.querySelector('.result-window .CodeMirror').CodeMirror.getValue() !== ''",
        timeout=15_000,
    )
    assert json.loads(await _editor_text(page, ".result-window")) == {"data": FIRST_LOOK}
    assert seen and all(url.startswith(base + "/") for url in seen), seen
    assert {url.removeprefix(base) for url in seen} >= {a.url for a in ASSETS.values()}
    await page.close()


def test_the_page_names_no_other_host_and_the_assets_are_the_pinned_files(demo):
    base, _ = demo
    page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    assert page.text == httpx.get(f"{base}/graphiql/").text
    for asset in ASSETS.values():
        assert sha384_of(STATIC / asset.name) == asset.sha384, asset.name
        assert f'integrity="{asset.integrity}"' in page.text
        served = httpx.get(base + asset.url)
        assert (served.status_code, served.headers["cache-control"]) == (200, CACHE_FOREVER)
        assert served.headers["content-type"] == asset.media_type
        assert served.content == (STATIC / asset.name).read_bytes()
    assert sorted(LICENSES) == [
        "licenses/graphiql-3.8.3.LICENSE",
        "licenses/graphiql-plugin-explorer-1.0.2.LICENSE",
        "licenses/react-18.2.0.LICENSE",
        "licenses/react-dom-18.2.0.LICENSE",
    ]
    licence = httpx.get(f"{base}/graphiql/licenses/graphiql-3.8.3.LICENSE")
    assert licence.text.startswith("MIT License")
    assert httpx.get(f"{base}/graphiql/../settings.py").status_code == 404
    assert httpx.get(f"{base}/graphiql/page.html").status_code == 404
    assert Path(STATIC / "licenses").is_dir()
