"""Changing a case: fields, SLA, assignee, status, tags."""

import datetime as dt
from typing import Any

from app.db.models import Case, CaseComment, CaseTemplate
from app.domain.case_status import CaseState, plan_status_change
from app.domain.errors import ValidationError
from app.domain.events import (
    CaseCommented,
    CaseSlaUpdated,
    CaseUpdatedFields,
    CaseUpdatedTags,
    FieldChange,
)
from app.domain.fields import validate_field_values
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.tags import normalize_tags, tag_index
from app.domain.values import KEEP, KeepType
from app.services import sla
from app.services.cases.assignee import set_assignee
from app.services.cases.locking import check_assignee, lock_case, touch
from app.services.templates import field_defs_of, statuses_of
from app.services.uow import unit_of_work


async def update_case(
    *,
    actor: Principal,
    case_id: int,
    fields: dict[str, Any] | None = None,
    sla_expires_in_seconds: int | KeepType | None = KEEP,
    expected_version: int | None = None,
) -> Case:
    """Merge field values (``None`` clears a field) and set or clear (None) the SLA."""
    require(actor, Operation.WORK_CASES)
    if fields is None and sla_expires_in_seconds is KEEP:
        raise ValidationError.of("input", "nothing to update: give fields or slaExpiresInSeconds")
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        template = await CaseTemplate.get(id=case.template_id)
        if fields is not None:
            merged = {**case.fields_data, **fields}
            merged = {k: v for k, v in merged.items() if v is not None}
            validate_field_values(field_defs_of(template), fields, merged=merged)
            changes = {
                k: FieldChange(old=case.fields_data.get(k), new=v)
                for k, v in fields.items()
                if case.fields_data.get(k) != v
            }
            case.fields_data = merged
            if changes:
                await uow.emit(CaseUpdatedFields(subject_id=case.id, changes=changes))
        now = dt.datetime.now(dt.UTC)
        if sla_expires_in_seconds is not KEEP:
            sla.set_deadline(
                case,
                None
                if sla_expires_in_seconds is None
                else sla.deadline_in(template, sla_expires_in_seconds, now=now),
            )
            await uow.emit(CaseSlaUpdated(subject_id=case.id, sla_expires_at=case.sla_expires_at))
        touch(case, actor)
        await case.save()
        if sla_expires_in_seconds is not KEEP:
            await sla.settle(uow, case, template, now=now)
    return case


async def assign_case(
    *, actor: Principal, case_id: int, assignee_id: int | None, expected_version: int | None
) -> Case:
    """Assign the case to a user of the organization, or unassign it with None."""
    require(actor, Operation.WORK_CASES)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        if assignee_id is not None:
            await check_assignee(actor, assignee_id, field="assigneeId")
        if case.assignee_id == assignee_id:
            state = "assigned to that user" if assignee_id else "unassigned"
            raise ValidationError.of("assigneeId", f"the case is already {state}")
        await set_assignee(uow, case, assignee_id=assignee_id, by=actor.actor)
    return case


async def set_case_status(
    *,
    actor: Principal,
    case_id: int,
    status: str,
    comment: str | None = None,
    expected_version: int | None = None,
) -> Case:
    """Move the case to a status of its template; an end status resolves, leaving one reopens."""
    require(actor, Operation.WORK_CASES)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        template = await CaseTemplate.get(id=case.template_id)
        change = plan_status_change(statuses_of(template), case.status, status, comment=comment)
        previous = case.status
        who = actor.actor
        case.status, case.state, case.resolution = change.status, change.state, change.resolution
        now = dt.datetime.now(dt.UTC)
        if change.state is CaseState.RESOLVED:
            case.resolver_type, case.resolver_id = who.type.value, who.id
            case.resolved_at = now
        else:
            case.resolver_type = case.resolver_id = None
            case.resolved_at = None
        touch(case, actor)
        await case.save()
        await sla.settle(uow, case, template, now=now)
        for event_class in change.events:
            await uow.emit(
                event_class(
                    subject_id=case.id,
                    status=change.status,
                    previous_status=previous,
                    comment=comment,
                    resolution=change.resolution,
                )
            )
        if comment is not None:
            note = await CaseComment.create(
                organization_id=case.organization_id,
                case_id=case.id,
                author_type=who.type.value,
                author_id=who.id,
                body=comment.strip(),
            )
            await uow.emit(CaseCommented(subject_id=case.id, comment_id=note.id, body=note.body))
    return case


async def set_case_tags(
    *, actor: Principal, case_id: int, tags: list[str], expected_version: int | None = None
) -> Case:
    """Replace the case's tags with exactly these; unchanged tags are a no-op."""
    require(actor, Operation.WORK_CASES)
    clean = normalize_tags(tags)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        added = [t for t in clean if t not in case.tags]
        removed = [t for t in case.tags if t not in clean]
        if not added and not removed:
            return case
        case.tags = clean
        case.tag_index = tag_index(clean)
        touch(case, actor)
        await case.save()
        await uow.emit(
            CaseUpdatedTags(
                subject_id=case.id, tags=tuple(clean), added=tuple(added), removed=tuple(removed)
            )
        )
    return case
