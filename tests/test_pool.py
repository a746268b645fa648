"""The PostgreSQL pool releases connections without asyncpg's reset round trip: safe only
while no pooled connection can carry session state from one request to the next."""

import re
from pathlib import Path

import asyncpg
import pytest

from app.db.config import keep_session, tortoise_config
from app.events.log import EVENT_LOG_LOCK
from tests.conftest import ON_POSTGRES, SETTINGS

APP = Path(__file__).resolve().parents[1] / "app"
# session-scoped state a reset would clear: session advisory locks, cursors, LISTEN, SET
SESSION_STATE = re.compile(
    r"pg_(try_)?advisory_lock(_shared)?\s*\(|(?-i:\bLISTEN\b)|\bDECLARE\b.*\bCURSOR\b|"
    r"[\"']\s*SET\s+(?!TRANSACTION\b)(SESSION\b|[a-z_.]+\s*(=|TO\b))|set_config\s*\(",
    re.IGNORECASE,
)


def test_no_session_state_in_the_code() -> None:
    found = [
        f"{path.relative_to(APP)}:{n}: {line.strip()}"
        for path in APP.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if SESSION_STATE.search(line)
    ]
    assert found == []


def test_the_server_config_drops_the_reset_on_postgres_only() -> None:
    pg = tortoise_config("postgres://u@h:5432/d", server=True)["connections"]["default"]
    assert pg["credentials"]["reset"] is keep_session
    assert tortoise_config("postgres://u@h:5432/d")["connections"]["default"] == (
        "postgres://u@h:5432/d"
    )
    assert tortoise_config("sqlite://x.db", server=True)["connections"]["default"] == (
        "sqlite://x.db"
    )


@pytest.mark.skipif(not ON_POSTGRES, reason="asyncpg pools are PostgreSQL's")
async def test_a_released_connection_holds_no_lock_and_no_transaction() -> None:
    dsn = SETTINGS.database_url
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1, reset=keep_session)
    try:
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", EVENT_LOG_LOCK)
        async with pool.acquire() as conn:  # a transaction left open is rolled back
            await conn.execute("BEGIN")
            await conn.execute("SELECT pg_advisory_xact_lock($1)", EVENT_LOG_LOCK)
        async with pool.acquire() as conn:
            assert not conn.is_in_transaction()
            held = await conn.fetchval(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = "
                "pg_backend_pid()"
            )
            assert held == 0
    finally:
        await pool.close()
