"""Users, teams and API keys (admins)."""

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
from app.graphql.ids import decode_id, decode_ids, decode_optional
from app.graphql.inputs import INPUT, principal
from app.graphql.types.common import Role
from app.graphql.types.tenancy import ApiKey, Team, User
from app.services import tenancy


@strawberry.input(description="A new user.")
class UserCreateInput:
    email: str = strawberry.field(description="Email, unique within the organization.")
    name: str = strawberry.field(description="Display name.")
    role: Role = strawberry.field(description="Role.")


@strawberry.input(description="A new team.")
class TeamCreateInput:
    name: str = strawberry.field(description="Name, unique within the organization.")
    member_ids: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="First members."
    )


@strawberry.input(description="Replace a team's members.")
class TeamSetMembersInput:
    id: relay.GlobalID = strawberry.field(description="The team.")
    member_ids: list[relay.GlobalID] = strawberry.field(description="All members.")


@strawberry.input(description="A new API key: for a user (acts with the user's role) or a service.")
class ApiKeyCreateInput:
    name: str = strawberry.field(description="What the key is for.")
    user_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The user it acts for; omit for a service key."
    )
    role: Role | None = strawberry.field(
        default=None, description="Role of a service key (required without userId)."
    )


@strawberry.input(description="The key to revoke.")
class ApiKeyRevokeInput:
    id: relay.GlobalID = strawberry.field(description="The key.")


@strawberry.type(description="The new user.")
class UserCreatePayload:
    user: User = strawberry.field(description="The user.")


@strawberry.type(description="The team after the change.")
class TeamPayload:
    team: Team = strawberry.field(description="The team.")


@strawberry.type(description="The new key and its secret, shown this once only.")
class ApiKeyCreatePayload:
    api_key: ApiKey = strawberry.field(description="The key.")
    secret: str = strawberry.field(description="Send as `Authorization: Bearer <secret>`.")


@strawberry.type(description="The revoked key.")
class ApiKeyRevokePayload:
    api_key: ApiKey = strawberry.field(description="The key.")


UserCreateResult = Annotated[
    UserCreatePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("UserCreateResult", description=RESULT_DESCRIPTION),
]
TeamCreateResult = Annotated[
    TeamPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("TeamCreateResult", description=RESULT_DESCRIPTION),
]
TeamSetMembersResult = Annotated[
    TeamPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("TeamSetMembersResult", description=RESULT_DESCRIPTION),
]
ApiKeyCreateResult = Annotated[
    ApiKeyCreatePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("ApiKeyCreateResult", description=RESULT_DESCRIPTION),
]
ApiKeyRevokeResult = Annotated[
    ApiKeyRevokePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("ApiKeyRevokeResult", description=RESULT_DESCRIPTION),
]


def _users(gids: list[relay.GlobalID]) -> list[int]:
    return decode_ids(gids, "User", field="memberIds")


@strawberry.type
class TenancyMutations:
    @strawberry.mutation(description="Add a user to the organization (admin).")
    @errors_as_union
    async def user_create(
        self, info: Info, input: Annotated[UserCreateInput, INPUT]
    ) -> UserCreateResult:
        row = await tenancy.create_user(
            actor=principal(info), email=input.email, name=input.name, role=input.role
        )
        return UserCreatePayload(user=User.from_row(row))

    @strawberry.mutation(description="Create a team (admin).")
    @errors_as_union
    async def team_create(
        self, info: Info, input: Annotated[TeamCreateInput, INPUT]
    ) -> TeamCreateResult:
        row = await tenancy.create_team(
            actor=principal(info), name=input.name, member_ids=_users(input.member_ids)
        )
        return TeamPayload(team=Team.from_row(row))

    @strawberry.mutation(description="Replace a team's members (admin).")
    @errors_as_union
    async def team_set_members(
        self, info: Info, input: Annotated[TeamSetMembersInput, INPUT]
    ) -> TeamSetMembersResult:
        row = await tenancy.set_team_members(
            actor=principal(info),
            team_id=decode_id(input.id, "Team", field="id"),
            member_ids=_users(input.member_ids),
        )
        return TeamPayload(team=Team.from_row(row))

    @strawberry.mutation(description="Create an API key (admin); the secret is returned once.")
    @errors_as_union
    async def api_key_create(
        self, info: Info, input: Annotated[ApiKeyCreateInput, INPUT]
    ) -> ApiKeyCreateResult:
        issued = await tenancy.create_api_key(
            actor=principal(info),
            name=input.name,
            user_id=decode_optional(input.user_id, "User", field="userId"),
            role=input.role,
        )
        return ApiKeyCreatePayload(api_key=ApiKey.from_row(issued.key), secret=issued.secret)

    @strawberry.mutation(description="Revoke an API key: admins any key, others their own.")
    @errors_as_union
    async def api_key_revoke(
        self, info: Info, input: Annotated[ApiKeyRevokeInput, INPUT]
    ) -> ApiKeyRevokeResult:
        row = await tenancy.revoke_api_key(
            actor=principal(info), key_id=decode_id(input.id, "ApiKey", field="id")
        )
        return ApiKeyRevokePayload(api_key=ApiKey.from_row(row))
