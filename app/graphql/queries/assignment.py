"""Assignment previews and email deliveries."""

from typing import Annotated

import strawberry
from strawberry import relay

from app.db.reads import lists
from app.domain.errors import DomainError
from app.domain.permissions import Operation, require
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_id
from app.graphql.pagination import After, Before, Connection, First, Last
from app.graphql.queries.core import list_connection_of, org_of
from app.graphql.types.assignment import AssignmentExplanation, NotificationDelivery
from app.services import assignment_commands


@strawberry.type
class AssignmentQueries:
    @strawberry.field(description="What the case's assignment policy would do now (no change).")
    async def case_assignment_preview(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The case.")],
    ) -> AssignmentExplanation:
        try:
            decision = await assignment_commands.preview(
                actor=info.context.require_principal(),
                case_id=decode_id(id, "Case", field="id"),
            )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return AssignmentExplanation.from_decision(decision)

    @strawberry.field(description="Email deliveries, newest first (admins).")
    async def notification_deliveries(
        self,
        info: Info,
        status: Annotated[
            str | None, strawberry.argument(description="pending, sent or failed.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[NotificationDelivery]:
        try:
            require(info.context.require_principal(), Operation.READ_DELIVERIES)
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        query = lists.deliveries(org_of(info), status=status)
        return await list_connection_of(query, NotificationDelivery, first, after, last, before)
