"""Real processes for tests: the CLI, a fresh database, and `python -m app serve`."""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx

from tests.conftest import ON_POSTGRES, SETTINGS
from tests.waiting import eventually_sync

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `python -m app ...` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _admin_sql(sql: str) -> None:
    async def run() -> None:
        conn = await asyncpg.connect(SETTINGS.database_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    # a thread of its own: callers may be inside a running event loop
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()


@contextmanager
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """A database no test has touched: a new SQLite file, or a new PostgreSQL database."""
    if not ON_POSTGRES:
        yield f"sqlite://{tmp_path}/fresh.sqlite3"
        return
    name = f"casegraph_proc_{uuid.uuid4().hex[:12]}"
    _admin_sql(f'CREATE DATABASE "{name}"')
    try:
        yield SETTINGS.database_url.rsplit("/", 1)[0] + "/" + name
    finally:
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(base: str, process: subprocess.Popen[bytes]) -> bool:
    assert process.poll() is None, "server exited"
    try:
        httpx.get(f"{base}/healthz", timeout=1)
    except httpx.TransportError:
        return False
    return True


@contextmanager
def server_process(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`python -m app serve` on a free port, answering /healthz, until the block ends (then
    SIGTERM); yields the process and its base URL."""
    port = free_port()
    full = {**os.environ, **env, "DEMO_SEED": "false", "LOG_LEVEL": "warning"}
    with subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)], cwd=ROOT, env=full
    ) as process:
        try:
            base = f"http://127.0.0.1:{port}"
            eventually_sync(lambda: _healthy(base, process), within=30, what="server start")
            yield process, base
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def serve(env: dict[str, str]) -> Iterator[str]:
    """`python -m app serve` on a free port until the block ends; yields its base URL."""
    with server_process(env) as (_, base):
        yield base


@contextmanager
def serve_demo(tmp_path: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """`serve` on a fresh database with the demo seed, as `make run` does the first time;
    yields (base URL, the API key its banner printed)."""
    with fresh_database(tmp_path) as url:
        port = free_port()
        full = {
            **os.environ,
            "DATABASE_URL": url,
            "DEMO_SEED": "true",
            "LOG_LEVEL": "warning",
            **(env or {}),
        }
        with subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(port)],
            cwd=ROOT,
            env=full,
            stdout=subprocess.PIPE,
            text=True,
        ) as process:
            try:
                assert process.stdout is not None
                banner = ""
                while "GraphiQL" not in banner:
                    line = process.stdout.readline()
                    assert line, f"server exited: {banner}"
                    banner += line
                key = re.search(r"API key \(shown once\): (\S+)", banner)
                assert key, banner
                # keep reading, so a full pipe never blocks the server
                threading.Thread(target=process.stdout.read, daemon=True).start()
                base = f"http://127.0.0.1:{port}"
                deadline = time.monotonic() + 30
                while True:
                    try:
                        httpx.get(f"{base}/healthz", timeout=1)
                        break
                    except httpx.TransportError:
                        assert time.monotonic() < deadline, "server did not start"
                        time.sleep(0.1)
                yield base, key.group(1)
            finally:
                process.terminate()
                process.wait(timeout=10)
