"""Workflows, runs and dry runs."""

from typing import Annotated

import strawberry
from strawberry import relay

from app.db.reads import lists
from app.domain.errors import DomainError
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_id, decode_optional
from app.graphql.pagination import After, Before, Connection, First, Last
from app.graphql.queries.core import list_connection_of, org_of
from app.graphql.types.workflows import PlannedStep, Workflow, WorkflowDryRun, WorkflowRun
from app.services import workflows as workflow_service


@strawberry.input(description="Which workflow runs to list.")
class WorkflowRunFilter:
    workflow_id: relay.GlobalID | None = strawberry.field(default=None, description="One workflow.")
    status: str | None = strawberry.field(
        default=None, description="pending, running, succeeded, failed, skipped or dead."
    )
    case_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Runs triggered by or creating this case."
    )
    inquiry_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Runs triggered by this inquiry."
    )


@strawberry.type
class WorkflowQueries:
    @strawberry.field(description="Workflows, oldest first.")
    async def workflows(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Workflow]:
        query = lists.workflows(org_of(info))
        return await list_connection_of(query, Workflow, first, after, last, before, newest=False)

    @strawberry.field(description="One workflow; null when absent or not visible.")
    async def workflow(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The workflow.")],
    ) -> Workflow | None:
        if id.type_name != "Workflow":
            return None
        return (await Workflow.resolve_nodes(info=info, node_ids=[id.node_id]))[0]

    @strawberry.field(description="Workflow runs, newest first.")
    async def workflow_runs(
        self,
        info: Info,
        filter: Annotated[
            WorkflowRunFilter | None, strawberry.argument(description="Conditions to match.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WorkflowRun]:
        f = filter or WorkflowRunFilter()
        try:
            query = lists.workflow_runs(
                org_of(info),
                workflow_id=decode_optional(f.workflow_id, "Workflow", field="filter.workflowId"),
                status=f.status,
                case_id=decode_optional(f.case_id, "Case", field="filter.caseId"),
                inquiry_id=decode_optional(f.inquiry_id, "Inquiry", field="filter.inquiryId"),
            )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return await list_connection_of(query, WorkflowRun, first, after, last, before)

    @strawberry.field(description="What a workflow version would do for a logged event.")
    async def workflow_dry_run(
        self,
        info: Info,
        workflow_id: Annotated[relay.GlobalID, strawberry.argument(description="The workflow.")],
        event_id: Annotated[
            relay.GlobalID, strawberry.argument(description="An event of the log (Event id).")
        ],
        version: Annotated[
            int | None, strawberry.argument(description="A published version; null: the draft.")
        ] = None,
    ) -> WorkflowDryRun:
        try:
            plan = await workflow_service.dry_run(
                actor=info.context.require_principal(),
                workflow_id=decode_id(workflow_id, "Workflow", field="workflowId"),
                version=version,
                event_id=decode_id(event_id, "Event", field="eventId"),
            )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return WorkflowDryRun(
            route=plan.route,
            steps=[
                PlannedStep(id=s.id, kind=s.kind, input=s.input)  # type: ignore[arg-type]
                for s in plan.steps
            ],
        )
