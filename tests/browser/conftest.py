"""Headless Chromium for browser tests: Debian's `chromium`, driven by Playwright, with every
host name except 127.0.0.1 unresolvable, so a page that reaches for the internet fails."""

import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

HERE = Path(__file__).parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed (apt-get install -y chromium)"
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


def node_tool(name: str) -> Path:
    """An executable of tests/browser/node_modules (installed by `npm ci`)."""
    tool = HERE / "node_modules" / ".bin" / name
    assert tool.exists(), "node deps missing: cd tests/browser && npm ci"
    return tool


def run_node(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run node in tests/browser (where its node_modules are)."""
    node = shutil.which("node")
    assert node, "node is not installed"
    return subprocess.run(
        [node, *args], cwd=HERE, capture_output=True, text=True, timeout=timeout, check=False
    )
