"""docker-compose.yml starts on a fresh volume (no Docker engine here: the file is checked,
and `migrate --wait` is run as a plain process)."""

import time
from pathlib import Path

import yaml

from app.settings import Settings
from tests.servers import ROOT, cli, free_port, fresh_database

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_healthchecks_go_over_tcp():
    assert SERVICES["postgres"]["healthcheck"]["test"] == [
        "CMD", "pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "casegraph", "-d", "casegraph",
    ]  # fmt: skip
    assert SERVICES["redis"]["healthcheck"]["test"] == [
        "CMD", "redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping",
    ]  # fmt: skip
    for api in ("api-1", "api-2"):
        assert "http://127.0.0.1:8000/healthz" in SERVICES[api]["healthcheck"]["test"][-1]


def test_startup_order_and_one_image_built_once():
    assert SERVICES["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert SERVICES["migrate"]["command"] == ["casegraph", "migrate", "--wait", "120"]
    assert [name for name, s in SERVICES.items() if "build" in s] == ["migrate"]
    for api in ("api-1", "api-2"):
        service = SERVICES[api]
        assert service["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "redis": {"condition": "service_healthy"},
        }
        assert (service["image"], service["pull_policy"]) == ("casegraph:local", "never")
        assert service["command"] == ["casegraph", "serve"]
    assert SERVICES["migrate"]["image"] == "casegraph:local"
    assert [s["ports"] for n, s in SERVICES.items() if n.startswith("api-")] == [
        ["8001:8000"],
        ["8002:8000"],
    ]


def test_the_environment_names_only_real_settings_and_sets_the_public_url():
    env = SERVICES["api-1"]["environment"]
    assert env == SERVICES["migrate"]["environment"] == SERVICES["api-2"]["environment"]
    assert {k.lower() for k in env} <= set(Settings.model_fields)
    assert env["PUBLIC_BASE_URL"] == "${PUBLIC_BASE_URL:-http://localhost:8001}"
    assert (env["HOST"], env["MIGRATE_ON_START"], env["DEMO_SEED"]) == ("0.0.0.0", "false", "false")


def test_the_image_runs_as_a_non_root_user():
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users == ["casegraph"]
    assert any("useradd --system --uid 10001" in line for line in lines)
    assert lines[-1] == 'CMD ["casegraph", "serve"]'


def test_migrate_waits_for_the_database_and_then_gives_up(tmp_path: Path):
    url = f"postgres://casegraph:casegraph@127.0.0.1:{free_port()}/casegraph"
    started = time.monotonic()
    done = cli("migrate", "--wait", "2", env={"DATABASE_URL": url})
    assert time.monotonic() - started >= 2
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("error: database not reachable after 2s (")
    assert done.stderr.count("\n") == 1


def test_migrate_with_wait_applies_the_migrations_once_the_database_answers(tmp_path: Path):
    with fresh_database(tmp_path) as url:
        done = cli("migrate", "--wait", "10", env={"DATABASE_URL": url})
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("applied ") and " migration(s): 0_" in done.stdout
