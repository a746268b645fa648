"""The Tortoise configuration shared by the app, the tests and the migration commands."""

from typing import Any

MODEL_MODULES = ["app.db.models", "aerich.models"]


def dialect_of(database_url: str) -> str:
    """``sqlite`` or ``postgres``: selects the migration history to use."""
    if database_url.startswith("sqlite://"):
        return "sqlite"
    if database_url.startswith(("postgres://", "postgresql://", "asyncpg://")):
        return "postgres"
    raise ValueError(f"unsupported DATABASE_URL scheme: {database_url.split(':', 1)[0]}")


def tortoise_config(database_url: str) -> dict[str, Any]:
    """Tortoise ORM config for one database URL."""
    return {
        "connections": {"default": database_url},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
