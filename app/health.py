"""/healthz: can we reach the database and the broadcast backend?"""

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise.connection import get_connection

from app.events.health import check_broadcast

log = logging.getLogger(__name__)


async def _database_ok() -> bool:
    try:
        await asyncio.wait_for(get_connection("default").execute_query("SELECT 1"), 2)
    except Exception:
        log.exception("health: database unreachable")
        return False
    return True


async def healthz(request: Request) -> JSONResponse:
    """200 with every part ``ok``, or 503 naming what is down."""
    database = await _database_ok()
    broadcast = await check_broadcast()
    body = {
        "status": "ok" if database and broadcast else "unavailable",
        "database": "ok" if database else "unreachable",
        "broadcast": "ok" if broadcast else "unreachable",
    }
    return JSONResponse(body, status_code=200 if database and broadcast else 503)
