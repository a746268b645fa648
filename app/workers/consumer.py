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

from app.db.models import ConsumerPosition, Event
from app.domain.events import DomainEvent, event_class
from app.events.envelope import EventEnvelope
from app.services.uow import transaction

log = logging.getLogger(__name__)


class LogConsumer(ABC):
    """Subclasses name themselves, choose event classes, and handle one event at a time."""

    name: str
    events: frozenset[type[DomainEvent]] | None  # None: every event

    @abstractmethod
    async def handle(self, event: EventEnvelope) -> None:
        """Apply one event inside the batch's transaction (``event.event`` is its typed value)."""

    async def after_batch(self) -> None:
        """Work to do once per batch, still inside its transaction (default: nothing)."""
        return None

    def wants(self, name: str) -> bool:
        """Whether events of this name are for this consumer."""
        return self.events is None or event_class(name) in self.events

    async def run_once(self, *, batch: int = 200) -> int:
        """Handle the next batch of events; returns how many were read (0: caught up)."""
        async with transaction():
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
                if self.wants(row.name):
                    await self.handle(EventEnvelope.from_row(row))
            await self.after_batch()
            if rows:
                position.last_event_id = rows[-1].id
                await position.save(update_fields=["last_event_id", "updated_at"])
        return len(rows)

    async def drain(self) -> int:
        """Run batches until caught up; returns how many were read."""
        total = 0
        while n := await self.run_once():
            total += n
        return total
