"""Inquiries: identity-verification sessions a case reviews."""

import datetime as dt
from typing import Any

from app.db.models import Account, Inquiry
from app.domain.bounds import at_most
from app.domain.errors import ValidationError
from app.domain.events import INQUIRY_STATUS_EVENTS, InquiryCreated, InquiryUpdated
from app.domain.objects import InquiryStatus, check_inquiry_transition
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.values import KEEP, KeepType
from app.services.lookup import get_owned
from app.services.uow import unit_of_work

_DONE = {InquiryStatus.COMPLETED, InquiryStatus.FAILED, InquiryStatus.EXPIRED}
_DECIDED = {InquiryStatus.APPROVED, InquiryStatus.DECLINED}


TEXT = 200  # characters of a reference id or a name (the columns' width)
TEXT_FIELDS = {"reference_id": "referenceId", "name_first": "nameFirst", "name_last": "nameLast"}


def _check_texts(values: dict[str, Any]) -> None:
    for column, field in TEXT_FIELDS.items():
        value = values.get(column)
        if isinstance(value, str):
            at_most(value, TEXT, field, "characters")


def _check_birthdate(birthdate: dt.date | None) -> None:
    if birthdate is not None and birthdate > dt.datetime.now(dt.UTC).date():
        raise ValidationError.of("birthdate", "must not be in the future")


async def create_inquiry(
    *,
    actor: Principal,
    reference_id: str | None = None,
    name_first: str | None = None,
    name_last: str | None = None,
    birthdate: dt.date | None = None,
    fields: dict[str, Any] | None = None,
    account_id: int | None = None,
) -> Inquiry:
    """Record an inquiry in status ``created``; the acting user is its creator."""
    require(actor, Operation.MANAGE_OBJECTS)
    _check_birthdate(birthdate)
    _check_texts({"reference_id": reference_id, "name_first": name_first, "name_last": name_last})
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        if account_id is not None:
            await get_owned(Account, actor, account_id, field="accountId")
        inquiry = await Inquiry.create(
            organization_id=actor.organization_id,
            reference_id=reference_id,
            name_first=name_first,
            name_last=name_last,
            birthdate=birthdate,
            fields_data=fields or {},
            account_id=account_id,
            creator_id=actor.user_id,
        )
        await uow.emit(
            InquiryCreated(subject_id=inquiry.id, reference_id=reference_id, status=inquiry.status)
        )
    return inquiry


async def update_inquiry(
    *,
    actor: Principal,
    inquiry_id: int,
    reference_id: str | KeepType | None = KEEP,
    name_first: str | KeepType | None = KEEP,
    name_last: str | KeepType | None = KEEP,
    birthdate: dt.date | KeepType | None = KEEP,
    fields: dict[str, Any] | None = None,
    account_id: int | KeepType | None = KEEP,
) -> Inquiry:
    """Change an inquiry's attributes; fields merge (``None`` clears a key)."""
    require(actor, Operation.MANAGE_OBJECTS)
    changes: dict[str, Any] = {
        k: v
        for k, v in {
            "reference_id": reference_id,
            "name_first": name_first,
            "name_last": name_last,
            "birthdate": birthdate,
            "account_id": account_id,
        }.items()
        if v is not KEEP
    }
    if not changes and fields is None:
        raise ValidationError.of("input", "nothing to update")
    if "birthdate" in changes:
        _check_birthdate(changes["birthdate"])
    _check_texts(changes)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        inquiry = await get_owned(Inquiry, actor, inquiry_id, lock=True)
        if changes.get("account_id") is not None:
            await get_owned(Account, actor, changes["account_id"], field="accountId")
        for key, value in changes.items():
            setattr(inquiry, key, value)
        if fields is not None:
            merged = {**inquiry.fields_data, **fields}
            inquiry.fields_data = {k: v for k, v in merged.items() if v is not None}
        await inquiry.save()
        changed = sorted([*changes, *(["fields"] if fields is not None else [])])
        await uow.emit(InquiryUpdated(subject_id=inquiry.id, changed=tuple(changed)))
    return inquiry


async def set_inquiry_status(
    *, actor: Principal, inquiry_id: int, status: InquiryStatus, comment: str | None = None
) -> Inquiry:
    """Move an inquiry through its lifecycle; emits inquiry.<new status> (Persona's names)."""
    require(actor, Operation.MANAGE_OBJECTS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        inquiry = await get_owned(Inquiry, actor, inquiry_id, lock=True)
        problem = check_inquiry_transition(inquiry.status, status)
        if problem:
            raise ValidationError.of("status", problem)
        previous = inquiry.status
        now = dt.datetime.now(dt.UTC)
        inquiry.status = status
        if status in _DONE:
            inquiry.completed_at = now
        if status in _DECIDED:
            inquiry.decisioned_at = now
        await inquiry.save()
        event_class = INQUIRY_STATUS_EVENTS[status]
        await uow.emit(
            event_class(
                subject_id=inquiry.id, status=status, previous_status=previous, comment=comment
            )
        )
    return inquiry
