"""The JSON envelope an event travels in, from the log to broadcaster and back."""

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.db.models import Event
from app.domain.events import DomainEvent, SubjectType
from app.events.codec import decode


@dataclass(frozen=True)
class EventEnvelope:
    """One committed event, as published to subscribers; ``event`` is its typed value."""

    id: int
    organization_id: int
    name: str
    subject_type: str
    subject_id: int
    actor_type: str
    actor_id: str
    payload: dict[str, Any]
    created_at: str
    payload_version: int = 1
    known: DomainEvent | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_row(cls, row: Event, event: DomainEvent | None = None) -> "EventEnvelope":
        """Build the envelope of a stored event row (``event``: its typed value, if at hand)."""
        created: dt.datetime = row.created_at
        return cls(
            id=row.id,
            organization_id=row.organization_id,
            name=row.name,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            actor_type=row.actor_type,
            actor_id=row.actor_id,
            payload=row.payload,
            created_at=created.isoformat(),
            payload_version=row.payload_version,
            known=event,
        )

    @cached_property
    def event(self) -> DomainEvent | None:
        """The typed event (None for a name the registry no longer declares)."""
        if self.known is not None:
            return self.known
        return decode(self.name, self.subject_id, self.payload, self.payload_version)

    def is_about(self, subject: SubjectType) -> bool:
        """Whether the event's subject is of this kind."""
        return self.subject_type == subject.value

    def to_json(self) -> str:
        """Serialize for broadcaster (which carries strings only)."""
        fields = {
            "id": self.id,
            "organization_id": self.organization_id,
            "name": self.name,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "actor_type": self.actor_type,
            "actor_id": self.actor_id,
            "payload": self.payload,
            "created_at": self.created_at,
            "payload_version": self.payload_version,
        }
        return json.dumps(fields, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "EventEnvelope":
        """Parse a message received from broadcaster."""
        return cls(**json.loads(text))
