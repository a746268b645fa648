"""Aerich migrations, one history per dialect (Aerich writes dialect-bound SQL).

Generating needs no database: Aerich's offline mode diffs the models against the state
stored in the newest migration file. Applying runs against the configured database.
"""

import shutil
import tempfile
from pathlib import Path

from aerich import Command
from tortoise import Tortoise

from app.db.config import dialect_of, tortoise_config

APP = "models"
ROOT = Path(__file__).resolve().parents[2] / "migrations"
# Offline generation only needs the dialect; these URLs are never connected to.
OFFLINE_URLS = {
    "sqlite": "sqlite://:memory:",
    "postgres": "postgres://casegraph@127.0.0.1:5432/casegraph_offline",
}


def location(dialect: str, root: Path = ROOT) -> Path:
    """Folder of one dialect's history (Aerich adds the app name below it)."""
    return root / dialect


async def upgrade(database_url: str) -> list[str]:
    """Apply every pending migration of the URL's dialect; returns the files applied."""
    dialect = dialect_of(database_url)
    command = Command(
        tortoise_config=tortoise_config(database_url), app=APP, location=str(location(dialect))
    )
    try:
        await command.init()
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def make_migration(dialect: str, name: str, root: Path = ROOT) -> str | None:
    """Write the migration that brings ``dialect``'s history up to the models; None when the
    history already matches. Creates the initial migration when the history is empty."""
    command = Command(
        tortoise_config=tortoise_config(OFFLINE_URLS[dialect]),
        app=APP,
        location=str(location(dialect, root)),
    )
    try:
        app_dir = location(dialect, root) / APP
        if not app_dir.exists() or not any(app_dir.glob("*.py")):
            await command.init_migrations(safe=True)
            return min(p.name for p in app_dir.glob("*.py"))
        await command.init(offline=True)
        result = await command.migrate(name, no_input=True, offline=True)
        return result or None
    finally:
        await Tortoise.close_connections()


async def pending_changes(dialect: str) -> str | None:
    """The migration the models would need beyond the committed history (written to a scratch
    copy and discarded), or None when the history is complete."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "migrations"
        if location(dialect).exists():
            shutil.copytree(location(dialect), location(dialect, copy))
        produced = await make_migration(dialect, "pending", root=copy)
        if produced is None:
            return None
        return (location(dialect, copy) / APP / produced).read_text()
