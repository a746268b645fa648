"""Pure rules of the domain layer, without a database."""

import pytest

from app.domain.case_status import CaseState, plan_status_change
from app.domain.errors import ValidationError
from app.domain.events import (
    INQUIRY_STATUS_EVENTS,
    CaseReopened,
    CaseResolved,
    CaseStatusUpdated,
    InquiryApproved,
    InquiryMarkedForReview,
)
from app.domain.fields import validate_field_values
from app.domain.objects import InquiryStatus, check_inquiry_transition
from app.domain.tags import normalize_tags, tag_index
from app.domain.templates import (
    DEFAULT_STATUSES,
    FieldDef,
    FieldType,
    StatusDef,
    StatusType,
    validate_field_defs,
    validate_statuses,
    validate_template_key,
)

STATUSES = list(DEFAULT_STATUSES)
DEFS = [
    FieldDef("risk", "Risk", FieldType.STRING, required=True),
    FieldDef("score", "Score", FieldType.INTEGER),
    FieldDef("ratio", "Ratio", FieldType.NUMBER),
    FieldDef("pep", "PEP", FieldType.BOOLEAN),
    FieldDef("seen", "Seen on", FieldType.DATE),
    FieldDef("raw", "Raw", FieldType.JSON),
]


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in exc.value.problems]


def test_entering_an_end_status_resolves():
    change = plan_status_change(STATUSES, "Open", "Approved", comment=None)
    assert change.state is CaseState.RESOLVED
    assert change.resolution == "Approved"
    assert change.events == (CaseStatusUpdated, CaseResolved)


def test_leaving_an_end_status_reopens():
    change = plan_status_change(STATUSES, "Declined", "Pending", comment="new evidence")
    assert (change.state, change.resolution) == (CaseState.OPEN, None)
    assert change.events == (CaseStatusUpdated, CaseReopened)


def test_moving_between_end_statuses_resolves_again_without_reopening():
    change = plan_status_change(STATUSES, "Approved", "Declined", comment=None)
    assert change.events == (CaseStatusUpdated, CaseResolved)


def test_intermediate_move_only_updates_status():
    change = plan_status_change(STATUSES, "Open", "Pending", comment=None)
    assert change.events == (CaseStatusUpdated,)


def test_unknown_or_same_status_is_rejected():
    with pytest.raises(ValidationError) as exc:
        plan_status_change(STATUSES, "Open", "Closed", comment=None)
    assert problems(exc) == [
        ("status", "'Closed' is not a status of this template (Open, Pending, Approved, Declined)")
    ]
    with pytest.raises(ValidationError) as exc:
        plan_status_change(STATUSES, "Open", "Open", comment=None)
    assert problems(exc) == [("status", "the case is already in status 'Open'")]


def test_field_values_are_checked_by_type_and_key():
    validate_field_values(
        DEFS,
        {"risk": "high", "score": 3, "ratio": 0.5, "pep": False, "seen": "2024-02-29", "raw": [1]},
    )
    with pytest.raises(ValidationError) as exc:
        validate_field_values(
            DEFS,
            {"risk": 1, "score": True, "ratio": "x", "pep": 0, "seen": "2024-02-30", "bogus": 1},
        )
    assert problems(exc) == [
        ("fields.risk", "must be a string"),
        ("fields.score", "must be an integer"),
        ("fields.ratio", "must be a number"),
        ("fields.pep", "must be a boolean"),
        ("fields.seen", "must be a date as YYYY-MM-DD"),
        ("fields.bogus", "is not a field of this template"),
    ]


def test_required_fields_must_hold_a_value_after_merge():
    with pytest.raises(ValidationError) as exc:
        validate_field_values(DEFS, {"score": 1})
    assert problems(exc) == [("fields.risk", "is required")]
    with pytest.raises(ValidationError) as exc:
        validate_field_values(DEFS, {"risk": None}, merged={})
    assert problems(exc) == [("fields.risk", "is required")]


def test_template_needs_one_initial_and_an_end_status():
    with pytest.raises(ValidationError) as exc:
        validate_statuses([StatusDef("A", StatusType.INTERMEDIATE), StatusDef("a", StatusType.END)])
    assert problems(exc) == [
        ("statuses.1.name", "duplicate status 'a'"),
        ("statuses", "needs exactly one initial status, found 0"),
    ]
    with pytest.raises(ValidationError) as exc:
        validate_statuses([StatusDef("Open", StatusType.INITIAL)])
    assert problems(exc) == [("statuses", "needs at least one end status")]


def test_field_definitions_and_keys():
    with pytest.raises(ValidationError) as exc:
        validate_field_defs(
            [FieldDef("Bad Key", "x", FieldType.STRING), FieldDef("ok", " ", FieldType.STRING)]
        )
    assert problems(exc) == [
        (
            "fields.0.key",
            "must start with a lower-case letter and hold only a-z, 0-9, '_' or '-'",
        ),
        ("fields.1.label", "must not be blank"),
    ]
    validate_template_key("KYC2")
    with pytest.raises(ValidationError):
        validate_template_key("kyc")


def test_tags_are_trimmed_and_deduplicated():
    assert normalize_tags([" FRAUD", "FRAUD", "VIP "]) == ["FRAUD", "VIP"]
    assert tag_index(["FRAUD", "VIP"]) == "|FRAUD|VIP|"
    assert tag_index([]) == ""
    with pytest.raises(ValidationError):
        normalize_tags([" "])


def test_inquiry_lifecycle():
    assert check_inquiry_transition(InquiryStatus.CREATED, InquiryStatus.COMPLETED) is None
    assert check_inquiry_transition(InquiryStatus.COMPLETED, InquiryStatus.NEEDS_REVIEW) is None
    assert check_inquiry_transition(InquiryStatus.CREATED, InquiryStatus.APPROVED) == (
        "an inquiry in status 'created' can move to completed, expired, failed, pending, "
        "not 'approved'"
    )
    assert INQUIRY_STATUS_EVENTS[InquiryStatus.NEEDS_REVIEW] is InquiryMarkedForReview
    assert InquiryMarkedForReview.event_name == "inquiry.marked-for-review"
    assert INQUIRY_STATUS_EVENTS[InquiryStatus.APPROVED] is InquiryApproved
