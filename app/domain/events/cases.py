"""Events about cases (Persona's ``case.*`` names)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from app.domain.events.base import DomainEvent, SubjectType, payload_field
from app.domain.events.names import EventName
from app.domain.objects import ObjectType

_CASE = SubjectType.CASE


@dataclass(frozen=True)
class LinkedObject:
    """An object linked to or unlinked from a case."""

    type: ObjectType = payload_field("Kind of object (inquiry, account, report, ...).")
    id: int = payload_field("Its id (the number inside its global id).")


@dataclass(frozen=True)
class FieldChange:
    """One custom field's value before and after."""

    old: Any = payload_field("Value before (null: unset).")
    new: Any = payload_field("Value after (null: cleared).")


@dataclass(frozen=True, kw_only=True)
class CaseCreated(DomainEvent):
    """A case was opened from a template."""

    event_name: ClassVar[str] = EventName.CASE_CREATED
    subject_type: ClassVar[SubjectType] = _CASE

    name: str = payload_field("The case's name, e.g. KYC-12.")
    template_id: int = payload_field("Its template.", ref=SubjectType.CASE_TEMPLATE)
    template_key: str = payload_field("The template's key, e.g. KYC.")
    status: str = payload_field("The initial status.")
    tags: tuple[str, ...] = payload_field("Tags given at creation.")
    objects: tuple[LinkedObject, ...] = payload_field("Objects linked at creation.")


@dataclass(frozen=True, kw_only=True)
class CaseAssigned(DomainEvent):
    """A case got a new assignee, or was unassigned (`assignee_id` null). Whoever assigns
    (a person, a key, a policy, a workflow), the payload has this one shape."""

    event_name: ClassVar[str] = EventName.CASE_ASSIGNED
    subject_type: ClassVar[SubjectType] = _CASE

    assignee_id: int | None = payload_field(
        "The new assignee (null: unassigned).", ref=SubjectType.USER
    )
    previous_assignee_id: int | None = payload_field(
        "The assignee before (null: none).", ref=SubjectType.USER
    )
    explanation: dict[str, Any] | None = payload_field(
        "How the assignment policy chose: policy, chosen user, reason, every candidate with "
        "availability, open cases and why it was excluded (null when a person chose).",
        default=None,
    )
    reason: str | None = payload_field(
        "Why the case changed hands when nobody chose (e.g. the assignee became unavailable).",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class CaseAssignmentDeferred(DomainEvent):
    """The template's policy found nobody who can take the case now; it waits for capacity."""

    event_name: ClassVar[str] = EventName.CASE_ASSIGNMENT_DEFERRED
    subject_type: ClassVar[SubjectType] = _CASE

    explanation: dict[str, Any] = payload_field(
        "Why nobody could take it: policy, reason and every candidate (as on case.assigned)."
    )


@dataclass(frozen=True, kw_only=True)
class CaseStatusEvent(DomainEvent):
    """Shared payload of the status events."""

    subject_type: ClassVar[SubjectType] = _CASE

    status: str = payload_field("The status entered.")
    previous_status: str = payload_field("The status left.")
    comment: str | None = payload_field("The reviewer's comment on the change, if any.")
    resolution: str | None = payload_field("The resolution (the end status), null while open.")


@dataclass(frozen=True, kw_only=True)
class CaseStatusUpdated(CaseStatusEvent):
    """A case entered another status of its template."""

    event_name: ClassVar[str] = EventName.CASE_STATUS_UPDATED


@dataclass(frozen=True, kw_only=True)
class CaseResolved(CaseStatusEvent):
    """A case entered an end status (follows its ``case.status-updated``)."""

    event_name: ClassVar[str] = EventName.CASE_RESOLVED


@dataclass(frozen=True, kw_only=True)
class CaseReopened(CaseStatusEvent):
    """A resolved case left its end status (follows its ``case.status-updated``)."""

    event_name: ClassVar[str] = EventName.CASE_REOPENED


@dataclass(frozen=True, kw_only=True)
class CaseUpdatedFields(DomainEvent):
    """Custom field values of a case changed."""

    event_name: ClassVar[str] = EventName.CASE_UPDATED_FIELDS
    subject_type: ClassVar[SubjectType] = _CASE

    changes: dict[str, FieldChange] = payload_field("Each changed field's key: old and new value.")


@dataclass(frozen=True, kw_only=True)
class CaseUpdatedTags(DomainEvent):
    """A case's tags were replaced."""

    event_name: ClassVar[str] = EventName.CASE_UPDATED_TAGS
    subject_type: ClassVar[SubjectType] = _CASE

    tags: tuple[str, ...] = payload_field("The tags now.")
    added: tuple[str, ...] = payload_field("Tags added.")
    removed: tuple[str, ...] = payload_field("Tags removed.")


@dataclass(frozen=True, kw_only=True)
class CaseSlaUpdated(DomainEvent):
    """A case's SLA deadline was set, moved or cleared."""

    event_name: ClassVar[str] = EventName.CASE_SLA_UPDATED
    subject_type: ClassVar[SubjectType] = _CASE

    sla_expires_at: dt.datetime | None = payload_field("The new deadline (null: no SLA).")


@dataclass(frozen=True, kw_only=True)
class CaseSlaWarning(DomainEvent):
    """A case's SLA deadline is near: the template's warning time before it was reached
    while the case was open and its clock running. Emitted once per deadline."""

    event_name: ClassVar[str] = EventName.CASE_SLA_WARNING
    subject_type: ClassVar[SubjectType] = _CASE

    sla_expires_at: dt.datetime = payload_field("The deadline that is near.")
    assignee_id: int | None = payload_field(
        "The assignee at the time (null: unassigned).", ref=SubjectType.USER
    )


@dataclass(frozen=True, kw_only=True)
class CaseSlaExpired(DomainEvent):
    """A case's SLA deadline passed while the case was open and its clock running (Persona's
    "Case SLA expired"). Emitted once per deadline."""

    event_name: ClassVar[str] = EventName.CASE_SLA_EXPIRED
    subject_type: ClassVar[SubjectType] = _CASE

    sla_expires_at: dt.datetime = payload_field("The deadline that passed.")
    assignee_id: int | None = payload_field(
        "The assignee at the time (null: unassigned).", ref=SubjectType.USER
    )


@dataclass(frozen=True, kw_only=True)
class CaseObjectsAdded(DomainEvent):
    """Objects were linked to a case (including JSON documents attached)."""

    event_name: ClassVar[str] = EventName.CASE_OBJECTS_ADDED
    subject_type: ClassVar[SubjectType] = _CASE

    objects: tuple[LinkedObject, ...] = payload_field("The objects newly linked.")


@dataclass(frozen=True, kw_only=True)
class CaseObjectsRemoved(DomainEvent):
    """Objects were unlinked from a case."""

    event_name: ClassVar[str] = EventName.CASE_OBJECTS_REMOVED
    subject_type: ClassVar[SubjectType] = _CASE

    objects: tuple[LinkedObject, ...] = payload_field("The objects unlinked.")


@dataclass(frozen=True, kw_only=True)
class CaseCommented(DomainEvent):
    """A comment was added to a case (also with a status change that carried one)."""

    event_name: ClassVar[str] = EventName.CASE_COMMENTED
    subject_type: ClassVar[SubjectType] = _CASE

    comment_id: int = payload_field("The comment's id.")
    body: str = payload_field("The comment's text.")


@dataclass(frozen=True, kw_only=True)
class WorkflowNotified(DomainEvent):
    """A workflow's notify step queued emails about a case."""

    event_name: ClassVar[str] = EventName.WORKFLOW_NOTIFIED
    subject_type: ClassVar[SubjectType] = _CASE

    recipients: tuple[str, ...] = payload_field("Email addresses notified.")
    subject: str = payload_field("The email's subject line.")
