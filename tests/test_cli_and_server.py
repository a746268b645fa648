"""The command line and a real server: migrations on a fresh database, provisioning a key,
serving over uvicorn, health, GraphiQL, schema export."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.events.publisher import publisher
from tests.conftest import ON_POSTGRES, SETTINGS
from tests.servers import ROOT, cli, fresh_database, serve

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

    key = cli("create-api-key", "--org", "Initech", "--email", "ops@initech.example", env=env)
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
        assert page.status_code == 200 and "graphiql" in page.text.lower()


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
    bad = cli("create-api-key", "--org", "X", "--email", "nope", env=env)
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
