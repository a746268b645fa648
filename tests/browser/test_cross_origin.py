"""A reviewer console on another origin, as a frontend team meets it: a page served from a
second loopback origin (listed in ALLOWED_ORIGINS) queries cases over HTTP with an
Authorization header (CORS preflight) and subscribes to `caseEvents` with the graphql-ws
browser client (bundled from npm by esbuild), and sees a new case arrive live; the same page
from an origin not listed is refused both."""

import functools
import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page

from tests.browser.conftest import HERE, node_tool
from tests.servers import free_port, serve_demo

pytestmark = pytest.mark.browser

COUNT = "query ConsoleStart { viewer { organization { name } } cases { totalCount } }"
FEED = """
subscription ConsoleFeed {
  caseEvents(filter: {names: ["case.created"]}) { name case { name tags } }
}
"""
OPEN_CASE = """
mutation ConsoleCase($template: ID!) {
  caseCreate(input: {templateId: $template, fields: {risk: "low"}, tags: ["LIVE"]}) {
    ... on CasePayload { case { name } }
  }
}
"""
TEMPLATE_ID = "Q2FzZVRlbXBsYXRlOjE="  # the demo's KYC template

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>reviewer console</title>
<script src="graphql-ws.js"></script></head><body>console</body></html>
"""

FETCH_JS = """
async ({endpoint, key, query}) => {
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: {"content-type": "application/json", "authorization": `Bearer ${key}`},
      body: JSON.stringify({query}),
    });
    return {status: response.status, body: await response.json()};
  } catch (error) {
    return {failed: String(error)};
  }
}
"""

SUBSCRIBE_JS = """
({url, key, query}) => new Promise((resolve) => {
  window.received = [];
  window.closes = [];
  const client = window.graphqlWs.createClient({
    url,
    connectionParams: {authorization: `Bearer ${key}`},
    retryAttempts: 0,
    lazy: false,
    on: {
      connected: () => resolve("connected"),
      closed: (event) => { window.closes.push(event.code); resolve(`closed ${event.code}`); },
    },
  });
  client.subscribe({query}, {
    next: (value) => window.received.push(value),
    error: () => {},
    complete: () => {},
  });
})
"""


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test page and the graphql-ws client bundled for the browser."""
    out = tmp_path_factory.mktemp("console")
    (out / "index.html").write_text(PAGE)
    built = subprocess.run(
        [
            str(node_tool("esbuild")),
            "graphql_ws_entry.js",
            "--bundle",
            "--format=iife",
            f"--outfile={out / 'graphql-ws.js'}",
            "--log-level=warning",
        ],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return out


@pytest.fixture(scope="module")
def origins(bundle_dir: Path) -> Iterator[tuple[str, str]]:
    """Two static origins serving the same console page: (listed, not listed)."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(bundle_dir))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    servers = [ThreadingHTTPServer(("127.0.0.1", free_port()), handler) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield tuple(f"http://127.0.0.1:{s.server_address[1]}" for s in servers)  # type: ignore[misc]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, origins) -> Iterator[tuple[str, str]]:
    listed, _ = origins
    env = {"ALLOWED_ORIGINS": json.dumps([listed]), "FEED_POLL_SECONDS": "0.2"}
    with serve_demo(tmp_path_factory.mktemp("cors"), env) as served:
        yield served


async def _console(chromium: Browser, origin: str) -> Page:
    page = await chromium.new_page()
    await page.goto(origin + "/index.html")
    await page.wait_for_function("() => window.graphqlWs !== undefined")
    return page


async def test_a_console_on_a_listed_origin_queries_and_subscribes(chromium, origins, api):
    listed, _ = origins
    base, key = api
    page = await _console(chromium, listed)
    answer = await page.evaluate(
        FETCH_JS, {"endpoint": f"{base}/graphql", "key": key, "query": COUNT}
    )
    assert answer == {
        "status": 200,
        "body": {
            "data": {"viewer": {"organization": {"name": "Demo"}}, "cases": {"totalCount": 0}}
        },
    }
    ws_url = base.replace("http://", "ws://") + "/graphql"
    state = await page.evaluate(SUBSCRIBE_JS, {"url": ws_url, "key": key, "query": FEED})
    assert state == "connected"
    await page.wait_for_timeout(500)  # graphql-transport-ws does not acknowledge a subscribe
    async with httpx.AsyncClient() as colleague:  # another reviewer opens a case
        response = await colleague.post(
            f"{base}/graphql",
            json={"query": OPEN_CASE, "variables": {"template": TEMPLATE_ID}},
            headers={"Authorization": f"Bearer {key}"},
        )
    created = response.json()
    assert created == {"data": {"caseCreate": {"case": {"name": "KYC-1"}}}}
    await page.wait_for_function("() => window.received.length > 0", timeout=10_000)
    assert await page.evaluate("() => window.received") == [
        {
            "data": {
                "caseEvents": {"name": "case.created", "case": {"name": "KYC-1", "tags": ["LIVE"]}}
            }
        }
    ]
    await page.close()


async def test_a_console_on_an_unlisted_origin_is_refused(chromium, origins, api):
    _, unlisted = origins
    base, key = api
    page = await _console(chromium, unlisted)
    answer = await page.evaluate(
        FETCH_JS, {"endpoint": f"{base}/graphql", "key": key, "query": COUNT}
    )
    assert answer == {"failed": "TypeError: Failed to fetch"}
    ws_url = base.replace("http://", "ws://") + "/graphql"
    state = await page.evaluate(SUBSCRIBE_JS, {"url": ws_url, "key": key, "query": FEED})
    assert state == "closed 1006"  # the handshake is refused before it opens
    await page.close()
