"""Appending to the durable event log."""

from tortoise.connection import get_connection

from app.db.models import Event
from app.domain.events import DomainEvent
from app.domain.principal import Actor
from app.events.codec import encode

EVENT_LOG_LOCK = 0x6361_7365  # "case": the one advisory lock that orders event appends


async def append_event(*, organization_id: int, event: DomainEvent, actor: Actor) -> Event:
    """Append one event; call inside the transaction of the change it describes.

    On PostgreSQL a transaction-scoped advisory lock makes event ids increase in commit
    order, so a reader that has seen id N has seen every committed id below N: consumers
    and resuming subscribers never skip an event committed late.
    """
    connection = get_connection("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [EVENT_LOG_LOCK])
    return await Event.create(
        organization_id=organization_id,
        name=event.event_name,
        subject_type=event.subject_type.value,
        subject_id=event.subject_id,
        actor_type=actor.type.value,
        actor_id=actor.id,
        payload=encode(event),
        payload_version=event.payload_version,
    )
