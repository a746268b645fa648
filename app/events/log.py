"""Appending to and reading the durable event log."""

from typing import Any

from tortoise.connection import get_connection

from app.db.models import Event
from app.domain.principal import Actor

EVENT_LOG_LOCK = 0x6361_7365  # "case": the one advisory lock that orders event appends


async def append_event(
    *,
    organization_id: int,
    name: str,
    subject_type: str,
    subject_id: int,
    actor: Actor,
    payload: dict[str, Any],
) -> Event:
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
        name=name,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_type=actor.type.value,
        actor_id=actor.id,
        payload=payload,
    )
