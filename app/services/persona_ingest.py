"""Events Persona posts, applied to the mirrored objects: upsert by Persona id, append the
matching casegraph event (so workflows run as for native objects), never move an object back
to an older version, and record every event once (a redelivery is a no-op)."""

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from app.db.models import (
    Account,
    Inquiry,
    PersonaInboundEvent,
    PersonaIntegration,
    Report,
    Verification,
)
from app.domain.events import (
    INQUIRY_STATUS_EVENTS,
    AccountCreated,
    InquiryCreated,
    InquiryUpdated,
    ReportCreated,
    ReportReady,
    VerificationCreated,
)
from app.domain.objects import InquiryStatus, ReportStatus
from app.domain.persona import (
    MIRRORED,
    InboundStatus,
    PersonaEvent,
    PersonaObject,
    account_values,
    inquiry_values,
    is_stale,
    report_values,
    verification_values,
)
from app.domain.principal import Actor, ActorType
from app.services.uow import UnitOfWork, unit_of_work

DUPLICATE = "duplicate"
_DONE = {InquiryStatus.COMPLETED, InquiryStatus.FAILED, InquiryStatus.EXPIRED}
_DECIDED = {InquiryStatus.APPROVED, InquiryStatus.DECLINED}
_API_NAMES = {"fields_data": "fields"}


def persona_actor(integration_id: int) -> Actor:
    """The actor of changes a Persona integration makes (``system`` / ``persona:<id>``)."""
    return Actor(ActorType.SYSTEM, f"persona:{integration_id}")


def is_persona_actor(actor_type: str, actor_id: str) -> bool:
    """Whether an event was caused by a Persona delivery (so it is not echoed back)."""
    return actor_type == ActorType.SYSTEM and actor_id.startswith("persona:")


@dataclass(frozen=True)
class Ingested:
    """What one delivery did: applied, stale, ignored, or duplicate (seen before)."""

    status: str
    object_id: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class _Target:
    uow: UnitOfWork
    integration: PersonaIntegration
    obj: PersonaObject
    version: dt.datetime | None

    def external(self) -> dict[str, Any]:
        return {
            "organization_id": self.integration.organization_id,
            "external_id": self.obj.id,
            "external_integration_id": self.integration.id,
            "external_updated_at": self.version,
        }


async def ingest(*, integration: PersonaIntegration, event: PersonaEvent) -> Ingested:
    """Apply one verified event (see the module docstring); raises ValidationError for an
    object whose attributes break a bound (nothing is written then)."""
    seen = PersonaInboundEvent.filter(integration_id=integration.id, persona_event_id=event.id)
    if await seen.exists():
        return Ingested(DUPLICATE)
    obj = event.object
    try:
        async with unit_of_work(integration.organization_id, persona_actor(integration.id)) as uow:
            if obj is None or obj.kind not in MIRRORED:
                status, detail = InboundStatus.IGNORED, "casegraph does not mirror this object"
            else:
                target = _Target(uow, integration, obj, obj.updated_at or event.created_at)
                status, detail = await _APPLY[obj.kind](target)
            await PersonaInboundEvent.create(
                organization_id=integration.organization_id,
                integration_id=integration.id,
                persona_event_id=event.id,
                name=event.name,
                object_id=obj.id if obj else None,
                status=status,
                detail=detail[:500],
                persona_created_at=event.created_at,
            )
    except IntegrityError:
        if await seen.exists():  # the same event delivered twice at once
            return Ingested(DUPLICATE)
        raise
    return Ingested(status.value, obj.id if obj else None, detail)


async def _locked(model: Any, target: _Target) -> Any:
    return (
        await model.filter(
            organization_id=target.integration.organization_id, external_id=target.obj.id
        )
        .select_for_update()
        .first()
    )


def _stale(row: Any, target: _Target) -> tuple[InboundStatus, str] | None:
    if row is not None and is_stale(target.version, row.external_updated_at):
        return InboundStatus.STALE, f"casegraph holds a newer version ({row.external_updated_at})"
    return None


async def _account_id(target: _Target, persona_account_id: str) -> int:
    row = await Account.filter(
        organization_id=target.integration.organization_id, external_id=persona_account_id
    ).first()
    if row is None:
        row = await Account.create(
            organization_id=target.integration.organization_id,
            external_id=persona_account_id,
            external_integration_id=target.integration.id,
            fields_data={},
            tags=[],
        )
        await target.uow.emit(AccountCreated(subject_id=row.id, reference_id=None))
    return int(row.id)


def _stamp(row: Inquiry, status: InquiryStatus, now: dt.datetime) -> None:
    row.status = status
    if status in _DONE:
        row.completed_at = now
    if status in _DECIDED:
        row.decisioned_at = now


async def _inquiry(target: _Target) -> tuple[InboundStatus, str]:
    values = inquiry_values(target.obj)
    row = await _locked(Inquiry, target)
    if (stale := _stale(row, target)) is not None:
        return stale
    if target.obj.account_id is not None:
        values["account_id"] = await _account_id(target, target.obj.account_id)
    status = values.pop("status", None)
    now = dt.datetime.now(dt.UTC)
    emit = target.uow.emit
    if row is None:
        values.setdefault("fields_data", {})
        row = Inquiry(**target.external(), **values)
        _stamp(row, status or InquiryStatus.CREATED, now)
        await row.save()
        await emit(
            InquiryCreated(subject_id=row.id, reference_id=row.reference_id, status=row.status)
        )
        if row.status is not InquiryStatus.CREATED:
            await emit(
                INQUIRY_STATUS_EVENTS[row.status](
                    subject_id=row.id,
                    status=row.status,
                    previous_status=InquiryStatus.CREATED,
                    comment=None,
                )
            )
        return InboundStatus.APPLIED, "created"
    changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
    for key in changed:
        setattr(row, key, values[key])
    previous = InquiryStatus(row.status)
    moved = status is not None and status != previous
    if moved:
        assert status is not None
        _stamp(row, status, now)
    row.external_updated_at = target.version
    await row.save()
    if changed:
        names = tuple(_API_NAMES.get(k, k) for k in changed)
        await emit(InquiryUpdated(subject_id=row.id, changed=names))
    if moved:
        assert status is not None
        await emit(
            INQUIRY_STATUS_EVENTS[status](
                subject_id=row.id, status=status, previous_status=previous, comment=None
            )
        )
    return InboundStatus.APPLIED, "updated"


async def _account(target: _Target) -> tuple[InboundStatus, str]:
    values = account_values(target.obj)
    row = await _locked(Account, target)
    if (stale := _stale(row, target)) is not None:
        return stale
    if row is None:
        row = await Account.create(
            **target.external(), fields_data=values.pop("fields_data", {}), tags=[], **values
        )
        await target.uow.emit(AccountCreated(subject_id=row.id, reference_id=row.reference_id))
        return InboundStatus.APPLIED, "created"
    for key, value in values.items():
        setattr(row, key, value)
    row.external_updated_at = target.version
    await row.save()
    return InboundStatus.APPLIED, "updated"


async def _report(target: _Target) -> tuple[InboundStatus, str]:
    values = report_values(target.obj)
    row = await _locked(Report, target)
    if (stale := _stale(row, target)) is not None:
        return stale
    emit = target.uow.emit
    if row is None:
        row = await Report.create(**target.external(), fields_data={}, **values)
        kind, state, match = row.report_type, ReportStatus(row.status), row.has_match
        await emit(
            ReportCreated(subject_id=row.id, report_type=kind, status=state, has_match=match)
        )
        if state is ReportStatus.READY:
            await emit(
                ReportReady(subject_id=row.id, report_type=kind, status=state, has_match=match)
            )
        return InboundStatus.APPLIED, "created"
    was_ready = row.status == ReportStatus.READY
    for key, value in values.items():
        setattr(row, key, value)
    row.external_updated_at = target.version
    await row.save()
    if row.status == ReportStatus.READY and not was_ready:
        await emit(
            ReportReady(
                subject_id=row.id,
                report_type=row.report_type,
                status=ReportStatus(row.status),
                has_match=row.has_match,
            )
        )
    return InboundStatus.APPLIED, "updated"


async def _verification(target: _Target) -> tuple[InboundStatus, str]:
    values = verification_values(target.obj)
    row = await _locked(Verification, target)
    if (stale := _stale(row, target)) is not None:
        return stale
    if row is None:
        values.setdefault("status", "initiated")
        row = await Verification.create(**target.external(), fields_data={}, **values)
        await target.uow.emit(
            VerificationCreated(
                subject_id=row.id, verification_type=row.verification_type, status=row.status
            )
        )
        return InboundStatus.APPLIED, "created"
    for key, value in values.items():
        setattr(row, key, value)
    row.external_updated_at = target.version
    await row.save()
    return InboundStatus.APPLIED, "updated"


_APPLY: dict[str, Callable[[_Target], Awaitable[tuple[InboundStatus, str]]]] = {
    "inquiry": _inquiry,
    "account": _account,
    "report": _report,
    "verification": _verification,
}
