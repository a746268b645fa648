"""Pushing committed events to broadcaster. The log is the source of truth: a failed
publish is logged and never undoes or loses the committed change."""

import logging
from collections.abc import Sequence

from broadcaster import Broadcast

from app.events.channels import organization_channel
from app.events.envelope import EventEnvelope

log = logging.getLogger(__name__)


class Publisher:
    """Holds the process's connected Broadcast (set by the lifespan or a test fixture)."""

    def __init__(self) -> None:
        self.broadcast: Broadcast | None = None

    async def publish(self, events: Sequence[EventEnvelope]) -> None:
        """Send committed events to their organization channel; never raises."""
        if self.broadcast is None:
            return
        for event in events:
            try:
                await self.broadcast.publish(
                    organization_channel(event.organization_id), event.to_json()
                )
            except Exception:
                log.exception("publishing event %s failed; it stays in the log", event.id)


publisher = Publisher()
