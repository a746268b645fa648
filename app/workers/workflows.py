"""Running workflows durably.

``WorkflowTrigger`` (a log consumer) turns each event into one run per matching published,
active workflow — the run key (workflow, version, event) is unique, so an event never runs a
version twice. ``WorkflowExecutor`` claims runs with a lease (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so replicas share the work; at most a few runs per organization per pass, so one
organization cannot starve another) and executes them step by step: each step's effects
and its recorded result commit in one transaction. A worker killed mid-run leaves the
finished steps recorded and the interrupted one rolled back; after the lease another worker
resumes with the first unfinished step, so no step takes effect twice.

A run that raises (anything, not only a DomainError) records the error and its attempt, and
is retried after an exponential backoff from its first unfinished step; after the last
attempt it is dead. Each run executes on its own: a failing one never stops its batch.
Every write goes through ``app.services.workflow_runs``.
"""

import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from app.db.models import WorkflowRun
from app.domain.principal import Actor, ActorType, Principal, Role
from app.domain.workflow_status import StepStatus, WorkflowRunStatus
from app.domain.workflows import choose_route
from app.events.envelope import EventEnvelope
from app.services import workflow_runs as runs
from app.services.workflow_runs import LEASE
from app.workers.consumer import LogConsumer
from app.workers.notifications import RetryPolicy

__all__ = ["LEASE", "WorkflowExecutor", "WorkflowTrigger"]

log = logging.getLogger(__name__)
DEFAULT_RETRY = RetryPolicy(base_seconds=5.0, max_attempts=5)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WorkflowTrigger(LogConsumer):
    """Consumer ``workflows``: every event may trigger workflows."""

    name = "workflows"
    events = None

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth

    async def handle(self, event: EventEnvelope) -> None:
        await runs.create_runs(event, max_depth=self.max_depth)


class WorkflowExecutor:
    """Claims due runs fairly across organizations and executes them, step by step."""

    def __init__(
        self,
        *,
        retry: RetryPolicy = DEFAULT_RETRY,
        per_organization: int = 5,
        after_step: Callable[[WorkflowRun, int], Awaitable[None]] | None = None,
    ) -> None:
        self.retry = retry
        self.per_organization = per_organization
        self.after_step = after_step  # test hook: simulate a worker dying between steps

    async def run_once(self, *, now: dt.datetime | None = None, limit: int = 20) -> int:
        """Execute the due runs (pending and due, or running with an expired lease): at most
        ``limit``, and at most ``per_organization`` of each organization."""
        now = now or _now()
        claimed = await runs.claim_due(now, limit=limit, per_organization=self.per_organization)
        for run in claimed:
            try:
                await self.execute(run.id)
            except Exception as exc:  # recorded and retried; the batch goes on
                await self._failed(run, exc, now)
        return len(claimed)

    async def _failed(self, run: WorkflowRun, exc: Exception, now: dt.datetime) -> None:
        gave_up = run.attempts >= self.retry.max_attempts
        retry_at = None if gave_up else now + self.retry.delay(run.attempts)
        log.error(
            "workflow run %d raised on attempt %d of %d (%s)",
            run.id,
            run.attempts,
            self.retry.max_attempts,
            "dead" if gave_up else f"retry at {retry_at:%Y-%m-%dT%H:%M:%S}",
            exc_info=exc,
        )
        await runs.record_failure(run.id, runs.describe(exc), now=now, retry_at=retry_at)

    async def execute(self, run_id: int) -> None:
        """Run one claimed run from its first unfinished step."""
        loaded = await runs.load(run_id)
        run, definition, data = loaded.run, loaded.definition, loaded.data
        if run.route is None:
            index = choose_route(definition, data, today=_now().date())
            if index is None:
                await runs.finish(run, WorkflowRunStatus.SKIPPED, None)
                return
            await runs.plan(run, index, definition["routes"][index])
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
            failed = await runs.execute_step(
                run, i, step, actor=actor, data=data, outputs=outputs, event=loaded.event
            )
            if self.after_step is not None:
                await self.after_step(run, i)
            if failed and not step.get("continue_on_error", False):
                error = f"step '{step['id']}' failed: {failed}"
                await runs.finish(run, WorkflowRunStatus.FAILED, error)
                return
        await runs.finish(run, WorkflowRunStatus.SUCCEEDED, None)
