"""Wait until the database accepts connections (a container's first start, a restart)."""

import asyncio
import time

from app.db.config import dialect_of


class DatabaseUnreachable(Exception):
    """The database did not accept a connection in time."""


async def wait_for_database(database_url: str, *, seconds: float, interval: float = 1.0) -> int:
    """Try to connect until it works or ``seconds`` pass; returns the attempts it took.
    SQLite needs no waiting."""
    if dialect_of(database_url) != "postgres":
        return 1
    import asyncpg

    dsn = database_url.split("?", 1)[0]
    deadline = time.monotonic() + seconds
    attempts = 0
    while True:
        attempts += 1
        try:
            conn = await asyncpg.connect(dsn, timeout=max(1.0, min(5.0, seconds)))
        except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseUnreachable(
                    f"database not reachable after {seconds:g}s ({attempts} attempts): {exc}"
                ) from exc
            await asyncio.sleep(min(interval, remaining))
            continue
        await conn.close()
        return attempts
