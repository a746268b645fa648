"""Workflow definitions: drafts, versions, pause and resume; dry runs."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.db.models import CaseTemplate, Event, Workflow, WorkflowVersion
from app.domain.errors import NotFoundError, ValidationError
from app.domain.events import (
    WorkflowCreated,
    WorkflowDraftUpdated,
    WorkflowPaused,
    WorkflowPublished,
    WorkflowResumed,
)
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.templates import validate_name
from app.domain.workflow_params import TemplateFacts
from app.domain.workflow_status import WorkflowStatus
from app.domain.workflow_steps import COMMON_STEP_KEYS
from app.domain.workflows import choose_route, resolve, validate_definition
from app.events.envelope import EventEnvelope
from app.services.lookup import get_owned
from app.services.templates import field_defs_of, statuses_of
from app.services.uow import unit_of_work
from app.services.workflow_data import trigger_data


async def _template_keys(organization_id: int) -> dict[str, TemplateFacts]:
    """The organization's active templates, as workflow validation sees them."""
    rows = await CaseTemplate.filter(organization_id=organization_id, archived_at__isnull=True)
    return {
        row.key: TemplateFacts(
            key=row.key,
            statuses=tuple(s.name for s in statuses_of(row)),
            fields=tuple(field_defs_of(row)),
        )
        for row in rows
    }


async def create_workflow(*, actor: Principal, name: str, definition: Any) -> Workflow:
    """Create a workflow with a draft (validated; publish it to make it run)."""
    require(actor, Operation.MANAGE_WORKFLOWS)
    name = validate_name(name)
    validate_definition(definition, templates=await _template_keys(actor.organization_id))
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        workflow = await Workflow.create(
            organization_id=actor.organization_id, name=name, draft=definition
        )
        await uow.emit(WorkflowCreated(subject_id=workflow.id))
    return workflow


async def update_draft(
    *, actor: Principal, workflow_id: int, name: str | None, definition: Any | None
) -> Workflow:
    """Replace the draft (and/or rename); published versions are untouched."""
    require(actor, Operation.MANAGE_WORKFLOWS)
    if name is None and definition is None:
        raise ValidationError.of("input", "nothing to update: give name or definition")
    if definition is not None:
        validate_definition(definition, templates=await _template_keys(actor.organization_id))
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        workflow = await get_owned(Workflow, actor, workflow_id, lock=True)
        if name is not None:
            workflow.name = validate_name(name)
        if definition is not None:
            workflow.draft = definition
        await workflow.save()
        await uow.emit(WorkflowDraftUpdated(subject_id=workflow.id))
    return workflow


async def publish(*, actor: Principal, workflow_id: int) -> Workflow:
    """Freeze the draft as the next version; new events run it from now on."""
    require(actor, Operation.MANAGE_WORKFLOWS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        workflow = await get_owned(Workflow, actor, workflow_id, lock=True)
        validate_definition(workflow.draft, templates=await _template_keys(actor.organization_id))
        version = (workflow.published_version or 0) + 1
        await WorkflowVersion.create(
            workflow_id=workflow.id, version=version, definition=workflow.draft
        )
        workflow.published_version = version
        workflow.trigger = workflow.draft["trigger"]
        await workflow.save()
        await uow.emit(WorkflowPublished(subject_id=workflow.id, version=version))
    return workflow


async def set_paused(*, actor: Principal, workflow_id: int, paused: bool) -> Workflow:
    """Pause (events are ignored, no runs are created) or resume a workflow."""
    require(actor, Operation.MANAGE_WORKFLOWS)
    status = WorkflowStatus.PAUSED if paused else WorkflowStatus.ACTIVE
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        workflow = await get_owned(Workflow, actor, workflow_id, lock=True)
        if workflow.status == status:
            raise ValidationError.of("id", f"the workflow is already {status}")
        workflow.status = status
        await workflow.save(update_fields=["status", "updated_at"])
        event_class = WorkflowPaused if paused else WorkflowResumed
        await uow.emit(event_class(subject_id=workflow.id))
    return workflow


@dataclass(frozen=True)
class PlannedStep:
    """A step a dry run would execute, with its parameters resolved."""

    id: str
    kind: str
    input: dict[str, Any]


@dataclass(frozen=True)
class DryRun:
    """Which route would run for an event, and its steps; nothing is written."""

    route: str | None
    steps: list[PlannedStep]


def step_input(step: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A step's parameters with ``{"path": ...}`` values read from the trigger data."""
    params = {k: v for k, v in step.items() if k not in COMMON_STEP_KEYS}
    resolved: dict[str, Any] = resolve(params, data)
    return resolved


async def dry_run(
    *, actor: Principal, workflow_id: int, version: int | None, event_id: int
) -> DryRun:
    """What a version (the draft when None) would do for a logged event."""
    require(actor, Operation.READ)
    workflow = await get_owned(Workflow, actor, workflow_id, field="workflowId")
    if version is None:
        definition = workflow.draft
    else:
        row = await WorkflowVersion.filter(workflow_id=workflow.id, version=version).first()
        if row is None:
            raise NotFoundError("WorkflowVersion", version, field="version")
        definition = row.definition
    event = await Event.filter(id=event_id, organization_id=actor.organization_id).first()
    if event is None:
        raise NotFoundError("Event", event_id, field="eventId")
    if event.name != definition["trigger"]:
        raise ValidationError.of(
            "eventId", f"the workflow runs on {definition['trigger']}, not {event.name}"
        )
    data = await trigger_data(EventEnvelope.from_row(event))
    index = choose_route(definition, data, today=dt.datetime.now(dt.UTC).date())
    if index is None:
        return DryRun(None, [])
    route = definition["routes"][index]
    return DryRun(
        route.get("name") or f"route {index}",
        [PlannedStep(s["id"], s["kind"], step_input(s, data)) for s in route["steps"]],
    )
