"""Creating cases."""

import datetime as dt
from typing import Any

from app.db.models import Case, CaseObject, CaseTemplate
from app.domain.assignment import AssignmentPolicy
from app.domain.errors import LimitExceededError, ValidationError
from app.domain.events import CaseCreated
from app.domain.fields import validate_field_values
from app.domain.objects import MAX_OBJECTS_PER_CASE, ObjectType
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.tags import normalize_tags, tag_index
from app.domain.templates import initial_status
from app.services import assignment, sla
from app.services.cases.assignee import set_assignee
from app.services.cases.locking import (
    ObjectRef,
    check_assignee,
    check_objects,
    linked_objects,
    sla_deadline,
)
from app.services.lookup import get_owned
from app.services.templates import field_defs_of, statuses_of
from app.services.uow import unit_of_work


async def create_case(
    *,
    actor: Principal,
    template_id: int,
    fields: dict[str, Any] | None = None,
    objects: list[ObjectRef] | None = None,
    tags: list[str] | None = None,
    assignee_id: int | None = None,
    sla_expires_in_seconds: int | None = None,
) -> Case:
    """Open a case of a template, named KEY-N with N gapless per template."""
    require(actor, Operation.WORK_CASES)
    values = {k: v for k, v in (fields or {}).items() if v is not None}
    clean_tags = normalize_tags(tags or [])
    if sla_expires_in_seconds is not None:
        sla_deadline(sla_expires_in_seconds)  # validates before anything is written
    refs = list(dict.fromkeys(objects or []))
    if len(refs) > MAX_OBJECTS_PER_CASE:
        raise LimitExceededError(
            f"a case links at most {MAX_OBJECTS_PER_CASE} objects", limit=MAX_OBJECTS_PER_CASE
        )
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        # the row lock on the template serializes numbering within one template
        template = await get_owned(CaseTemplate, actor, template_id, field="templateId", lock=True)
        if template.archived_at is not None:
            raise ValidationError.of("templateId", f"template {template.key} is archived")
        validate_field_values(field_defs_of(template), values)
        refs = await check_objects(actor, refs, field="objectIds")
        if assignee_id is not None:
            await check_assignee(actor, assignee_id, field="assigneeId")
        template.last_case_number += 1
        await template.save(update_fields=["last_case_number"])
        who = actor.actor
        now = dt.datetime.now(dt.UTC)
        if sla_expires_in_seconds is None:
            deadline = sla.default_deadline(template, now)
        else:
            deadline = sla.deadline_in(template, sla_expires_in_seconds, now=now)
        status = initial_status(statuses_of(template)).name
        case = await Case.create(
            organization_id=actor.organization_id,
            template_id=template.id,
            number=template.last_case_number,
            name=f"{template.key}-{template.last_case_number}",
            status=status,
            creator_type=who.type.value,
            creator_id=who.id,
            tags=clean_tags,
            tag_index=tag_index(clean_tags),
            fields_data=values,
            # the SLA columns settled at creation: no UPDATE afterwards
            **sla.opening_columns(template, status, deadline, now=now),
        )
        for ref in refs:
            await CaseObject.create(case_id=case.id, object_type=ref.type, object_id=ref.id)
        await uow.emit(
            CaseCreated(
                subject_id=case.id,
                name=case.name,
                template_id=template.id,
                template_key=template.key,
                status=case.status,
                tags=tuple(clean_tags),
                objects=linked_objects(refs),
            )
        )
        await sla.schedule_opened(case, now=now)
        if assignee_id is not None:
            await set_assignee(uow, case, assignee_id=assignee_id, by=who)
        elif template.assignment_policy != AssignmentPolicy.MANUAL:
            inquiries = [r.id for r in refs if r.type is ObjectType.INQUIRY]
            decision = await assignment.decide(
                template,
                case_creator=actor.user_id,
                inquiry_creator=await assignment.inquiry_creator_user_id(inquiries),
            )
            await assignment.apply_decision(uow, template, case, decision)
    return case
