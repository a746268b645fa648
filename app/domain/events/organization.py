"""Events about the organization's setup: templates, people, teams, keys, workflows."""

from dataclasses import dataclass
from typing import ClassVar

from app.domain.events.base import DomainEvent, SubjectType, payload_field
from app.domain.events.names import EventName
from app.domain.principal import Availability, Role

_TEMPLATE = SubjectType.CASE_TEMPLATE
_USER = SubjectType.USER
_WORKFLOW = SubjectType.WORKFLOW


@dataclass(frozen=True, kw_only=True)
class CaseTemplateCreated(DomainEvent):
    """A case template was created."""

    event_name: ClassVar[str] = EventName.CASE_TEMPLATE_CREATED
    subject_type: ClassVar[SubjectType] = _TEMPLATE

    key: str = payload_field("The template's key, e.g. KYC.")
    name: str = payload_field("The template's name.")


@dataclass(frozen=True, kw_only=True)
class CaseTemplateUpdated(DomainEvent):
    """A case template's settings changed."""

    event_name: ClassVar[str] = EventName.CASE_TEMPLATE_UPDATED
    subject_type: ClassVar[SubjectType] = _TEMPLATE

    changed: tuple[str, ...] = payload_field("Names of the settings that changed.")


@dataclass(frozen=True, kw_only=True)
class CaseTemplateArchived(DomainEvent):
    """A case template was archived: no new case may use it."""

    event_name: ClassVar[str] = EventName.CASE_TEMPLATE_ARCHIVED
    subject_type: ClassVar[SubjectType] = _TEMPLATE


@dataclass(frozen=True, kw_only=True)
class UserCreated(DomainEvent):
    """A user joined the organization."""

    event_name: ClassVar[str] = EventName.USER_CREATED
    subject_type: ClassVar[SubjectType] = _USER

    email: str = payload_field("The user's email.")
    role: Role | None = payload_field("The user's role.", default=None)


@dataclass(frozen=True, kw_only=True)
class UserAvailabilityUpdated(DomainEvent):
    """A reviewer's availability changed."""

    event_name: ClassVar[str] = EventName.USER_AVAILABILITY_UPDATED
    subject_type: ClassVar[SubjectType] = _USER

    availability: Availability = payload_field("The availability now.")
    previous: Availability = payload_field("The availability before.")


@dataclass(frozen=True, kw_only=True)
class UserRoleUpdated(DomainEvent):
    """A user's role changed: every key of the user acts with the new role, and the user's
    open WebSockets close (4403) so that they reconnect with it."""

    event_name: ClassVar[str] = EventName.USER_ROLE_UPDATED
    subject_type: ClassVar[SubjectType] = _USER

    role: Role = payload_field("The role now.")
    previous: Role = payload_field("The role before.")


@dataclass(frozen=True, kw_only=True)
class UserNotificationsRead(DomainEvent):
    """A user marked inbox entries read."""

    event_name: ClassVar[str] = EventName.USER_NOTIFICATIONS_READ
    subject_type: ClassVar[SubjectType] = _USER

    notification_ids: tuple[int, ...] = payload_field("The entries marked read.")


@dataclass(frozen=True, kw_only=True)
class NotificationCreated(DomainEvent):
    """A user got an inbox entry (the subject is the recipient)."""

    event_name: ClassVar[str] = EventName.NOTIFICATION_CREATED
    subject_type: ClassVar[SubjectType] = _USER

    notification_id: int = payload_field("The inbox entry.")
    case_id: int | None = payload_field(
        "The case it is about (null: not about a case, e.g. a disabled webhook).",
        ref=SubjectType.CASE,
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class TeamCreated(DomainEvent):
    """A team was created."""

    event_name: ClassVar[str] = EventName.TEAM_CREATED
    subject_type: ClassVar[SubjectType] = SubjectType.TEAM

    name: str = payload_field("The team's name.")
    member_ids: tuple[int, ...] = payload_field("Its first members.", ref=_USER)


@dataclass(frozen=True, kw_only=True)
class TeamMembersSet(DomainEvent):
    """A team's members were replaced."""

    event_name: ClassVar[str] = EventName.TEAM_MEMBERS_SET
    subject_type: ClassVar[SubjectType] = SubjectType.TEAM

    added: tuple[int, ...] = payload_field("Members added.", ref=_USER)
    removed: tuple[int, ...] = payload_field("Members removed.", ref=_USER)


@dataclass(frozen=True, kw_only=True)
class ApiKeyCreated(DomainEvent):
    """An API key was minted."""

    event_name: ClassVar[str] = EventName.API_KEY_CREATED
    subject_type: ClassVar[SubjectType] = SubjectType.API_KEY

    name: str = payload_field("The key's name.")
    user_id: int | None = payload_field(
        "The user it acts for (null: a service key).", ref=_USER, default=None
    )
    prefix: str | None = payload_field("The key's visible prefix.", default=None)


@dataclass(frozen=True, kw_only=True)
class ApiKeyRevoked(DomainEvent):
    """An API key was revoked: it stops working everywhere, open sockets included."""

    event_name: ClassVar[str] = EventName.API_KEY_REVOKED
    subject_type: ClassVar[SubjectType] = SubjectType.API_KEY


@dataclass(frozen=True, kw_only=True)
class WorkflowCreated(DomainEvent):
    """A workflow was created (as a draft)."""

    event_name: ClassVar[str] = EventName.WORKFLOW_CREATED
    subject_type: ClassVar[SubjectType] = _WORKFLOW


@dataclass(frozen=True, kw_only=True)
class WorkflowDraftUpdated(DomainEvent):
    """A workflow's draft (or name) changed."""

    event_name: ClassVar[str] = EventName.WORKFLOW_DRAFT_UPDATED
    subject_type: ClassVar[SubjectType] = _WORKFLOW


@dataclass(frozen=True, kw_only=True)
class WorkflowPublished(DomainEvent):
    """A workflow's draft was frozen as its next version."""

    event_name: ClassVar[str] = EventName.WORKFLOW_PUBLISHED
    subject_type: ClassVar[SubjectType] = _WORKFLOW

    version: int = payload_field("The version published.")


@dataclass(frozen=True, kw_only=True)
class WorkflowPaused(DomainEvent):
    """A workflow was paused: events no longer start runs."""

    event_name: ClassVar[str] = EventName.WORKFLOW_PAUSED
    subject_type: ClassVar[SubjectType] = _WORKFLOW


@dataclass(frozen=True, kw_only=True)
class WorkflowResumed(DomainEvent):
    """A paused workflow was resumed."""

    event_name: ClassVar[str] = EventName.WORKFLOW_RESUMED
    subject_type: ClassVar[SubjectType] = _WORKFLOW
