"""Persona as a source and a destination: the webhook signature, the event body, statuses,
and the inquiry actions casegraph calls back. Pure rules (standard library only).

Persona posts ``{"data": {"type": "event", "id": "evt_…", "attributes": {"name",
"created-at", "payload": {"data": <object>, "included": [...]}}}}`` with kebab-case keys
(the default key inflection), signed ``Persona-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret,
"<t>.<raw body>")>`` (two space-separated sets while a secret rotates).
"""

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.bounds import json_value
from app.domain.errors import ValidationError
from app.domain.objects import InquiryStatus, ReportStatus

SIGNATURE_HEADER = "Persona-Signature"
MAX_SIGNATURE_HEADER = 1024
MAX_NAME_LENGTH = 100
MAX_TEXT_LENGTH = 200
MAX_STATUS_LENGTH = 32
MAX_COMMENT_LENGTH = 1000
MAX_SECRET_LENGTH = 500
MAX_INTEGRATIONS_PER_ORGANIZATION = 20
ID = re.compile(r"[a-z]{2,12}_[A-Za-z0-9_-]{1,50}")


class InboundStatus(StrEnum):
    """What casegraph did with one event Persona posted."""

    APPLIED = "applied"  # the object was created or brought up to date
    STALE = "stale"  # older than what casegraph already holds: recorded, not applied
    IGNORED = "ignored"  # an event about an object kind casegraph does not mirror


class ActionStatus(StrEnum):
    """Where one call back to Persona's API stands."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class ExternalSyncStatus(StrEnum):
    """Whether Persona has the inquiry's latest casegraph decision."""

    PENDING = "pending"
    SYNCED = "synced"
    FAILED = "failed"


class InquiryAction(StrEnum):
    """Persona's inquiry actions (``POST /api/v1/inquiries/<id>/<action>``)."""

    APPROVE = "approve"
    DECLINE = "decline"
    MARK_FOR_REVIEW = "mark-for-review"


ACTION_OF_STATUS: dict[InquiryStatus, InquiryAction] = {
    InquiryStatus.APPROVED: InquiryAction.APPROVE,
    InquiryStatus.DECLINED: InquiryAction.DECLINE,
    InquiryStatus.NEEDS_REVIEW: InquiryAction.MARK_FOR_REVIEW,
}
MIRRORED = frozenset({"inquiry", "account", "report", "verification"})


def verify_signature(
    header: str, body: bytes, secrets: list[str], *, now: float, tolerance: int
) -> bool:
    """Whether any ``t=…,v1=…`` set of the header is HMAC-SHA256 of ``"<t>.<body>"`` under
    one of the secrets, with ``t`` within ``tolerance`` seconds of ``now``."""
    if not header or len(header) > MAX_SIGNATURE_HEADER:
        return False
    for signature_set in header.split():
        parts: dict[str, str] = {}
        for item in signature_set.split(","):
            name, _, value = item.partition("=")
            parts[name.strip()] = value.strip()
        stamp, given = parts.get("t", ""), parts.get("v1", "")
        if not stamp.isdigit() or len(stamp) > 12 or not given:
            continue
        if abs(now - int(stamp)) > tolerance:
            continue
        for secret in secrets:
            expected = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
            if hmac.compare_digest(expected.hexdigest(), given):
                return True
    return False


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """One ``t=…,v1=…`` set, as Persona signs (tests and the README's sender use it)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


@dataclass(frozen=True)
class PersonaObject:
    """The object an event is about: ``kind`` is the type before any ``/`` (inquiry, report,
    ...), ``subtype`` what follows it (watchlist, government-id, ...)."""

    kind: str
    subtype: str
    id: str
    attributes: dict[str, Any]
    updated_at: dt.datetime | None
    account_id: str | None


@dataclass(frozen=True)
class PersonaEvent:
    """One event Persona posted."""

    id: str
    name: str
    created_at: dt.datetime | None
    object: PersonaObject | None


def _dict(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError.of(field, "must be a JSON object")
    return value


def persona_id(value: Any, field: str) -> str:
    """A Persona id: ``<prefix>_<letters, digits, - or _>``, at most 64 characters."""
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise ValidationError.of(field, "must be a Persona id like inq_ABC123 (at most 64 chars)")
    return value


def timestamp(value: Any, field: str) -> dt.datetime | None:
    """An ISO 8601 time (UTC when no offset is given), or None when absent."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ValidationError.of(field, "must be an ISO 8601 time")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError.of(field, "must be an ISO 8601 time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def parse_event(body: Any) -> PersonaEvent:
    """The event of a webhook body; a ValidationError names the first offending path."""
    data = _dict(_dict(body, "body").get("data"), "data")
    event_id = persona_id(data.get("id"), "data.id")
    attributes = _dict(data.get("attributes"), "data.attributes")
    name = attributes.get("name")
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME_LENGTH:
        raise ValidationError.of("data.attributes.name", f"must be 1-{MAX_NAME_LENGTH} chars")
    created = timestamp(attributes.get("created-at"), "data.attributes.created-at")
    payload = attributes.get("payload")
    subject = payload.get("data") if isinstance(payload, dict) else None
    return PersonaEvent(event_id, name, created, _object(subject) if subject else None)


def _object(value: Any) -> PersonaObject:
    where = "data.attributes.payload.data"
    subject = _dict(value, where)
    kind_text = subject.get("type")
    if not isinstance(kind_text, str) or not 0 < len(kind_text) <= MAX_NAME_LENGTH:
        raise ValidationError.of(f"{where}.type", f"must be 1-{MAX_NAME_LENGTH} characters")
    kind, _, subtype = kind_text.partition("/")
    ident = persona_id(subject.get("id"), f"{where}.id")
    attributes = _dict(subject.get("attributes", {}), f"{where}.attributes")
    updated = timestamp(attributes.get("updated-at"), f"{where}.attributes.updated-at")
    account = None
    relationships = subject.get("relationships")
    if isinstance(relationships, dict):
        link = relationships.get("account")
        target = link.get("data") if isinstance(link, dict) else None
        if isinstance(target, dict) and target.get("id") is not None:
            account = persona_id(target["id"], f"{where}.relationships.account.data.id")
    return PersonaObject(kind, subtype, ident, attributes, updated, account)


def is_stale(incoming: dt.datetime | None, applied: dt.datetime | None) -> bool:
    """Whether an object version is no newer than the one applied (never move back)."""
    return incoming is not None and applied is not None and incoming <= applied


def _text(attributes: dict[str, Any], key: str, where: str, limit: int) -> str | None:
    value = attributes.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ValidationError.of(f"{where}.{key}", f"must be a string of at most {limit} chars")
    return value


ATTRS = "data.attributes.payload.data.attributes"


def inquiry_values(obj: PersonaObject) -> dict[str, Any]:
    """Inquiry columns from a Persona inquiry (only the attributes it carries)."""
    a = obj.attributes
    values: dict[str, Any] = {}
    if "status" in a:
        try:
            values["status"] = InquiryStatus(str(a["status"]).replace("-", "_"))
        except ValueError:
            raise ValidationError.of(f"{ATTRS}.status", "is not an inquiry status") from None
    for key, column in (
        ("reference-id", "reference_id"),
        ("name-first", "name_first"),
        ("name-last", "name_last"),
    ):
        if key in a:
            values[column] = _text(a, key, ATTRS, MAX_TEXT_LENGTH)
    if "birthdate" in a:
        text = _text(a, "birthdate", ATTRS, 10)
        try:
            values["birthdate"] = dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise ValidationError.of(f"{ATTRS}.birthdate", "must be YYYY-MM-DD") from None
    if "fields" in a:
        values["fields_data"] = json_value(a["fields"] or {}, f"{ATTRS}.fields")
    return values


def account_values(obj: PersonaObject) -> dict[str, Any]:
    """Account columns from a Persona account."""
    a = obj.attributes
    values: dict[str, Any] = {}
    if "reference-id" in a:
        values["reference_id"] = _text(a, "reference-id", ATTRS, MAX_TEXT_LENGTH)
    if "fields" in a:
        values["fields_data"] = json_value(a["fields"] or {}, f"{ATTRS}.fields")
    return values


def report_values(obj: PersonaObject) -> dict[str, Any]:
    """Report columns from a Persona report (``report/watchlist`` -> type ``watchlist``)."""
    a = obj.attributes
    values: dict[str, Any] = {"report_type": (obj.subtype or "report")[:MAX_STATUS_LENGTH]}
    if "status" in a:
        try:
            values["status"] = ReportStatus(str(a["status"]))
        except ValueError:
            raise ValidationError.of(f"{ATTRS}.status", "is not a report status") from None
    if "has-match" in a:
        values["has_match"] = bool(a["has-match"])
    return values


def verification_values(obj: PersonaObject) -> dict[str, Any]:
    """Verification columns from a Persona verification."""
    values: dict[str, Any] = {"verification_type": (obj.subtype or "verification")[:64]}
    status = _text(obj.attributes, "status", ATTRS, MAX_STATUS_LENGTH)
    if status is not None:
        values["status"] = status
    return values


def action_comment(case_name: str | None, comment: str | None) -> str:
    """``meta.comment`` of a call back: the case that decided, and why."""
    head = f"casegraph case {case_name}" if case_name else "casegraph"
    text = f"{head}: {comment}" if comment else head
    return text[:MAX_COMMENT_LENGTH]
