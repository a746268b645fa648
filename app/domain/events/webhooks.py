"""Events about integrations: outbound webhooks (their configuration and automatic
disabling) and Persona integrations."""

from dataclasses import dataclass
from typing import ClassVar

from app.domain.events.base import DomainEvent, SubjectType, payload_field
from app.domain.events.names import EventName

_WEBHOOK = SubjectType.WEBHOOK


@dataclass(frozen=True, kw_only=True)
class WebhookCreated(DomainEvent):
    """A webhook was created (enabled)."""

    event_name: ClassVar[str] = EventName.WEBHOOK_CREATED
    subject_type: ClassVar[SubjectType] = _WEBHOOK

    url: str = payload_field("Where events are posted.")
    enabled_events: tuple[str, ...] = payload_field("Event names it receives, or *.")


@dataclass(frozen=True, kw_only=True)
class WebhookUpdated(DomainEvent):
    """A webhook's URL, events or description changed."""

    event_name: ClassVar[str] = EventName.WEBHOOK_UPDATED
    subject_type: ClassVar[SubjectType] = _WEBHOOK

    changed: tuple[str, ...] = payload_field("Names of the settings that changed.")


@dataclass(frozen=True, kw_only=True)
class WebhookEnabled(DomainEvent):
    """A disabled webhook was enabled again."""

    event_name: ClassVar[str] = EventName.WEBHOOK_ENABLED
    subject_type: ClassVar[SubjectType] = _WEBHOOK


@dataclass(frozen=True, kw_only=True)
class WebhookDisabled(DomainEvent):
    """A webhook was disabled (by an admin, or after failing continuously); its pending
    deliveries were marked failed."""

    event_name: ClassVar[str] = EventName.WEBHOOK_DISABLED
    subject_type: ClassVar[SubjectType] = _WEBHOOK

    reason: str = payload_field("Why: `admin`, or `failing` (failed continuously too long).")
    cancelled_deliveries: int = payload_field("Pending deliveries marked failed.", default=0)


@dataclass(frozen=True, kw_only=True)
class WebhookSecretRotated(DomainEvent):
    """A webhook got a new signing secret; the previous one signs too until it expires."""

    event_name: ClassVar[str] = EventName.WEBHOOK_SECRET_ROTATED
    subject_type: ClassVar[SubjectType] = _WEBHOOK

    previous_secret_expires_at: str | None = payload_field(
        "When the previous secret stops signing (ISO 8601; null: at once).", default=None
    )


@dataclass(frozen=True, kw_only=True)
class WebhookDeleted(DomainEvent):
    """A webhook was deleted with its deliveries."""

    event_name: ClassVar[str] = EventName.WEBHOOK_DELETED
    subject_type: ClassVar[SubjectType] = _WEBHOOK

    url: str = payload_field("The URL it posted to.")


@dataclass(frozen=True, kw_only=True)
class PersonaIntegrationCreated(DomainEvent):
    """A Persona environment was connected: its webhooks are accepted and decisions on its
    inquiries are written back (its secrets are stored encrypted and never appear here)."""

    event_name: ClassVar[str] = EventName.PERSONA_INTEGRATION_CREATED
    subject_type: ClassVar[SubjectType] = SubjectType.PERSONA_INTEGRATION

    api_base_url: str = payload_field("The Persona API that decisions are written back to.")
