"""Workflows, versions, runs and dry runs."""

import datetime as dt
from typing import Any

import strawberry
from strawberry.scalars import JSON

from app.db import models
from app.graphql.context import Info
from app.graphql.list_limits import RECENT
from app.graphql.types.common import RowNode


def _time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@strawberry.type(description="A published, immutable version of a workflow.")
class WorkflowVersion:
    version: int = strawberry.field(description="1, 2, ...")
    definition: JSON = strawberry.field(description="Trigger, criteria and routes.")
    created_at: dt.datetime = strawberry.field(description="When it was published.")


@strawberry.type(description="Automation run on an event: routes of conditions and steps.")
class Workflow(RowNode[models.Workflow]):
    MODEL = models.Workflow

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="active, or paused (events are ignored).")
    def status(self) -> str:
        return str(self.row.status)

    @strawberry.field(description="Event name the published version runs on.")
    def trigger(self) -> str | None:
        return self.row.trigger

    @strawberry.field(description="The draft definition (edit, then publish).")
    def draft(self) -> JSON:
        return self.row.draft

    @strawberry.field(description="The version new events run; null until published.")
    def published_version(self) -> int | None:
        return self.row.published_version

    @strawberry.field(description="Published versions, oldest first (the newest 100).")
    async def versions(self, info: Info) -> list[WorkflowVersion]:
        rows = await info.context.loaders.workflow_versions.load(self.row.id)
        return [
            WorkflowVersion(version=r.version, definition=r.definition, created_at=r.created_at)
            for r in rows[-RECENT:]
        ]


@strawberry.type(description="One executed (or skipped) step of a run.")
class WorkflowStepRun:
    id: str = strawberry.field(description="The step's id in the definition.")
    kind: str = strawberry.field(description="Step kind, e.g. case_create.")
    status: str = strawberry.field(description="pending, succeeded or failed.")
    input: JSON | None = strawberry.field(description="Parameters, with paths resolved.")
    output: JSON | None = strawberry.field(description="What it produced, e.g. case_id.")
    error: str | None = strawberry.field(description="Why it failed.")
    started_at: dt.datetime | None = strawberry.field(description="When it started.")
    finished_at: dt.datetime | None = strawberry.field(description="When it finished.")


@strawberry.type(description="One run of one workflow version for one event.")
class WorkflowRun(RowNode[models.WorkflowRun]):
    MODEL = models.WorkflowRun

    @strawberry.field(description="The workflow.")
    async def workflow(self, info: Info) -> Workflow:
        row = await info.context.loaders.row(models.Workflow, self.row.workflow_id)
        return Workflow.from_row(row)

    @strawberry.field(description="The version that ran.")
    def version(self) -> int:
        return int(self.row.version)

    @strawberry.field(
        description="pending, running, succeeded, failed, skipped, or dead: it raised on every "
        "attempt (see error and attempts)."
    )
    def status(self) -> str:
        return str(self.row.status)

    @strawberry.field(
        description="How many times a worker has taken the run up. An attempt that raises is "
        "retried after a backoff (WORKFLOW_RUN_RETRY_BASE_SECONDS, doubling per attempt); after "
        "WORKFLOW_RUN_MAX_ATTEMPTS the run is dead."
    )
    def attempts(self) -> int:
        return int(self.row.attempts)

    @strawberry.field(description="When a run whose last attempt raised is tried again.")
    def next_attempt_at(self) -> dt.datetime | None:
        return self.row.next_attempt_at

    @strawberry.field(description="Name of the route taken; null when none applied.")
    def route(self) -> str | None:
        return self.row.route

    @strawberry.field(description="The trigger event's name.")
    def event_name(self) -> str:
        return str(self.row.event_name)

    @strawberry.field(description="Length of the chain of workflow-caused events before it.")
    def depth(self) -> int:
        return int(self.row.depth)

    @strawberry.field(
        description="Why the run failed, or why its last attempt raised (the exception's type "
        "and message, at most 500 characters)."
    )
    def error(self) -> str | None:
        return self.row.error

    @strawberry.field(description="The steps of the route, with input, output, error, timings.")
    def steps(self) -> list[WorkflowStepRun]:
        steps: list[dict[str, Any]] = self.row.steps
        return [
            WorkflowStepRun(
                id=s["id"],
                kind=s["kind"],
                status=s["status"],
                input=s.get("input"),
                output=s.get("output"),
                error=s.get("error"),
                started_at=_time(s.get("started_at")),
                finished_at=_time(s.get("finished_at")),
            )
            for s in steps
        ]

    @strawberry.field(description="When the run was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="When it finished.")
    def finished_at(self) -> dt.datetime | None:
        return self.row.finished_at


@strawberry.type(description="A step a dry run would execute.")
class PlannedStep:
    id: str = strawberry.field(description="The step's id.")
    kind: str = strawberry.field(description="Step kind.")
    input: JSON = strawberry.field(description="Parameters, with paths resolved.")


@strawberry.type(description="What a workflow version would do for an event; nothing is written.")
class WorkflowDryRun:
    route: str | None = strawberry.field(description="The route that would run; null: none.")
    steps: list[PlannedStep] = strawberry.field(description="Its steps, in order.")
