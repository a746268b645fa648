"""Running workflows durably.

``WorkflowTrigger`` (a log consumer) turns each event into one run per matching published,
active workflow — the run key (workflow, version, event) is unique, so an event never runs a
version twice. ``WorkflowExecutor`` claims runs with a lease (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so replicas share the work) and executes them step by step: each step's effects
and its recorded result commit in one transaction. A worker killed mid-run leaves the
finished steps recorded and the interrupted one rolled back; after the lease another worker
resumes with the first unfinished step, so no step takes effect twice.
"""

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from tortoise.transactions import in_transaction

from app.db.models import Event, Workflow, WorkflowRun, WorkflowVersion
from app.domain.errors import DomainError
from app.domain.events import SubjectType
from app.domain.principal import Actor, ActorType, Principal, Role
from app.domain.workflow_status import (
    UNFINISHED_RUN_STATUSES,
    StepStatus,
    WorkflowRunStatus,
    WorkflowStatus,
)
from app.domain.workflows import choose_route
from app.events.envelope import EventEnvelope
from app.services.uow import transaction
from app.services.workflow_data import trigger_data
from app.services.workflow_steps import run_step
from app.workers.consumer import LogConsumer

log = logging.getLogger(__name__)
LEASE = dt.timedelta(seconds=60)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WorkflowTrigger(LogConsumer):
    """Consumer ``workflows``: every event may trigger workflows."""

    name = "workflows"
    events = None

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth

    async def handle(self, event: EventEnvelope) -> None:
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
        for workflow in workflows:
            too_deep = depth > self.max_depth
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
                    f"exceeds the limit of {self.max_depth}"
                    if too_deep
                    else None,
                    "finished_at": _now() if too_deep else None,
                },
            )


class WorkflowExecutor:
    """Claims due runs and executes them, step by step."""

    def __init__(self, *, after_step: Callable[[WorkflowRun, int], Awaitable[None]] | None = None):
        self.after_step = after_step  # test hook: simulate a worker dying between steps

    async def run_once(self, *, now: dt.datetime | None = None, limit: int = 20) -> int:
        """Execute every due run (pending, or running with an expired lease)."""
        now = now or _now()
        async with in_transaction():
            due = await (
                WorkflowRun.filter(status__in=UNFINISHED_RUN_STATUSES)
                .filter(lease_until__isnull=True)
                .order_by("id")
                .limit(limit)
                .select_for_update(skip_locked=True)
            )
            expired = await (
                WorkflowRun.filter(status=WorkflowRunStatus.RUNNING, lease_until__lt=now)
                .order_by("id")
                .limit(limit)
                .select_for_update(skip_locked=True)
            )
            claimed = list({r.id: r for r in [*due, *expired]}.values())
            for run in claimed:
                run.status = WorkflowRunStatus.RUNNING
                run.lease_until = now + LEASE
                await run.save(update_fields=["status", "lease_until"])
        for run in claimed:
            await self.execute(run.id)
        return len(claimed)

    async def execute(self, run_id: int) -> None:
        run = await WorkflowRun.get(id=run_id)
        version = await WorkflowVersion.get(workflow_id=run.workflow_id, version=run.version)
        event = EventEnvelope.from_row(await Event.get(id=run.event_id))
        data = await trigger_data(event)
        definition: dict[str, Any] = version.definition
        if run.route is None:
            index = choose_route(definition, data, today=_now().date())
            if index is None:
                await self._finish(run, WorkflowRunStatus.SKIPPED, None)
                return
            route = definition["routes"][index]
            run.route = route.get("name") or f"route {index}"
            run.steps = [
                {"index": index, "id": s["id"], "kind": s["kind"], "status": StepStatus.PENDING}
                for s in route["steps"]
            ]
            await run.save(update_fields=["route", "steps"])
        index = run.steps[0]["index"] if run.steps else 0
        steps = definition["routes"][index]["steps"] if run.steps else []
        actor = Principal(
            organization_id=run.organization_id,
            role=Role.REVIEWER,
            actor_override=Actor(ActorType.WORKFLOW_RUN, str(run.id)),
        )
        outputs = {
            r["id"]: r.get("output") or {} for r in run.steps if r["status"] == StepStatus.SUCCEEDED
        }
        for i, step in enumerate(steps):
            if run.steps[i]["status"] != StepStatus.PENDING:
                continue
            failed = await self._step(run, i, step, actor, data, outputs, event)
            if self.after_step is not None:
                await self.after_step(run, i)
            if failed and not step.get("continue_on_error", False):
                await self._finish(
                    run, WorkflowRunStatus.FAILED, f"step '{step['id']}' failed: {failed}"
                )
                return
        await self._finish(run, WorkflowRunStatus.SUCCEEDED, None)

    async def _step(
        self,
        run: WorkflowRun,
        i: int,
        step: dict[str, Any],
        actor: Principal,
        data: dict[str, Any],
        outputs: dict[str, dict[str, Any]],
        event: EventEnvelope,
    ) -> str | None:
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

    async def _finish(self, run: WorkflowRun, status: WorkflowRunStatus, error: str | None) -> None:
        run.status = status
        run.error = error  # type: ignore[assignment]
        run.finished_at = _now()
        run.lease_until = None
        await run.save(update_fields=["status", "error", "finished_at", "lease_until"])
