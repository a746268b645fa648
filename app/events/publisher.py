"""Pushing committed events to broadcaster, and keeping the broadcaster connected.

The log is the source of truth: a failed or slow publish is logged and never undoes or
loses the committed change (feeds catch up from the log), and a broadcaster whose listener
died (Redis restarted) is replaced by a fresh connection.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from broadcaster import Broadcast

from app.background import running
from app.events.broadcast import make_broadcast
from app.events.channels import organization_channel
from app.events.envelope import EventEnvelope

log = logging.getLogger(__name__)
PUBLISH_TIMEOUT = 1.0


class Publisher:
    """Holds the process's connected Broadcast (set by the lifespan or a test fixture)."""

    def __init__(self) -> None:
        self.broadcast: Broadcast | None = None
        self.url: str | None = None

    async def publish(self, events: Sequence[EventEnvelope]) -> None:
        """Send committed events to their organization channel; never raises."""
        broadcast = self.broadcast
        if broadcast is None:
            return
        for event in events:
            try:
                await asyncio.wait_for(
                    broadcast.publish(organization_channel(event.organization_id), event.to_json()),
                    PUBLISH_TIMEOUT,
                )
            except Exception:
                log.warning("publishing event %s failed; feeds will read it from the log", event.id)

    @contextlib.asynccontextmanager
    async def connected(self, url: str) -> AsyncIterator[Broadcast]:
        """Connect for the lifespan of a process and keep the connection alive."""
        self.url = url
        self.broadcast = make_broadcast(url)
        await self.broadcast.connect()
        try:
            async with running(self._watch(), name="broadcast-watchdog"):
                yield self.broadcast
        finally:
            broadcast, self.broadcast = self.broadcast, None
            if broadcast is not None:
                with contextlib.suppress(Exception):
                    await broadcast.disconnect()

    def healthy(self) -> bool:
        """Whether the broadcaster's listener is still running."""
        task = getattr(self.broadcast, "_listener_task", None)  # broadcaster is pinned exactly
        return self.broadcast is not None and task is not None and not task.done()

    async def _watch(self, interval: float = 1.0) -> None:
        while True:
            await asyncio.sleep(interval)
            if self.healthy() or self.url is None:
                continue
            log.warning("broadcast listener stopped; reconnecting")
            old = self.broadcast
            try:
                fresh = make_broadcast(self.url)
                await fresh.connect()
            except Exception:
                log.warning("broadcast reconnect failed; retrying")
                continue
            self.broadcast = fresh
            if old is not None:
                with contextlib.suppress(Exception):
                    await old.disconnect()


publisher = Publisher()
