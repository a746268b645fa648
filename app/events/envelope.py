"""The JSON envelope an event travels in, from the log to broadcaster and back."""

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from app.db.models import Event


@dataclass(frozen=True)
class EventEnvelope:
    """One committed event, as published to subscribers."""

    id: int
    organization_id: int
    name: str
    subject_type: str
    subject_id: int
    actor_type: str
    actor_id: str
    payload: dict[str, Any]
    created_at: str

    @classmethod
    def from_row(cls, row: Event) -> "EventEnvelope":
        """Build the envelope of a stored event row."""
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
        )

    def to_json(self) -> str:
        """Serialize for broadcaster (which carries strings only)."""
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "EventEnvelope":
        """Parse a message received from broadcaster."""
        return cls(**json.loads(text))
