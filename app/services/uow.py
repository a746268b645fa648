"""One transaction per command: rows and their events commit together, then get published."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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


@asynccontextmanager
async def unit_of_work(organization_id: int, actor: Actor) -> AsyncIterator[UnitOfWork]:
    """Run a block in one transaction; publish its events only after the commit."""
    uow = UnitOfWork(organization_id, actor)
    async with in_transaction():
        yield uow
    await publisher.publish(uow.events)
