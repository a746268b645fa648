"""Persona integrations and the calls made to Persona (admins)."""

from typing import Annotated

import strawberry
from strawberry import relay

from app.db.reads import persona as reads
from app.domain.errors import DomainError
from app.domain.permissions import Operation, require
from app.domain.persona import ActionStatus
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_optional
from app.graphql.pagination import After, Before, Connection, First, Last
from app.graphql.queries.core import list_connection_of, org_of
from app.graphql.types.persona import PersonaAction, PersonaIntegration


@strawberry.input(description="Which calls to Persona to list; every given condition must hold.")
class PersonaActionFilter:
    inquiry_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Calls about this inquiry."
    )
    status: ActionStatus | None = strawberry.field(default=None, description="Only this status.")


def _admin(info: Info) -> int:
    try:
        require(info.context.require_principal(), Operation.MANAGE_INTEGRATIONS)
    except DomainError as exc:
        raise as_graphql_error(exc) from None
    return org_of(info)


@strawberry.type
class PersonaQueries:
    @strawberry.field(description="The organization's Persona integrations, oldest first (admins).")
    async def persona_integrations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PersonaIntegration]:
        query = reads.integrations(_admin(info))
        return await list_connection_of(
            query, PersonaIntegration, first, after, last, before, newest=False
        )

    @strawberry.field(
        description="Calls casegraph made to Persona's inquiry actions, newest first: the "
        "delivery log of write-back (admins)."
    )
    async def persona_actions(
        self,
        info: Info,
        filter: Annotated[
            PersonaActionFilter | None, strawberry.argument(description="Conditions to match.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PersonaAction]:
        organization_id = _admin(info)
        f = filter or PersonaActionFilter()
        try:
            inquiry_id = decode_optional(f.inquiry_id, "Inquiry", field="filter.inquiryId")
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        query = reads.actions(
            organization_id, inquiry_id=inquiry_id, status=f.status.value if f.status else None
        )
        return await list_connection_of(query, PersonaAction, first, after, last, before)
