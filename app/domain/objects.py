"""Objects a case links, and the inquiry status lifecycle."""

from enum import StrEnum

MAX_OBJECTS_PER_CASE = 1000
MAX_SLA_SECONDS = 90 * 24 * 3600


class ObjectType(StrEnum):
    """Kinds of object a case can link."""

    INQUIRY = "inquiry"
    ACCOUNT = "account"
    REPORT = "report"
    VERIFICATION = "verification"
    TRANSACTION = "transaction"
    DOCUMENT = "document"


class InquiryStatus(StrEnum):
    """Persona's inquiry statuses."""

    CREATED = "created"
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"
    EXPIRED = "expired"
    NEEDS_REVIEW = "needs_review"
    APPROVED = "approved"
    DECLINED = "declined"


class ReportStatus(StrEnum):
    """Persona's report statuses."""

    PENDING = "pending"
    READY = "ready"
    ERRORED = "errored"


_S = InquiryStatus
_DECISIONS = frozenset({_S.NEEDS_REVIEW, _S.APPROVED, _S.DECLINED})

# Persona's lifecycle: Created -> Pending -> Done (completed | failed | expired) -> decision.
INQUIRY_TRANSITIONS: dict[InquiryStatus, frozenset[InquiryStatus]] = {
    _S.CREATED: frozenset({_S.PENDING, _S.COMPLETED, _S.FAILED, _S.EXPIRED}),
    _S.PENDING: frozenset({_S.COMPLETED, _S.FAILED, _S.EXPIRED}),
    _S.COMPLETED: _DECISIONS,
    _S.FAILED: _DECISIONS,
    _S.EXPIRED: _DECISIONS,
    _S.NEEDS_REVIEW: frozenset({_S.APPROVED, _S.DECLINED}),
    _S.APPROVED: frozenset({_S.DECLINED, _S.NEEDS_REVIEW}),
    _S.DECLINED: frozenset({_S.APPROVED, _S.NEEDS_REVIEW}),
}


def check_inquiry_transition(current: InquiryStatus, target: InquiryStatus) -> str | None:
    """Why an inquiry may not move from ``current`` to ``target``, or None when it may."""
    if target in INQUIRY_TRANSITIONS[current]:
        return None
    allowed = ", ".join(sorted(s.value for s in INQUIRY_TRANSITIONS[current]))
    return f"an inquiry in status '{current}' can move to {allowed}, not '{target}'"
