"""SLA clocks of cases: deadlines from template settings, pauses, and the due-timer rows the
deadline worker fires.

Every command that changes what a case's SLA depends on (its deadline, status or state)
calls ``settle`` inside its own transaction, after updating the case: it pauses or resumes
the clock, records a breach at resolution, and rewrites the case's ``sla_timer`` rows (one
per kind; a unique key). ``fire`` is the worker's command: it locks the case, deletes the
timer row only if it is still the one scheduled for this deadline (compare and set), and
emits ``case.sla-warning`` or ``case.sla-expired`` in the same transaction: exactly once per
deadline however many workers race.
"""

import datetime as dt
from typing import Any

from app.db.models import Case, CaseTemplate, SlaTimer
from app.db.models.cases import SLA_ORDER_NONE
from app.domain.case_status import CaseState
from app.domain.errors import ValidationError
from app.domain.events import CaseSlaExpired, CaseSlaUpdated, CaseSlaWarning
from app.domain.objects import MAX_SLA_SECONDS
from app.domain.principal import Actor, ActorType
from app.domain.sla import (
    BusinessHours,
    TimerKind,
    add_business_time,
    resume_deadline,
    warning_at,
)
from app.services.uow import UnitOfWork, unit_of_work

SLA_ACTOR = Actor(ActorType.SYSTEM, "sla")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def business_hours_of(template: CaseTemplate) -> BusinessHours | None:
    """The template's business hours, or None when every hour counts."""
    return BusinessHours.from_json(template.sla_business_hours)


def paused_statuses_of(template: CaseTemplate) -> list[str]:
    """Statuses that stop the clock."""
    return list(template.sla_paused_statuses or [])


def deadline_in(
    template: CaseTemplate,
    seconds: int,
    *,
    now: dt.datetime,
    field: str = "slaExpiresInSeconds",
) -> dt.datetime:
    """The deadline ``seconds`` of SLA time after ``now`` (business time when the template has
    business hours); 1 second to 90 days."""
    if not 1 <= seconds <= MAX_SLA_SECONDS:
        raise ValidationError.of(field, f"must be between 1 and {MAX_SLA_SECONDS} seconds")
    return add_business_time(now, seconds, business_hours_of(template))


def default_deadline(template: CaseTemplate, now: dt.datetime) -> dt.datetime | None:
    """A new case's deadline from the template's ``sla_seconds`` (None: no default)."""
    if template.sla_seconds is None:
        return None
    return add_business_time(now, template.sla_seconds, business_hours_of(template))


def set_deadline(case: Case, deadline: dt.datetime | None) -> None:
    """Give the case a new deadline (or none): a new deadline is a new SLA, not yet breached."""
    case.sla_expires_at = deadline
    case.sla_breached_at = None
    case.sla_paused_at = None


def _order_key(deadline: dt.datetime | None) -> int:
    if deadline is None:
        return SLA_ORDER_NONE
    return (deadline - _EPOCH) // dt.timedelta(microseconds=1)


def opening_columns(
    template: CaseTemplate, status: str, deadline: dt.datetime | None, *, now: dt.datetime
) -> dict[str, Any]:
    """The SLA columns of a case opened now in ``status`` with ``deadline``: what ``settle``
    would write right after creating it, known before the INSERT (one UPDATE fewer)."""
    paused = deadline is not None and status in paused_statuses_of(template)
    return {
        "sla_expires_at": deadline,
        "sla_paused_at": now if paused else None,
        "sla_warning_at": warning_at(deadline, template.sla_warning_seconds),
        "sla_order": _order_key(deadline),
    }


async def schedule_opened(case: Case, *, now: dt.datetime) -> None:
    """The timers of a case just created with ``opening_columns`` (it has none yet, so
    nothing to delete): settle's effect on a new case."""
    if case.sla_paused_at is None:
        await _create_timers(case, now=now)


async def settle(uow: UnitOfWork, case: Case, template: CaseTemplate, *, now: dt.datetime) -> None:
    """Bring the case's SLA columns and timers in line with its deadline, status and state
    (the case is locked by the caller; this saves it)."""
    deadline = case.sla_expires_at
    running = case.state == CaseState.OPEN and deadline is not None
    pausing = running and case.status in paused_statuses_of(template)
    if pausing and case.sla_paused_at is None:
        case.sla_paused_at = now
    elif not pausing and case.sla_paused_at is not None:
        if deadline is not None:
            moved = resume_deadline(deadline, case.sla_paused_at, now, business_hours_of(template))
            if moved != deadline:
                case.sla_expires_at = deadline = moved
                await uow.emit(CaseSlaUpdated(subject_id=case.id, sla_expires_at=moved))
        case.sla_paused_at = None
    if (
        case.state == CaseState.RESOLVED
        and deadline is not None
        and case.sla_breached_at is None
        and case.resolved_at is not None
        and case.resolved_at > deadline
    ):
        case.sla_breached_at = deadline
    case.sla_warning_at = warning_at(deadline, template.sla_warning_seconds)
    case.sla_order = _order_key(deadline)
    await case.save(
        update_fields=[
            "sla_expires_at",
            "sla_warning_at",
            "sla_paused_at",
            "sla_breached_at",
            "sla_order",
        ]
    )
    await _schedule(case, now=now, ticking=running and not pausing)


async def _schedule(case: Case, *, now: dt.datetime, ticking: bool) -> None:
    await SlaTimer.filter(case_id=case.id).delete()
    if ticking:
        await _create_timers(case, now=now)


async def _create_timers(case: Case, *, now: dt.datetime) -> None:
    deadline = case.sla_expires_at
    if deadline is None or case.sla_breached_at is not None:
        return
    due = {TimerKind.EXPIRY: deadline}
    if case.sla_warning_at is not None and case.sla_warning_at > now:
        due[TimerKind.WARNING] = case.sla_warning_at
    for kind, at in due.items():
        await SlaTimer.create(
            organization_id=case.organization_id,
            case_id=case.id,
            kind=kind,
            due_at=at,
            deadline=deadline,
        )


async def due_timers(now: dt.datetime, limit: int) -> list[SlaTimer]:
    """Timers due at ``now``, earliest first (a snapshot; ``fire`` decides)."""
    return list(await SlaTimer.filter(due_at__lte=now).order_by("due_at", "id").limit(limit))


async def fire(timer: SlaTimer) -> bool:
    """Emit the timer's event if it is still scheduled for the case's current deadline;
    returns whether this call emitted it. Safe to call from any number of workers at once."""
    async with unit_of_work(timer.organization_id, SLA_ACTOR) as uow:
        case = await Case.filter(id=timer.case_id).select_for_update().first()
        if case is None:
            return False
        taken = await SlaTimer.filter(
            id=timer.id, kind=timer.kind, deadline=timer.deadline
        ).delete()
        if taken != 1:  # another worker fired it, or the deadline changed since
            return False
        if (
            case.state != CaseState.OPEN
            or case.sla_paused_at is not None
            or case.sla_expires_at != timer.deadline
        ):
            return False
        if timer.kind == TimerKind.WARNING:
            await uow.emit(
                CaseSlaWarning(
                    subject_id=case.id,
                    sla_expires_at=timer.deadline,
                    assignee_id=case.assignee_id,
                )
            )
        else:
            case.sla_breached_at = timer.deadline
            await case.save(update_fields=["sla_breached_at"])
            await uow.emit(
                CaseSlaExpired(
                    subject_id=case.id,
                    sla_expires_at=timer.deadline,
                    assignee_id=case.assignee_id,
                )
            )
    return True


async def backfill(*, now: dt.datetime, limit: int = 500) -> int:
    """Give deadlines set before the SLA engine existed (a deadline, but never ordered nor
    scheduled) their order key and timers; returns how many cases it settled."""
    ids = await (
        Case.filter(sla_expires_at__isnull=False, sla_order=SLA_ORDER_NONE)
        .order_by("id")
        .limit(limit)
        .values_list("id", flat=True)
    )
    for case_id in ids:
        case = await Case.filter(id=case_id).first()
        if case is None:
            continue
        async with unit_of_work(case.organization_id, Actor(ActorType.SYSTEM, "sla")) as uow:
            locked = await Case.filter(id=case_id).select_for_update().get()
            template = await CaseTemplate.get(id=locked.template_id)
            await settle(uow, locked, template, now=now)
    return len(ids)
