"""Transactions and the events they append: the one way to write and then publish.

``transaction()`` is the only place that publishes. The outermost block publishes its events
once it has committed; a nested block (a savepoint, e.g. one workflow step or one service
called by a worker) hands its events to the enclosing block when it ends without error and
drops them when it rolls back, so a rolled-back savepoint never publishes anything.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from tortoise.transactions import in_transaction

from app.domain.events import DomainEvent
from app.domain.principal import Actor
from app.events.envelope import EventEnvelope
from app.events.log import append_event
from app.events.publisher import publisher

_PENDING: ContextVar[list[EventEnvelope] | None] = ContextVar("pending_events", default=None)


@asynccontextmanager
async def transaction() -> AsyncIterator[list[EventEnvelope]]:
    """Run a block in one transaction (a savepoint when nested); yields the list its events
    are collected in, published after the outermost commit."""
    parent = _PENDING.get()
    mine: list[EventEnvelope] = []
    token = _PENDING.set(mine)
    try:
        async with in_transaction():
            yield mine
    finally:
        _PENDING.reset(token)
    if parent is not None:
        parent.extend(mine)
    else:
        await publisher.publish(mine)


class UnitOfWork:
    """Appends a command's events to the log inside its transaction."""

    def __init__(self, organization_id: int, actor: Actor, events: list[EventEnvelope]) -> None:
        self.organization_id = organization_id
        self.actor = actor
        self.events = events

    async def emit(self, event: DomainEvent, *, actor: Actor | None = None) -> EventEnvelope:
        """Append a typed event to the log in the current transaction."""
        who = actor or self.actor
        row = await append_event(organization_id=self.organization_id, event=event, actor=who)
        envelope = EventEnvelope.from_row(row, event)
        self.events.append(envelope)
        return envelope


@asynccontextmanager
async def unit_of_work(organization_id: int, actor: Actor) -> AsyncIterator[UnitOfWork]:
    """Run a command in one transaction; its events are published after the commit."""
    async with transaction() as events:
        yield UnitOfWork(organization_id, actor, events)
