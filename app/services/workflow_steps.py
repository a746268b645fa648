"""What each workflow step kind does, by calling the same services as any other client.

``STEP_HANDLERS`` registers one handler per ``StepKind``; the kinds and their parameter
schemas are declared in ``app.domain.workflow_steps``, which validation checks at save.
"""

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from app.db.models import (
    Case,
    CaseTemplate,
    Inquiry,
    Team,
    TeamMember,
    User,
)
from app.domain.emails import normalize_email
from app.domain.errors import NotFoundError, ValidationError
from app.domain.events import WorkflowNotified
from app.domain.objects import InquiryStatus
from app.domain.principal import Principal
from app.domain.workflow_steps import StepKind
from app.events.envelope import EventEnvelope
from app.services import assignment, assignment_commands
from app.services.cases import change as case_changes
from app.services.cases import create as cases
from app.services.cases import objects as case_objects
from app.services.inquiries import set_inquiry_status
from app.services.notification_deliveries import Message, queue_email
from app.services.uow import unit_of_work
from app.services.workflow_context import StepContext
from app.services.workflows import step_input

# (the step's view of its run, its resolved parameters) -> its output
StepHandler = Callable[[StepContext, dict[str, Any]], Awaitable[dict[str, Any]]]


async def _user_by_email(actor: Principal, email: str, field: str) -> User:
    user = await User.filter(
        organization_id=actor.organization_id, email=normalize_email(email, field)
    ).first()
    if user is None:
        raise NotFoundError("User", email, field=field)
    return user


def _set_inquiry_status(target: InquiryStatus) -> StepHandler:
    async def handler(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
        done = []
        for inquiry_id in await ctx.inquiry_ids(params.get("inquiry")):
            current = await Inquiry.get(id=inquiry_id)
            if current.status != target:
                await set_inquiry_status(
                    actor=ctx.actor,
                    inquiry_id=inquiry_id,
                    status=target,
                    comment=params.get("comment"),
                )
            done.append(inquiry_id)
        return {"inquiry_ids": done, "status": target.value}

    return handler


async def _case_create(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
    template = await CaseTemplate.filter(
        organization_id=ctx.actor.organization_id, key=params["template"]
    ).first()
    if template is None:
        raise NotFoundError("CaseTemplate", params["template"], field="template")
    trigger = ctx.trigger_object()
    case = await cases.create_case(
        actor=ctx.actor,
        template_id=template.id,
        fields=params.get("fields"),
        objects=[trigger] if trigger is not None and params.get("link_trigger", True) else [],
        tags=params.get("tags"),
        sla_expires_in_seconds=params.get("sla_seconds"),
    )
    return {"case_id": case.id, "case_name": case.name}


async def _case_assign(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
    actor, case_id = ctx.actor, ctx.case_id(params.get("case"))
    if "user" in params:
        user = await _user_by_email(actor, params["user"], "user")
        await case_changes.assign_case(
            actor=actor, case_id=case_id, assignee_id=user.id, expected_version=None
        )
        return {"case_id": case_id, "assignee_id": user.id}
    if "policy" in params:
        assigned = await assignment_commands.auto_assign(actor=actor, case_id=case_id)
        return {"case_id": case_id, "assignee_id": assigned.case.assignee_id}
    return await _assign_from_team(actor, case_id, params["team"])


async def _case_set_status(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
    case_id = ctx.case_id(params.get("case"))
    await case_changes.set_case_status(
        actor=ctx.actor, case_id=case_id, status=params["status"], comment=params.get("comment")
    )
    return {"case_id": case_id}


async def _case_add_comment(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
    case_id = ctx.case_id(params.get("case"))
    await case_objects.add_comment(actor=ctx.actor, case_id=case_id, body=str(params["body"]))
    return {"case_id": case_id}


def _set_tags(*, keep_current: bool) -> StepHandler:
    async def handler(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
        case_id = ctx.case_id(params.get("case"))
        tags = list(params["tags"])
        if keep_current:
            tags = list((await Case.get(id=case_id)).tags) + tags
        await case_changes.set_case_tags(actor=ctx.actor, case_id=case_id, tags=tags)
        return {"case_id": case_id}

    return handler


async def _case_attach_objects(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
    case_id = ctx.case_id(params.get("case"))
    trigger = ctx.trigger_object()
    if trigger is None:
        raise ValidationError.of("objects", f"a {ctx.subject} trigger has no object to attach")
    await case_objects.add_objects(actor=ctx.actor, case_id=case_id, objects=[trigger])
    return {"case_id": case_id}


def _set_sla(*, clear: bool) -> StepHandler:
    async def handler(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
        case_id = ctx.case_id(params.get("case"))
        seconds = None if clear else int(params["seconds"])
        await case_changes.update_case(
            actor=ctx.actor, case_id=case_id, sla_expires_in_seconds=seconds
        )
        return {"case_id": case_id}

    return handler


async def _notify_step(ctx: StepContext, params: dict[str, Any]) -> dict[str, Any]:
    return await _notify(ctx.actor, ctx.case_id(params.get("case")), params)


STEP_HANDLERS: Mapping[StepKind, StepHandler] = {
    StepKind.INQUIRY_MARK_FOR_REVIEW: _set_inquiry_status(InquiryStatus.NEEDS_REVIEW),
    StepKind.INQUIRY_APPROVE: _set_inquiry_status(InquiryStatus.APPROVED),
    StepKind.INQUIRY_DECLINE: _set_inquiry_status(InquiryStatus.DECLINED),
    StepKind.CASE_CREATE: _case_create,
    StepKind.CASE_ASSIGN: _case_assign,
    StepKind.CASE_SET_STATUS: _case_set_status,
    StepKind.CASE_ADD_COMMENT: _case_add_comment,
    StepKind.CASE_SET_TAGS: _set_tags(keep_current=False),
    StepKind.CASE_ADD_TAGS: _set_tags(keep_current=True),
    StepKind.CASE_ATTACH_OBJECTS: _case_attach_objects,
    StepKind.CASE_SET_SLA: _set_sla(clear=False),
    StepKind.CASE_CLEAR_SLA: _set_sla(clear=True),
    StepKind.NOTIFY: _notify_step,
}


async def run_step(
    step: dict[str, Any],
    *,
    actor: Principal,
    data: dict[str, Any],
    outputs: dict[str, dict[str, Any]],
    event: EventEnvelope,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Execute one step; returns (resolved input, output). Raises DomainError on failure."""
    params = step_input(step, data)
    handler = STEP_HANDLERS[StepKind(step["kind"])]
    output = await handler(StepContext(actor, data, outputs, event), params)
    return params, output


async def _assign_from_team(actor: Principal, case_id: int, team_name: str) -> dict[str, Any]:
    team = await Team.filter(organization_id=actor.organization_id, name=team_name).first()
    if team is None:
        raise NotFoundError("Team", team_name, field="team")
    case = await Case.get(id=case_id)
    template = await CaseTemplate.filter(id=case.template_id).select_for_update().get()
    members = [m.user_id for m in await TeamMember.filter(team_id=team.id)]
    decision = await assignment.decide_among(template, members)
    if decision.chosen is None:
        raise ValidationError.of(
            "team", f"nobody in team {team_name} can take a case: {decision.reason}"
        )
    await case_changes.assign_case(
        actor=actor, case_id=case_id, assignee_id=decision.chosen, expected_version=None
    )
    template.assignment_cursor = decision.cursor
    await template.save(update_fields=["assignment_cursor"])
    return {"case_id": case_id, "assignee_id": decision.chosen, "reason": decision.reason}


async def _notify(actor: Principal, case_id: int, params: dict[str, Any]) -> dict[str, Any]:
    recipients = [normalize_email(e, "emails") for e in params.get("emails") or []]
    for email in params.get("users") or []:
        recipients.append((await _user_by_email(actor, email, "users")).email)
    recipients = list(dict.fromkeys(recipients))
    if not recipients:
        raise ValidationError.of("emails", "notify needs at least one recipient")
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        notified = await uow.emit(
            WorkflowNotified(
                subject_id=case_id, recipients=tuple(recipients), subject=str(params["subject"])
            )
        )
        message = Message(
            organization_id=actor.organization_id,
            event_id=notified.id,
            subject=str(params["subject"]),
            body=str(params["body"]),
            case_id=case_id,
            event_name=notified.name,
        )
        for recipient in recipients:
            await queue_email(message, recipient, due=dt.datetime.now(dt.UTC))
    return {"case_id": case_id, "recipients": recipients}
