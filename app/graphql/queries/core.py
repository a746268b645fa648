"""Query fields that are not about one area: node, viewer, the event log, users, keys, teams;
and the helpers the other query modules share."""

from typing import Annotated, Any

import strawberry
from strawberry import relay

from app.db import models
from app.db.reads import lists
from app.db.reads.pagination import Ordering
from app.domain.errors import ValidationError
from app.domain.events import SubjectType
from app.domain.permissions import Operation, allowed
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    query_connection,
)
from app.graphql.types.common import RowNode
from app.graphql.types.events import Event
from app.graphql.types.tenancy import ApiKey, Organization, Team, User, Viewer


def org_of(info: Info) -> int:
    return int(info.context.require_principal().organization_id)


@strawberry.type
class CoreQueries:
    node: relay.Node | None = relay.node(
        description="Fetch any object by its global id; null when absent or not visible."
    )

    @strawberry.field(description="The caller: organization, role, user and key.")
    async def viewer(self, info: Info) -> Viewer:
        p = info.context.require_principal()
        loaders = info.context.loaders
        org = await loaders.row(models.Organization, p.organization_id)
        user = await loaders.rows(models.User).load(p.user_id) if p.user_id else None
        key = await loaders.rows(models.ApiKey).load(p.api_key_id) if p.api_key_id else None
        return Viewer(
            organization=Organization.from_row(org),
            role=p.role,
            user=User.from_row(user) if user else None,
            api_key=ApiKey.from_row(key) if key else None,
            user_id=p.user_id,
        )

    @strawberry.field(description="The organization's event log, oldest first.")
    async def events(
        self,
        info: Info,
        names: Annotated[
            list[str] | None, strawberry.argument(description="Only these event names.")
        ] = None,
        subject_id: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only events about this object."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        subject = None
        if subject_id is not None:
            subject_type = SubjectType.of_node_type(subject_id.type_name)
            if subject_type is None or not subject_id.node_id.isdigit():
                raise as_graphql_error(ValidationError.of("subjectId", "is not an object id"))
            subject = (subject_type.value, int(subject_id.node_id))
        query = lists.events(org_of(info), names=names, subject=subject)
        return await list_connection_of(query, Event, first, after, last, before, newest=False)

    @strawberry.field(description="Users of the organization, oldest first.")
    async def users(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[User]:
        query = lists.users(org_of(info))
        return await list_connection_of(query, User, first, after, last, before, newest=False)

    @strawberry.field(
        description="API keys, oldest first: every key of the organization for admins, the "
        "caller's own keys (and the key in use) for everyone else."
    )
    async def api_keys(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ApiKey]:
        p = info.context.require_principal()
        everything = allowed(p, Operation.MANAGE_API_KEYS)
        query = lists.api_keys(
            p.organization_id,
            of_user=None if everything else p.user_id,
            key=None if everything else (p.api_key_id or -1),
        )
        return await list_connection_of(query, ApiKey, first, after, last, before, newest=False)

    @strawberry.field(description="Teams of the organization, oldest first.")
    async def teams(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Team]:
        query = lists.teams(org_of(info))
        return await list_connection_of(query, Team, first, after, last, before, newest=False)


async def list_connection_of(
    query: Any,
    node: type[RowNode],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    newest: bool = True,
) -> Connection[Any]:
    return await query_connection(
        query,
        Ordering("id", descending=newest),
        node.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )
