"""Appending to and reading the durable event log."""

from typing import Any

from app.db.models import Event
from app.domain.principal import Actor


async def append_event(
    *,
    organization_id: int,
    name: str,
    subject_type: str,
    subject_id: int,
    actor: Actor,
    payload: dict[str, Any],
) -> Event:
    """Append one event; call inside the transaction of the change it describes."""
    return await Event.create(
        organization_id=organization_id,
        name=name,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_type=actor.type.value,
        actor_id=actor.id,
        payload=payload,
    )
