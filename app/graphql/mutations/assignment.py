"""Assignment and inbox mutations."""

from typing import Annotated

import strawberry
from strawberry import relay

from app.graphql.context import Info
from app.graphql.errors import (
    RESULT_DESCRIPTION,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.ids import decode_id, decode_ids
from app.graphql.inputs import INPUT, principal
from app.graphql.types.assignment import AssignmentExplanation, Notification
from app.graphql.types.cases import Case
from app.graphql.types.common import Availability
from app.graphql.types.tenancy import User
from app.services import assignment_commands, notifications


@strawberry.input(description="Run a case's assignment policy now.")
class CaseAutoAssignInput:
    id: relay.GlobalID = strawberry.field(description="An open, unassigned case.")


@strawberry.input(description="Change a reviewer's availability.")
class UserSetAvailabilityInput:
    user_id: relay.GlobalID = strawberry.field(description="The user (oneself, or any as admin).")
    availability: Availability = strawberry.field(
        description="AVAILABLE receives cases; BUSY keeps them; UNAVAILABLE hands them back."
    )


@strawberry.input(description="Inbox entries to mark read.")
class NotificationMarkReadInput:
    ids: list[relay.GlobalID] = strawberry.field(description="Entries of the caller's inbox.")


@strawberry.type(description="The case after its policy ran, and the policy's explanation.")
class CaseAutoAssignPayload:
    case: Case = strawberry.field(description="The case (assignee null when nobody could take it).")
    assignment: AssignmentExplanation = strawberry.field(description="What the policy decided.")


@strawberry.type(description="The user after the change.")
class UserSetAvailabilityPayload:
    user: User = strawberry.field(description="The user.")


@strawberry.type(description="The entries, now read.")
class NotificationMarkReadPayload:
    notifications: list[Notification] = strawberry.field(description="The entries.")


CaseAutoAssignResult = Annotated[
    CaseAutoAssignPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("CaseAutoAssignResult", description=RESULT_DESCRIPTION),
]
UserSetAvailabilityResult = Annotated[
    UserSetAvailabilityPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("UserSetAvailabilityResult", description=RESULT_DESCRIPTION),
]
NotificationMarkReadResult = Annotated[
    NotificationMarkReadPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("NotificationMarkReadResult", description=RESULT_DESCRIPTION),
]


@strawberry.type
class AssignmentMutations:
    @strawberry.mutation(description="Run the template's assignment policy for a waiting case.")
    @errors_as_union
    async def case_auto_assign(
        self, info: Info, input: Annotated[CaseAutoAssignInput, INPUT]
    ) -> CaseAutoAssignResult:
        done = await assignment_commands.auto_assign(
            actor=principal(info), case_id=decode_id(input.id, "Case", field="id")
        )
        return CaseAutoAssignPayload(
            case=Case.from_row(done.case),
            assignment=AssignmentExplanation.from_decision(done.decision),
        )

    @strawberry.mutation(description="Set a reviewer's availability.")
    @errors_as_union
    async def user_set_availability(
        self, info: Info, input: Annotated[UserSetAvailabilityInput, INPUT]
    ) -> UserSetAvailabilityResult:
        row = await assignment_commands.set_availability(
            actor=principal(info),
            user_id=decode_id(input.user_id, "User", field="userId"),
            availability=input.availability,
        )
        return UserSetAvailabilityPayload(user=User.from_row(row))

    @strawberry.mutation(description="Mark entries of the caller's inbox read.")
    @errors_as_union
    async def notification_mark_read(
        self, info: Info, input: Annotated[NotificationMarkReadInput, INPUT]
    ) -> NotificationMarkReadResult:
        ids = decode_ids(input.ids, "Notification", field="ids")
        rows = await notifications.mark_read(actor=principal(info), notification_ids=ids)
        return NotificationMarkReadPayload(notifications=[Notification.from_row(r) for r in rows])
