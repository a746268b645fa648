"""Events about inquiries and the objects other systems send (accounts, reports, ...)."""

from dataclasses import dataclass
from typing import ClassVar

from app.domain.events.base import DomainEvent, SubjectType, payload_field
from app.domain.events.names import EventName
from app.domain.objects import InquiryStatus, ReportStatus

_INQUIRY = SubjectType.INQUIRY


@dataclass(frozen=True, kw_only=True)
class InquiryCreated(DomainEvent):
    """An inquiry was recorded."""

    event_name: ClassVar[str] = EventName.INQUIRY_CREATED
    subject_type: ClassVar[SubjectType] = _INQUIRY

    reference_id: str | None = payload_field("Your reference for the end user.")
    status: InquiryStatus = payload_field("The status it was recorded in.")


@dataclass(frozen=True, kw_only=True)
class InquiryUpdated(DomainEvent):
    """An inquiry's details changed (not its status)."""

    event_name: ClassVar[str] = EventName.INQUIRY_UPDATED
    subject_type: ClassVar[SubjectType] = _INQUIRY

    changed: tuple[str, ...] = payload_field("Names of the attributes that changed.")


@dataclass(frozen=True, kw_only=True)
class InquiryStatusEvent(DomainEvent):
    """Shared payload of the inquiry lifecycle events (one name per status entered)."""

    subject_type: ClassVar[SubjectType] = _INQUIRY

    status: InquiryStatus = payload_field("The status entered.")
    previous_status: InquiryStatus = payload_field("The status left.")
    comment: str | None = payload_field("Why, when the decision carried a comment.")


@dataclass(frozen=True, kw_only=True)
class InquiryStarted(InquiryStatusEvent):
    """The end user started the inquiry (status pending)."""

    event_name: ClassVar[str] = EventName.INQUIRY_STARTED


@dataclass(frozen=True, kw_only=True)
class InquiryCompleted(InquiryStatusEvent):
    """The end user finished every step (status completed)."""

    event_name: ClassVar[str] = EventName.INQUIRY_COMPLETED


@dataclass(frozen=True, kw_only=True)
class InquiryFailed(InquiryStatusEvent):
    """The inquiry failed (status failed)."""

    event_name: ClassVar[str] = EventName.INQUIRY_FAILED


@dataclass(frozen=True, kw_only=True)
class InquiryExpired(InquiryStatusEvent):
    """The inquiry expired before it was finished (status expired)."""

    event_name: ClassVar[str] = EventName.INQUIRY_EXPIRED


@dataclass(frozen=True, kw_only=True)
class InquiryMarkedForReview(InquiryStatusEvent):
    """The inquiry needs a person's review (status needs_review)."""

    event_name: ClassVar[str] = EventName.INQUIRY_MARKED_FOR_REVIEW


@dataclass(frozen=True, kw_only=True)
class InquiryApproved(InquiryStatusEvent):
    """The inquiry was approved (status approved)."""

    event_name: ClassVar[str] = EventName.INQUIRY_APPROVED


@dataclass(frozen=True, kw_only=True)
class InquiryDeclined(InquiryStatusEvent):
    """The inquiry was declined (status declined)."""

    event_name: ClassVar[str] = EventName.INQUIRY_DECLINED


INQUIRY_STATUS_EVENTS: dict[InquiryStatus, type[InquiryStatusEvent]] = {
    InquiryStatus.PENDING: InquiryStarted,
    InquiryStatus.COMPLETED: InquiryCompleted,
    InquiryStatus.FAILED: InquiryFailed,
    InquiryStatus.EXPIRED: InquiryExpired,
    InquiryStatus.NEEDS_REVIEW: InquiryMarkedForReview,
    InquiryStatus.APPROVED: InquiryApproved,
    InquiryStatus.DECLINED: InquiryDeclined,
}


@dataclass(frozen=True, kw_only=True)
class AccountCreated(DomainEvent):
    """An account (the customer's end user) was recorded."""

    event_name: ClassVar[str] = EventName.ACCOUNT_CREATED
    subject_type: ClassVar[SubjectType] = SubjectType.ACCOUNT

    reference_id: str | None = payload_field("Your reference for the end user.")


@dataclass(frozen=True, kw_only=True)
class ReportEvent(DomainEvent):
    """Shared payload of the report events."""

    subject_type: ClassVar[SubjectType] = SubjectType.REPORT

    report_type: str = payload_field("Kind of report, e.g. watchlist.")
    status: ReportStatus = payload_field("The report's status.")
    has_match: bool = payload_field("Whether the report found a match.")


@dataclass(frozen=True, kw_only=True)
class ReportCreated(ReportEvent):
    """A report was recorded."""

    event_name: ClassVar[str] = EventName.REPORT_CREATED


@dataclass(frozen=True, kw_only=True)
class ReportReady(ReportEvent):
    """A report's results are ready (recorded as ready)."""

    event_name: ClassVar[str] = EventName.REPORT_READY


@dataclass(frozen=True, kw_only=True)
class VerificationCreated(DomainEvent):
    """A verification was recorded."""

    event_name: ClassVar[str] = EventName.VERIFICATION_CREATED
    subject_type: ClassVar[SubjectType] = SubjectType.VERIFICATION

    verification_type: str = payload_field("Kind of verification, e.g. government-id.")
    status: str = payload_field("Its status as the sending system reports it.")


@dataclass(frozen=True, kw_only=True)
class TransactionCreated(DomainEvent):
    """A transaction was recorded."""

    event_name: ClassVar[str] = EventName.TRANSACTION_CREATED
    subject_type: ClassVar[SubjectType] = SubjectType.TRANSACTION

    transaction_type: str = payload_field("Kind of transaction.")
    status: str = payload_field("Its status as the sending system reports it.")
    reference_id: str | None = payload_field("Your reference for it.")
