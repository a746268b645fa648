"""The one writer of workflow runs: created by the trigger consumer, then claimed, planned,
advanced step by step and settled (succeeded, failed, skipped, retried or dead) by the
executor (``app.workers.workflows``), which holds no writes of its own.

Claiming is fair across organizations: each pass takes at most ``per_organization`` due runs
of every organization (oldest first within each, organizations by their oldest due run), so
one organization's backlog cannot starve another's.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import F, Q
from tortoise.functions import Min
from tortoise.transactions import in_transaction

from app.db.models import Event, Workflow, WorkflowRun, WorkflowVersion
from app.domain.errors import DomainError
from app.domain.events import SubjectType
from app.domain.principal import ActorType, Principal
from app.domain.workflow_status import StepStatus, WorkflowRunStatus, WorkflowStatus
from app.events.envelope import EventEnvelope
from app.services.uow import transaction
from app.services.workflow_data import trigger_data
from app.services.workflow_steps import run_step

LEASE = dt.timedelta(seconds=60)
MAX_ERROR_LENGTH = 500  # of the error a run records


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def create_runs(event: EventEnvelope, *, max_depth: int) -> None:
    """One pending run per matching published, active workflow (once per event and version);
    a run caused by a chain of workflow-caused events deeper than ``max_depth`` is created
    failed (the loop guard)."""
    workflows = await Workflow.filter(
        organization_id=event.organization_id,
        trigger=event.name,
        status=WorkflowStatus.ACTIVE,
        published_version__isnull=False,
    )
    if not workflows:
        return
    depth = 0
    if event.actor_type == ActorType.WORKFLOW_RUN and event.actor_id.isdigit():
        parent = await WorkflowRun.filter(id=int(event.actor_id)).first()
        depth = parent.depth + 1 if parent else 0
    too_deep = depth > max_depth
    for workflow in workflows:
        await WorkflowRun.get_or_create(
            workflow_id=workflow.id,
            version=workflow.published_version,
            event_id=event.id,
            defaults={
                "organization_id": event.organization_id,
                "event_name": event.name,
                "subject_type": event.subject_type,
                "subject_id": event.subject_id,
                "case_id": event.subject_id if event.is_about(SubjectType.CASE) else None,
                "inquiry_id": event.subject_id if event.is_about(SubjectType.INQUIRY) else None,
                "depth": depth,
                "steps": [],
                "status": WorkflowRunStatus.FAILED if too_deep else WorkflowRunStatus.PENDING,
                "error": f"loop guard: chain of workflow-caused events {depth} deep "
                f"exceeds the limit of {max_depth}"
                if too_deep
                else None,
                "finished_at": _now() if too_deep else None,
            },
        )


def _due(now: dt.datetime) -> Q:
    """Pending runs whose retry time has come, and running runs whose lease has expired."""
    pending = Q(status=WorkflowRunStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    expired = Q(status=WorkflowRunStatus.RUNNING) & (
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
    return pending | expired


async def claim_due(now: dt.datetime, *, limit: int, per_organization: int) -> list[WorkflowRun]:
    """Lease up to ``limit`` due runs, at most ``per_organization`` of each organization,
    counting an attempt for each; returned round-robin across organizations."""
    async with in_transaction():
        oldest = await (
            WorkflowRun.filter(_due(now))
            .annotate(oldest=Min("id"))
            .group_by("organization_id")
            .order_by("oldest")
            .limit(limit)
            .values_list("organization_id", flat=True)
        )
        batches: list[list[WorkflowRun]] = []
        room = limit
        for organization_id in oldest:
            if room <= 0:
                break
            rows = await (
                WorkflowRun.filter(_due(now), organization_id=organization_id)
                .order_by("id")
                .limit(min(per_organization, room))
                .select_for_update(skip_locked=True)
            )
            batches.append(list(rows))
            room -= len(rows)
        claimed = [run for batch in batches for run in batch]
        if claimed:
            await WorkflowRun.filter(id__in=[r.id for r in claimed]).update(
                status=WorkflowRunStatus.RUNNING,
                lease_until=now + LEASE,
                next_attempt_at=None,
                attempts=F("attempts") + 1,
            )
    for run in claimed:
        run.status = WorkflowRunStatus.RUNNING
        run.lease_until = now + LEASE
        run.attempts += 1
    width = max((len(b) for b in batches), default=0)
    return [b[i] for i in range(width) for b in batches if i < len(b)]


@dataclass(frozen=True)
class RunInput:
    """What a run executes: its definition (the version it runs) and its trigger."""

    run: WorkflowRun
    definition: dict[str, Any]
    event: EventEnvelope
    data: dict[str, Any]


async def load(run_id: int) -> RunInput:
    """A run with its version's definition, its trigger event and the trigger's data."""
    run = await WorkflowRun.get(id=run_id)
    version = await WorkflowVersion.get(workflow_id=run.workflow_id, version=run.version)
    event = EventEnvelope.from_row(await Event.get(id=run.event_id))
    return RunInput(run, version.definition, event, await trigger_data(event))


async def plan(run: WorkflowRun, index: int, route: dict[str, Any]) -> None:
    """Record the route a run takes and its steps, all pending."""
    run.route = route.get("name") or f"route {index}"
    run.steps = [
        {"index": index, "id": s["id"], "kind": s["kind"], "status": StepStatus.PENDING}
        for s in route["steps"]
    ]
    await run.save(update_fields=["route", "steps"])


async def execute_step(
    run: WorkflowRun,
    i: int,
    step: dict[str, Any],
    *,
    actor: Principal,
    data: dict[str, Any],
    outputs: dict[str, dict[str, Any]],
    event: EventEnvelope,
) -> str | None:
    """Run the ``i``-th step and record its result in one transaction; its error, if any.
    A DomainError fails the step; anything else rolls the step back and propagates."""
    started = _now()
    record: dict[str, Any] = dict(run.steps[i], started_at=started.isoformat())
    async with transaction():
        await WorkflowRun.filter(id=run.id).select_for_update().first()
        try:
            async with transaction():  # a savepoint: a failed step leaves nothing
                params, output = await run_step(
                    step, actor=actor, data=data, outputs=outputs, event=event
                )
            record.update(status=StepStatus.SUCCEEDED, input=params, output=output, error=None)
            outputs[step["id"]] = output
            if "case_id" in output and run.case_id is None:
                run.case_id = output["case_id"]
        except DomainError as exc:
            record.update(status=StepStatus.FAILED, error=exc.message)
        record["finished_at"] = _now().isoformat()
        run.steps = [*run.steps[:i], record, *run.steps[i + 1 :]]
        await run.save(update_fields=["steps", "case_id"])
    return record["error"] if record["status"] == StepStatus.FAILED else None


async def finish(run: WorkflowRun, status: WorkflowRunStatus, error: str | None) -> None:
    """The run ended: succeeded, failed (a step failed) or skipped (no route applied)."""
    run.status = status
    run.error = error  # type: ignore[assignment]
    run.finished_at = _now()
    run.lease_until = None
    await run.save(update_fields=["status", "error", "finished_at", "lease_until"])


def describe(exc: BaseException) -> str:
    """What a run records of an unexpected exception: its type and message, bounded."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 1] + "…"


async def record_failure(
    run_id: int, error: str, *, now: dt.datetime, retry_at: dt.datetime | None
) -> None:
    """An attempt raised: the run is pending again from ``retry_at``, or dead (None)."""
    if retry_at is None:
        await WorkflowRun.filter(id=run_id).update(
            status=WorkflowRunStatus.DEAD, error=error, lease_until=None, finished_at=now
        )
    else:
        await WorkflowRun.filter(id=run_id).update(
            status=WorkflowRunStatus.PENDING,
            error=error,
            lease_until=None,
            next_attempt_at=retry_at,
        )
