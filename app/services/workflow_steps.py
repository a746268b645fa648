"""What each workflow step kind does, by calling the same services as any other client."""

import datetime as dt
from typing import Any

from app.db.models import (
    Case,
    CaseObject,
    CaseTemplate,
    Inquiry,
    Team,
    TeamMember,
    User,
)
from app.domain.emails import normalize_email
from app.domain.errors import NotFoundError, ValidationError
from app.domain.events import WorkflowNotified
from app.domain.objects import InquiryStatus, ObjectType
from app.domain.principal import Principal
from app.domain.workflows import subject_of
from app.events.envelope import EventEnvelope
from app.services import assignment, assignment_commands, case_changes, case_objects, cases
from app.services.case_rules import ObjectRef
from app.services.inquiries import set_inquiry_status
from app.services.notification_deliveries import Message, queue_email
from app.services.uow import unit_of_work
from app.services.workflows import step_input

INQUIRY_TARGETS = {
    "inquiry_mark_for_review": InquiryStatus.NEEDS_REVIEW,
    "inquiry_approve": InquiryStatus.APPROVED,
    "inquiry_decline": InquiryStatus.DECLINED,
}
SUBJECT_OBJECTS = {
    "inquiry": ObjectType.INQUIRY,
    "report": ObjectType.REPORT,
    "account": ObjectType.ACCOUNT,
    "verification": ObjectType.VERIFICATION,
    "transaction": ObjectType.TRANSACTION,
}


def _case_id(ref: str | None, outputs: dict[str, dict[str, Any]], event: EventEnvelope) -> int:
    if ref is None:  # default: the trigger's case, else the last case a step created
        if subject_of(event.name) == "case":
            return event.subject_id
        created = [o["case_id"] for o in outputs.values() if "case_id" in o]
        if not created:
            raise ValidationError.of(
                "case", "no case: the trigger is not a case and no step made one"
            )
        return int(created[-1])
    if ref == "trigger":
        if subject_of(event.name) != "case":
            raise ValidationError.of("case", "the trigger is not a case")
        return event.subject_id
    output = outputs.get(ref.removeprefix("steps."), {})
    if "case_id" not in output:
        raise ValidationError.of("case", f"step '{ref[6:]}' produced no case")
    return int(output["case_id"])


async def _inquiry_ids(
    ref: str | None, data: dict[str, Any], outputs: dict[str, dict[str, Any]], event: EventEnvelope
) -> list[int]:
    subject = subject_of(event.name)
    if ref in (None, "trigger") and subject == "inquiry":
        return [event.subject_id]
    if ref in (None, "case_inquiries"):
        case_id = _case_id(None, outputs, event)
        if subject == "case" and case_id == event.subject_id:
            return list(data.get("case", {}).get("inquiry_ids", []))
        links = await CaseObject.filter(case_id=case_id, object_type=ObjectType.INQUIRY)
        return [link.object_id for link in links]
    raise ValidationError.of("inquiry", "must be 'trigger' or 'case_inquiries'")


async def _user_by_email(actor: Principal, email: str, field: str) -> User:
    user = await User.filter(
        organization_id=actor.organization_id, email=normalize_email(email, field)
    ).first()
    if user is None:
        raise NotFoundError("User", email, field=field)
    return user


async def run_step(
    step: dict[str, Any],
    *,
    actor: Principal,
    data: dict[str, Any],
    outputs: dict[str, dict[str, Any]],
    event: EventEnvelope,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Execute one step; returns (resolved input, output). Raises DomainError on failure."""
    kind = step["kind"]
    params = step_input(step, data)
    if kind in INQUIRY_TARGETS:
        target = INQUIRY_TARGETS[kind]
        done = []
        for inquiry_id in await _inquiry_ids(params.get("inquiry"), data, outputs, event):
            current = await Inquiry.get(id=inquiry_id)
            if current.status != target:
                await set_inquiry_status(
                    actor=actor, inquiry_id=inquiry_id, status=target, comment=params.get("comment")
                )
            done.append(inquiry_id)
        return params, {"inquiry_ids": done, "status": target.value}
    if kind == "case_create":
        template = await CaseTemplate.filter(
            organization_id=actor.organization_id, key=params["template"]
        ).first()
        if template is None:
            raise NotFoundError("CaseTemplate", params["template"], field="template")
        objects = []
        subject = subject_of(event.name)
        if params.get("link_trigger", True) and subject in SUBJECT_OBJECTS:
            objects.append(ObjectRef(SUBJECT_OBJECTS[subject], event.subject_id))
        case = await cases.create_case(
            actor=actor,
            template_id=template.id,
            fields=params.get("fields"),
            objects=objects,
            tags=params.get("tags"),
            sla_expires_in_seconds=params.get("sla_seconds"),
        )
        return params, {"case_id": case.id, "case_name": case.name}
    case_id = _case_id(params.get("case"), outputs, event)
    if kind == "case_assign":
        if "user" in params:
            user = await _user_by_email(actor, params["user"], "user")
            await case_changes.assign_case(
                actor=actor, case_id=case_id, assignee_id=user.id, expected_version=None
            )
            return params, {"case_id": case_id, "assignee_id": user.id}
        if "policy" in params:
            assigned = await assignment_commands.auto_assign(actor=actor, case_id=case_id)
            return params, {"case_id": case_id, "assignee_id": assigned.case.assignee_id}
        return params, await _assign_from_team(actor, case_id, params["team"])
    if kind == "case_set_status":
        await case_changes.set_case_status(
            actor=actor, case_id=case_id, status=params["status"], comment=params.get("comment")
        )
    elif kind == "case_add_comment":
        await case_objects.add_comment(actor=actor, case_id=case_id, body=str(params["body"]))
    elif kind in ("case_set_tags", "case_add_tags"):
        tags = list(params["tags"])
        if kind == "case_add_tags":
            tags = list((await Case.get(id=case_id)).tags) + tags
        await case_changes.set_case_tags(actor=actor, case_id=case_id, tags=tags)
    elif kind == "case_attach_objects":
        subject = subject_of(event.name)
        if subject not in SUBJECT_OBJECTS:
            raise ValidationError.of("objects", f"a {subject} trigger has no object to attach")
        await case_objects.add_objects(
            actor=actor,
            case_id=case_id,
            objects=[ObjectRef(SUBJECT_OBJECTS[subject], event.subject_id)],
        )
    elif kind in ("case_set_sla", "case_clear_sla"):
        seconds = int(params["seconds"]) if kind == "case_set_sla" else None
        await case_changes.update_case(actor=actor, case_id=case_id, sla_expires_in_seconds=seconds)
    elif kind == "notify":
        return params, await _notify(actor, case_id, params)
    return params, {"case_id": case_id}


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
