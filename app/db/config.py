"""The Tortoise configuration shared by the app, the tests and the migration commands."""

from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

MODEL_MODULES = ["app.db.models", "aerich.models"]


def dialect_of(database_url: str) -> str:
    """``sqlite`` or ``postgres``: selects the migration history to use."""
    if database_url.startswith("sqlite://"):
        return "sqlite"
    if database_url.startswith(("postgres://", "postgresql://", "asyncpg://")):
        return "postgres"
    raise ValueError(f"unsupported DATABASE_URL scheme: {database_url.split(':', 1)[0]}")


async def keep_session(connection: object) -> None:
    """The asyncpg pool's ``reset`` on release: nothing to send.

    asyncpg's default reset costs one round trip per released connection
    (``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL``). casegraph holds
    no session state on pooled connections: its only advisory lock is transaction-scoped
    (``pg_advisory_xact_lock``, released at commit or rollback), it declares no cursors
    outside a transaction, it LISTENs on no pooled connection and runs no session-level
    ``SET`` (``tests/test_pool.py`` pins all four). The pool still rolls back a transaction
    left open and drops listeners before calling this (``Connection._reset``)."""
    return None


def tortoise_config(database_url: str, *, server: bool = False) -> dict[str, Any]:
    """Tortoise ORM config for one database URL; ``server=True`` (the API process and the
    CLI) releases PostgreSQL connections to the pool without asyncpg's reset round trip."""
    connection: str | dict[str, Any] = database_url
    if server and dialect_of(database_url) == "postgres":
        connection = expand_db_url(database_url)
        connection["credentials"]["reset"] = keep_session
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
