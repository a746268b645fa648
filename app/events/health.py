"""Broadcast connectivity check for /healthz."""

import asyncio
import logging

from app.events.publisher import publisher

log = logging.getLogger(__name__)
HEALTH_CHANNEL = "casegraph.health"


async def check_broadcast() -> bool:
    """Publish a ping on the health channel; False when not connected or the backend fails."""
    if publisher.broadcast is None:
        return False
    try:
        await asyncio.wait_for(publisher.broadcast.publish(HEALTH_CHANNEL, "ping"), 2)
    except Exception:
        log.exception("health: broadcast unreachable")
        return False
    return True
