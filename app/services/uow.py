"""One transaction per command: rows and their events commit together, then get published."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from tortoise.transactions import in_transaction

from app.domain.principal import Actor
from app.events.envelope import EventEnvelope
from app.events.log import append_event
from app.events.publisher import publisher


class UnitOfWork:
    """Collects the events a command appends inside its transaction."""

    def __init__(self, organization_id: int, actor: Actor) -> None:
        self.organization_id = organization_id
        self.actor = actor
        self.events: list[EventEnvelope] = []

    async def emit(
        self,
        name: str,
        *,
        subject_type: str,
        subject_id: int,
        payload: dict[str, Any],
        actor: Actor | None = None,
    ) -> None:
        """Append an event to the log in the current transaction."""
        row = await append_event(
            organization_id=self.organization_id,
            name=name,
            subject_type=subject_type,
            subject_id=subject_id,
            actor=actor or self.actor,
            payload=payload,
        )
        self.events.append(EventEnvelope.from_row(row))


# Set while an outer transaction wraps service calls (a workflow step): their events are
# published when that outer transaction has committed, not when the inner savepoint ends.
_DEFERRED: ContextVar[list[EventEnvelope] | None] = ContextVar("deferred_events", default=None)


@asynccontextmanager
async def unit_of_work(organization_id: int, actor: Actor) -> AsyncIterator[UnitOfWork]:
    """Run a block in one transaction; publish its events only after the commit."""
    uow = UnitOfWork(organization_id, actor)
    async with in_transaction():
        yield uow
    deferred = _DEFERRED.get()
    if deferred is not None:
        deferred.extend(uow.events)
    else:
        await publisher.publish(uow.events)


@asynccontextmanager
async def publish_after_commit() -> AsyncIterator[list[EventEnvelope]]:
    """Wrap an outer transaction: events of services called inside it are published once the
    block ends without error (so after the outer commit), and never if it fails."""
    events: list[EventEnvelope] = []
    token = _DEFERRED.set(events)
    try:
        yield events
    finally:
        _DEFERRED.reset(token)
    await publisher.publish(events)
