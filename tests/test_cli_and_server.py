"""The command line and a real server: migrations on a fresh database, provisioning a key,
serving over uvicorn, health, GraphiQL, schema export."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from app.events.publisher import publisher
from tests.conftest import ON_POSTGRES, SETTINGS
from tests.servers import ROOT, cli, free_port, fresh_database, serve

VIEWER = "{ viewer { role user { email } organization { name } } }"


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database(tmp_path) as url:
        yield url


def test_migrate_provision_and_serve(fresh_database_url):
    env = {"DATABASE_URL": fresh_database_url, "BROADCAST_URL": SETTINGS.broadcast_url}
    first = cli("migrate", env=env)
    assert first.returncode == 0, first.stderr
    dialect = "postgres" if ON_POSTGRES else "sqlite"
    history = sorted(p.name for p in (ROOT / "migrations" / dialect / "models").glob("*_*.py"))
    assert first.stdout == f"applied {len(history)} migration(s): {', '.join(history)}\n"
    again = cli("migrate", env=env)
    assert again.stdout == "applied 0 migration(s)\n"

    key = cli(
        "create-api-key",
        "--org",
        "Initech",
        "--email",
        "ops@initech.example",
        "--create-org",
        env=env,
    )
    assert key.returncode == 0, key.stderr
    secret = key.stdout.strip()
    assert key.stdout == secret + "\n" and secret.startswith("cg_")

    with serve(env) as base:
        health = httpx.get(f"{base}/healthz", timeout=5)
        assert health.json() == {"status": "ok", "database": "ok", "broadcast": "ok"}
        answer = httpx.post(
            f"{base}/graphql",
            json={"query": VIEWER},
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert answer.json() == {
            "data": {
                "viewer": {
                    "role": "ADMIN",
                    "user": {"email": "ops@initech.example"},
                    "organization": {"name": "Initech"},
                }
            }
        }
        page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert '<script src="/graphiql/graphiql-3.8.3.min.js"' in page.text


def test_the_migration_history_matches_the_models():
    check = cli("makemigrations", "--check", env={})
    assert check.returncode == 0, check.stderr
    assert check.stdout == (
        "sqlite: migrations match the models\npostgres: migrations match the models\n"
    )


def test_schema_graphql_is_exported_from_the_code():
    exported = cli("export-schema", env={})
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == (ROOT / "schema.graphql").read_text()


def test_create_api_key_rejects_a_bad_email(tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path}/x.sqlite3"}
    assert cli("migrate", env=env).returncode == 0
    bad = cli("create-api-key", "--org", "X", "--email", "nope", "--create-org", env=env)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == "error: email: 'nope' is not a valid email address\n"


async def test_health_reports_a_missing_broadcast(client):
    assert (await client.get("/healthz")).json() == {
        "status": "ok",
        "database": "ok",
        "broadcast": "ok",
    }
    saved, publisher.broadcast = publisher.broadcast, None
    try:
        response = await client.get("/healthz")
    finally:
        publisher.broadcast = saved
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broadcast": "unreachable",
    }


def test_create_api_key_refuses_an_unknown_organization_unless_asked(tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path}/x.sqlite3"}
    assert cli("migrate", env=env).returncode == 0
    made = cli(
        "create-api-key", "--org", "Demo", "--email", "a@demo.example", "--create-org", env=env
    )
    assert made.returncode == 0, made.stderr
    lower = cli("create-api-key", "--org", "demo", "--email", "a@demo.example", env=env)
    assert (lower.returncode, lower.stdout) == (2, "")
    assert lower.stderr == (
        "error: org: no organization named 'demo' (did you mean 'Demo'?); "
        "pass --create-org to create it\n"
    )
    other = cli("create-api-key", "--org", "Umbrella", "--email", "a@demo.example", env=env)
    assert other.stderr == (
        "error: org: no organization named 'Umbrella'; pass --create-org to create it\n"
    )


def test_create_api_key_refuses_a_different_role_unless_asked(tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path}/x.sqlite3"}
    assert cli("migrate", env=env).returncode == 0
    args = ("create-api-key", "--org", "Demo", "--email", "rev@demo.example")
    first = cli(*args, "--role", "reviewer", "--create-org", env=env)
    assert first.returncode == 0, first.stderr
    same = cli(*args, env=env)  # no --role: the user's own
    assert same.returncode == 0, same.stderr
    clash = cli(*args, "--role", "admin", env=env)
    assert (clash.returncode, clash.stdout) == (2, "")
    assert clash.stderr == (
        "error: role: rev@demo.example is reviewer, not admin; "
        "pass --change-role to change the user's role\n"
    )
    changed = cli(*args, "--role", "admin", "--change-role", env=env)
    assert changed.returncode == 0, changed.stderr
    port = free_port()
    serve_env = {**env, "DEMO_SEED": "false", "LOG_LEVEL": "warning"}
    with _serving(port, serve_env) as base:
        for secret in (same.stdout.strip(), changed.stdout.strip()):
            answer = httpx.post(
                f"{base}/graphql",
                json={"query": "{ viewer { role } }"},
                headers={"Authorization": f"Bearer {secret}"},
            )
            assert answer.json() == {"data": {"viewer": {"role": "ADMIN"}}}


def test_the_console_script_runs_from_a_fresh_shell(tmp_path):
    """`.venv/bin/casegraph` needs no activated venv: run with a bare PATH."""
    script = Path(sys.executable).parent / "casegraph"
    done = subprocess.run(
        [str(script), "migrate"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite://{tmp_path}/x.sqlite3"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("applied ") and " migration(s): 0_" in done.stdout


def test_a_restart_prints_the_graphiql_url_and_how_to_get_a_key(tmp_path):
    port = free_port()
    env = {
        "DATABASE_URL": f"sqlite://{tmp_path}/demo.sqlite3",
        "BROADCAST_URL": "memory://",
        "LOG_LEVEL": "warning",
    }
    first = _banner_of(port, env)
    secret = first.split("API key (shown once): ", 1)[1].split()[0]
    link = (
        f"http://127.0.0.1:{port}/graphql?headers=%7B%22Authorization%22%3A%20%22Bearer%20"
        f"{secret}%22%7D"
    )
    assert first == (
        "\n  casegraph demo organization created\n"
        f"  API key (shown once): {secret}\n"
        f"  GraphiQL (key filled in): {link}\n\n"
    )
    again = _banner_of(port, env)
    assert again == (
        f"\n  casegraph serving on http://127.0.0.1:{port}\n"
        f"  GraphiQL: http://127.0.0.1:{port}/graphql\n"
        "  a key for it: .venv/bin/casegraph create-api-key --org Demo "
        "--email admin@demo.example   (or: make key)\n"
        '  then set the header  {"Authorization": "Bearer <key>"}\n\n'
    )


def _banner_of(port: int, env: dict[str, str]) -> str:
    """Start `serve`, wait until it answers, stop it; what it printed before listening."""
    with subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            _wait_healthy(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            out, _ = server.communicate(timeout=10)
    return out


def _wait_healthy(base: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/healthz", timeout=1)
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)


@contextmanager
def _serving(port: int, env: dict[str, str]) -> Iterator[str]:
    with subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
    ) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_several_workers_need_a_shared_broadcast(tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path}/x.sqlite3", "BROADCAST_URL": "memory://"}
    refused = cli("serve", "--workers", "2", env=env)
    assert refused.returncode == 2
    assert "WEB_CONCURRENCY=2 needs BROADCAST_URL=redis://" in refused.stderr
    refused = cli("serve", env={**env, "WEB_CONCURRENCY": "3"})
    assert refused.returncode == 2
