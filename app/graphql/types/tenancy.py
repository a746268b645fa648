"""Organization, users, teams and API keys."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.db import models
from app.db.reads import lists
from app.db.reads.pagination import Ordering
from app.graphql.context import Info
from app.graphql.pagination import After, Before, Connection, First, Last, query_connection
from app.graphql.types.common import Availability, Role, RowNode

if TYPE_CHECKING:
    from app.graphql.types.assignment import Notification


@strawberry.type(description="A tenant: every object belongs to exactly one organization.")
class Organization(RowNode[models.Organization]):
    MODEL = models.Organization

    @strawberry.field(description="Display name, unique across the installation.")
    def name(self) -> str:
        return str(self.row.name)


@strawberry.type(description="A person of the organization who reviews or manages cases.")
class User(RowNode[models.User]):
    MODEL = models.User
    COLUMNS = (
        "email",
        "name",
        "role",
        "availability",
        "created_at",
    )

    email: str = strawberry.field(description="Email address, unique within the organization.")

    name: str = strawberry.field(description="Display name.")

    role: Role = strawberry.field(description="Role: what the user may do.")

    availability: Availability = strawberry.field(
        description="Whether the user receives new cases."
    )

    created_at: dt.datetime = strawberry.field(description="When the user was added.")


@strawberry.type(description="A named group of users (an assignment pool).")
class Team(RowNode[models.Team]):
    MODEL = models.Team

    @strawberry.field(description="Name, unique within the organization.")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="Members, by user id.")
    async def members(self, info: Info) -> list[User]:
        rows = await info.context.loaders.team_members.load(self.row.id)
        return [User.from_row(r) for r in rows]

    @strawberry.field(description="When the team was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="An API key. The secret is shown once, when the key is created.")
class ApiKey(RowNode[models.ApiKey]):
    MODEL = models.ApiKey

    @strawberry.field(description="What the key is for.")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="First characters of the secret, to recognise the key.")
    def prefix(self) -> str:
        return str(self.row.prefix)

    @strawberry.field(description="Role of a service key; a user's key acts with the user's role.")
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field(description="The user the key acts for; null for a service key.")
    async def user(self, info: Info) -> User | None:
        if self.row.user_id is None:
            return None
        row = await info.context.loaders.rows(models.User).load(self.row.user_id)
        return User.from_row(row) if row else None

    @strawberry.field(description="When the key was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="When the key was revoked; null while it works.")
    def revoked_at(self) -> dt.datetime | None:
        return self.row.revoked_at


@strawberry.type(description="The caller: its organization, role, and the user or key behind it.")
class Viewer:
    organization: Organization = strawberry.field(description="The caller's organization.")
    role: Role = strawberry.field(description="The role the caller acts with.")
    user: User | None = strawberry.field(
        description="The user behind the key; null for service keys."
    )
    api_key: ApiKey | None = strawberry.field(description="The API key used for this request.")
    user_id: strawberry.Private[int | None] = None

    @strawberry.field(
        description="The caller's in-app inbox, newest first (empty for service keys)."
    )
    async def notifications(
        self,
        info: Info,
        unread: Annotated[
            bool | None, strawberry.argument(description="true: only unread; false: only read.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated["Notification", strawberry.lazy("app.graphql.types.assignment")]]:
        from app.graphql.types.assignment import Notification

        query = lists.notifications(
            info.context.require_principal().organization_id, user_id=self.user_id, unread=unread
        )
        return await query_connection(
            query,
            Ordering("id", descending=True),
            Notification.from_row,
            first=first,
            after=after,
            last=last,
            before=before,
        )
