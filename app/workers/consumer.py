"""Durable consumers of the event log.

A consumer keeps its position in ``consumer_position``. One batch runs in one transaction:
the position row is locked (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so replicas take turns
instead of waiting), the events after it are handled, and the new position commits with
everything the handlers wrote. A crash rolls the batch back and it is handled again: each
(consumer, event) takes effect exactly once. Events the handlers cause are published after
the batch commits.
"""

import logging
from abc import ABC, abstractmethod

from tortoise.transactions import in_transaction

from app.db.models import ConsumerPosition, Event
from app.events.envelope import EventEnvelope
from app.services.uow import publish_after_commit

log = logging.getLogger(__name__)


class LogConsumer(ABC):
    """Subclasses name themselves, choose events, and handle one event at a time."""

    name: str
    events: frozenset[str] | None  # None: every event

    @abstractmethod
    async def handle(self, event: Event, outbox: list[EventEnvelope]) -> None:
        """Apply one event inside the batch's transaction; append any events it causes."""

    async def after_batch(self, outbox: list[EventEnvelope]) -> None:
        """Work to do once per batch, still inside its transaction (default: nothing)."""
        return None

    async def run_once(self, *, batch: int = 200) -> int:
        """Handle the next batch of events; returns how many were read (0: caught up)."""
        async with publish_after_commit() as outbox, in_transaction():
            await ConsumerPosition.get_or_create(name=self.name)
            position = (
                await ConsumerPosition.filter(name=self.name)
                .select_for_update(skip_locked=True)
                .first()
            )
            if position is None:  # another replica holds this consumer right now
                return 0
            rows = await Event.filter(id__gt=position.last_event_id).order_by("id").limit(batch)
            for row in rows:
                if self.events is None or row.name in self.events:
                    await self.handle(row, outbox)
            await self.after_batch(outbox)
            if rows:
                position.last_event_id = rows[-1].id
                await position.save(update_fields=["last_event_id", "updated_at"])
        return len(rows)

    async def drain(self) -> int:
        """Run batches until caught up; returns how many events were read."""
        total = 0
        while n := await self.run_once():
            total += n
        return total
