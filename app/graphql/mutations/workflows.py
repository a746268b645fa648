"""Workflow mutations (admins)."""

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.graphql.context import Info
from app.graphql.errors import (
    RESULT_DESCRIPTION,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.ids import decode_id
from app.graphql.inputs import INPUT, principal
from app.graphql.types.workflows import Workflow
from app.services import workflows as service


@strawberry.input(description="A new workflow; its definition becomes the draft.")
class WorkflowCreateInput:
    name: str = strawberry.field(description="Display name.")
    definition: JSON = strawberry.field(
        description="{trigger, criteria?, routes: [{name, when | else, steps}]} (see README)."
    )


@strawberry.input(description="Replace a workflow's draft and/or rename it.")
class WorkflowUpdateDraftInput:
    id: relay.GlobalID = strawberry.field(description="The workflow.")
    name: str | None = strawberry.field(default=None, description="New name.")
    definition: JSON | None = strawberry.field(default=None, description="New draft.")


@strawberry.input(description="The workflow to act on.")
class WorkflowIdInput:
    id: relay.GlobalID = strawberry.field(description="The workflow.")


@strawberry.type(description="The workflow after the change.")
class WorkflowPayload:
    workflow: Workflow = strawberry.field(description="The workflow.")


WorkflowResult = Annotated[
    WorkflowPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("WorkflowResult", description=RESULT_DESCRIPTION),
]


def _id(gid: relay.GlobalID) -> int:
    return decode_id(gid, "Workflow", field="id")


@strawberry.type
class WorkflowMutations:
    @strawberry.mutation(description="Create a workflow with a draft (admin).")
    @errors_as_union
    async def workflow_create(
        self, info: Info, input: Annotated[WorkflowCreateInput, INPUT]
    ) -> WorkflowResult:
        row = await service.create_workflow(
            actor=principal(info), name=input.name, definition=input.definition
        )
        return WorkflowPayload(workflow=Workflow.from_row(row))

    @strawberry.mutation(description="Replace the draft (admin); published versions stay.")
    @errors_as_union
    async def workflow_update_draft(
        self, info: Info, input: Annotated[WorkflowUpdateDraftInput, INPUT]
    ) -> WorkflowResult:
        row = await service.update_draft(
            actor=principal(info),
            workflow_id=_id(input.id),
            name=input.name,
            definition=input.definition,
        )
        return WorkflowPayload(workflow=Workflow.from_row(row))

    @strawberry.mutation(description="Publish the draft as the next version (admin).")
    @errors_as_union
    async def workflow_publish(
        self, info: Info, input: Annotated[WorkflowIdInput, INPUT]
    ) -> WorkflowResult:
        row = await service.publish(actor=principal(info), workflow_id=_id(input.id))
        return WorkflowPayload(workflow=Workflow.from_row(row))

    @strawberry.mutation(description="Pause a workflow: new events start no runs (admin).")
    @errors_as_union
    async def workflow_pause(
        self, info: Info, input: Annotated[WorkflowIdInput, INPUT]
    ) -> WorkflowResult:
        row = await service.set_paused(
            actor=principal(info), workflow_id=_id(input.id), paused=True
        )
        return WorkflowPayload(workflow=Workflow.from_row(row))

    @strawberry.mutation(description="Resume a paused workflow (admin).")
    @errors_as_union
    async def workflow_resume(
        self, info: Info, input: Annotated[WorkflowIdInput, INPUT]
    ) -> WorkflowResult:
        row = await service.set_paused(
            actor=principal(info), workflow_id=_id(input.id), paused=False
        )
        return WorkflowPayload(workflow=Workflow.from_row(row))
