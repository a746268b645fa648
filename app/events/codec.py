"""The one place that turns a typed event into the stored JSON payload and back."""

from typing import Any

from pydantic import TypeAdapter

from app.domain.events import DomainEvent, event_class

_ADAPTERS: dict[type[DomainEvent], TypeAdapter[Any]] = {}


def _adapter(cls: type[DomainEvent]) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def encode(event: DomainEvent) -> dict[str, Any]:
    """The payload as stored and published: the event's fields but its subject, as JSON."""
    data: dict[str, Any] = _adapter(type(event)).dump_python(event, mode="json")
    del data["subject_id"]
    return data


def decode(name: str, subject_id: int, payload: dict[str, Any], version: int) -> DomainEvent | None:
    """The typed event of a stored payload written at ``version`` (None for a name no class
    declares, e.g. one removed from the registry)."""
    cls = event_class(name)
    if cls is None:
        return None
    if version < cls.payload_version:
        payload = cls.upgrade(dict(payload), version)
    return _adapter(cls).validate_python({**payload, "subject_id": subject_id})
