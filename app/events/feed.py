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
from collections.abc import Callable
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


class Subscriber:
    """A local subscriber: its bounded buffer of pending items and how to tell it that it was
    cut off. Lighter than an ``asyncio.Queue`` (four deques, an Event and a dict per queue):
    one list, and a future only while the subscriber waits; this object exists once per
    subscription, so its size counts at 10,000 subscribers."""

    __slots__ = ("_limit", "_pending", "_waiter", "on_overflow")

    def __init__(self, limit: int, on_overflow: Callable[[], None]) -> None:
        self._limit = limit
        self._pending: list[FeedItem] = []
        self._waiter: asyncio.Future[None] | None = None
        self.on_overflow = on_overflow

    def offer(self, item: FeedItem) -> bool:
        """Buffer an item and wake the subscriber; False when its buffer is full."""
        if len(self._pending) >= self._limit:
            return False
        self._pending.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
        return True

    async def get(self) -> FeedItem:
        """The oldest buffered item, waiting for one when there is none."""
        while not self._pending:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._pending.pop(0)  # at most `limit` items: a short list


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
            if not sub.offer(item):
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

    async def join(
        self, organization_id: int, on_overflow: Callable[[], None]
    ) -> tuple[Subscriber, int]:
        """Register a subscriber; returns it and the last event id delivered before it joined
        (replay up to that id from the log, then read the buffer: no gap, no duplicate).
        Pair with ``leave`` in a ``finally`` (a plain pair rather than a context manager: one
        generator and one context-manager object fewer per subscription)."""
        async with self._lock:
            feed = self.feeds.get(organization_id)
            if feed is None:
                newest = await Event.filter(organization_id=organization_id).order_by("-id").first()
                feed = OrgFeed(self, organization_id, newest.id if newest else 0)
                self.feeds[organization_id] = feed
            sub = Subscriber(self.buffer, on_overflow)
            feed.subscribers.add(sub)
            if feed.task is None or feed.task.done():
                feed.task = asyncio.create_task(feed.run(), name=f"feed-{organization_id}")
            return sub, feed.last_id

    def leave(self, organization_id: int, sub: Subscriber) -> None:
        """Unregister a subscriber; the organization's reader stops with its last one."""
        feed = self.feeds.get(organization_id)
        if feed is None:
            return
        feed.subscribers.discard(sub)
        if not feed.subscribers:
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
