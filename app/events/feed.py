"""Live feeds: one hub per process fans committed events out to local subscribers.

Per organization the hub keeps one broadcaster subscription and one reader task. The reader
delivers events strictly in id order: a broadcast message whose id jumps ahead first pulls the
skipped ids from the log, and when the channel is quiet for ``poll_seconds`` the reader asks
the log for anything newer (a lost publish, Redis down, a replica restarted). So the log stays
the source of truth, and the database reads per event do not depend on how many subscribers
watch: one catch-up query per organization, and whatever the GraphQL layer memoizes on the
shared ``FeedItem``.

Each subscriber has a bounded queue. A subscriber that does not keep up is cut off: removed
from the feed and told through ``on_overflow`` (the transport closes the socket), so it costs
at most ``buffer`` queued items.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from app.db.models import Event
from app.events.channels import organization_channel
from app.events.envelope import EventEnvelope
from app.events.publisher import Publisher

log = logging.getLogger(__name__)


@dataclass(eq=False)
class FeedItem:
    """One event as delivered; ``shared`` memoizes per-event work across subscribers."""

    event: EventEnvelope
    shared: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Subscriber:
    """A local subscriber: its bounded queue and how to tell it that it was cut off."""

    queue: asyncio.Queue[FeedItem]
    on_overflow: Callable[[], None]


class OrgFeed:
    """The events of one organization in this process."""

    def __init__(self, hub: "FeedHub", organization_id: int, last_id: int) -> None:
        self.hub = hub
        self.organization_id = organization_id
        self.last_id = last_id
        self.subscribers: set[Subscriber] = set()
        self.task: asyncio.Task[None] | None = None

    def dispatch(self, event: EventEnvelope) -> None:
        if event.id <= self.last_id:
            return
        self.last_id = event.id
        item = FeedItem(event)
        for sub in list(self.subscribers):
            try:
                sub.queue.put_nowait(item)
            except asyncio.QueueFull:
                self.subscribers.discard(sub)
                sub.on_overflow()

    async def catch_up(self, below: int | None = None) -> None:
        """Deliver logged events after ``last_id`` (and below ``below`` when given)."""
        while True:
            query = Event.filter(organization_id=self.organization_id, id__gt=self.last_id)
            if below is not None:
                query = query.filter(id__lt=below)
            rows = await query.order_by("id").limit(500)
            for row in rows:
                self.dispatch(EventEnvelope.from_row(row))
            if len(rows) < 500:
                return

    async def run(self) -> None:
        channel = organization_channel(self.organization_id)
        while self.subscribers:
            broadcast = self.hub.publisher.broadcast
            try:
                if broadcast is None:
                    await self.catch_up()
                    await asyncio.sleep(self.hub.poll_seconds)
                    continue
                async with broadcast.subscribe(channel) as messages:
                    await self.catch_up()
                    while self.subscribers and self.hub.publisher.broadcast is broadcast:
                        try:
                            message = await asyncio.wait_for(messages.get(), self.hub.poll_seconds)
                        except TimeoutError:
                            await self.catch_up()
                            continue
                        event = EventEnvelope.from_json(message.message)
                        if event.id > self.last_id + 1:
                            await self.catch_up(below=event.id)
                        self.dispatch(event)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("feed of organization %s failed; retrying", self.organization_id)
                await asyncio.sleep(self.hub.poll_seconds)


class FeedHub:
    """Every live feed of this process."""

    def __init__(self, publisher: Publisher, *, poll_seconds: float = 1.0, buffer: int = 256):
        self.publisher = publisher
        self.poll_seconds = poll_seconds
        self.buffer = buffer
        self.feeds: dict[int, OrgFeed] = {}
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def subscribe(
        self, organization_id: int, on_overflow: Callable[[], None]
    ) -> AsyncIterator[tuple[Subscriber, int]]:
        """Register a subscriber; yields it and the last event id delivered before it joined
        (replay up to that id from the log, then read the queue: no gap, no duplicate)."""
        async with self._lock:
            feed = self.feeds.get(organization_id)
            if feed is None:
                newest = await Event.filter(organization_id=organization_id).order_by("-id").first()
                feed = OrgFeed(self, organization_id, newest.id if newest else 0)
                self.feeds[organization_id] = feed
            sub = Subscriber(asyncio.Queue(maxsize=self.buffer), on_overflow)
            feed.subscribers.add(sub)
            seam = feed.last_id
            if feed.task is None or feed.task.done():
                feed.task = asyncio.create_task(feed.run(), name=f"feed-{organization_id}")
        try:
            yield sub, seam
        finally:
            feed.subscribers.discard(sub)
            if not feed.subscribers and self.feeds.get(organization_id) is feed:
                del self.feeds[organization_id]
                if feed.task is not None:
                    feed.task.cancel()

    async def close(self) -> None:
        """Stop every feed (shutdown)."""
        for feed in list(self.feeds.values()):
            if feed.task is not None:
                feed.task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await feed.task
        self.feeds.clear()
