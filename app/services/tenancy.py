"""Users, teams and API keys of an organization."""

import datetime as dt
from dataclasses import dataclass
from typing import cast

from app.db.models import ApiKey, Organization, Team, TeamMember, User
from app.domain.bounds import at_most
from app.domain.emails import normalize_email
from app.domain.errors import ValidationError
from app.domain.events import (
    ApiKeyCreated,
    ApiKeyRevoked,
    TeamCreated,
    TeamMembersSet,
    UserCreated,
    UserRoleUpdated,
)
from app.domain.permissions import Operation, require
from app.domain.principal import Actor, ActorType, Principal, Role
from app.domain.templates import validate_name
from app.services.auth import forget, mint_key
from app.services.lookup import get_owned, get_owned_many
from app.services.uow import UnitOfWork, transaction, unit_of_work


@dataclass(frozen=True)
class IssuedKey:
    """A newly created API key: the row, and the secret shown exactly once."""

    key: ApiKey
    secret: str


async def create_user(*, actor: Principal, email: str, name: str, role: Role) -> User:
    """Add a user to the caller's organization."""
    require(actor, Operation.MANAGE_USERS)
    email = normalize_email(email)
    name = validate_name(name)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        if await User.filter(organization_id=actor.organization_id, email=email).exists():
            raise ValidationError.of("email", f"a user with email {email} already exists")
        user = await User.create(
            organization_id=actor.organization_id, email=email, name=name, role=role
        )
        await uow.emit(UserCreated(subject_id=user.id, email=email, role=role))
    return user


async def create_team(*, actor: Principal, name: str, member_ids: list[int]) -> Team:
    """Create a team, optionally with its first members."""
    require(actor, Operation.MANAGE_USERS)
    name = validate_name(name)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        if await Team.filter(organization_id=actor.organization_id, name=name).exists():
            raise ValidationError.of("name", f"a team named '{name}' already exists")
        members = await get_owned_many(User, actor, _unique(member_ids), field="memberIds")
        team = await Team.create(organization_id=actor.organization_id, name=name)
        for user in members:
            await TeamMember.create(team_id=team.id, user_id=user.id)
        await uow.emit(
            TeamCreated(subject_id=team.id, name=name, member_ids=tuple(u.id for u in members))
        )
    return team


async def set_team_members(*, actor: Principal, team_id: int, member_ids: list[int]) -> Team:
    """Replace a team's members with exactly the given users."""
    require(actor, Operation.MANAGE_USERS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        team = await get_owned(Team, actor, team_id, field="teamId", lock=True)
        members = await get_owned_many(User, actor, _unique(member_ids), field="memberIds")
        wanted: set[int] = {u.id for u in members}
        rows = await TeamMember.filter(team_id=team.id).values_list("user_id", flat=True)
        current = set(cast(list[int], rows))  # flat: one id per row
        if wanted - current:
            for user_id in sorted(wanted - current):
                await TeamMember.create(team_id=team.id, user_id=user_id)
        if current - wanted:
            await TeamMember.filter(team_id=team.id, user_id__in=current - wanted).delete()
        await uow.emit(
            TeamMembersSet(
                subject_id=team.id,
                added=tuple(sorted(wanted - current)),
                removed=tuple(sorted(current - wanted)),
            )
        )
    return team


async def create_api_key(
    *, actor: Principal, name: str, user_id: int | None, role: Role | None
) -> IssuedKey:
    """Mint a key for a user of the organization (it acts with the user's role) or, with no
    user, a service key with its own role."""
    require(actor, Operation.MANAGE_API_KEYS)
    name = validate_name(name)
    if user_id is not None and role is not None:
        raise ValidationError.of("role", "a user's key acts with the user's role; omit role")
    if user_id is None and role is None:
        raise ValidationError.of("role", "a service key (no userId) needs a role")
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        user = await get_owned(User, actor, user_id, field="userId") if user_id else None
        issued = await _insert_key(actor.organization_id, name, user, role)
        await uow.emit(_key_created(issued))
    return issued


async def revoke_api_key(*, actor: Principal, key_id: int) -> ApiKey:
    """Revoke a key: admins any key of the organization, others only their own."""
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        key = await get_owned(ApiKey, actor, key_id, field="id", lock=True)
        if key.user_id is None or key.user_id != actor.user_id:
            require(actor, Operation.MANAGE_API_KEYS)
        if key.revoked_at is not None:
            raise ValidationError.of("id", "the key is already revoked")
        key.revoked_at = dt.datetime.now(dt.UTC)
        await key.save(update_fields=["revoked_at"])
        await uow.emit(ApiKeyRevoked(subject_id=key.id))
    forget(key_id=key.id)  # this process at once; every other one within a second
    return key


async def bootstrap_api_key(
    *,
    organization_name: str,
    email: str,
    role: Role | None = None,
    key_name: str = "cli",
    create_org: bool = False,
    change_role: bool = False,
) -> IssuedKey:
    """Operator provisioning (CLI): mint a key for a user, creating the user when missing
    (with ``role``, admin by default). An unknown organization is refused unless
    ``create_org``; a ``role`` that differs from an existing user's is refused unless
    ``change_role``. Runs without a principal: whoever can run the CLI owns the database."""
    email = normalize_email(email)
    organization_name = validate_name(organization_name, field="org")
    async with transaction() as events:
        org = await Organization.filter(name=organization_name).first()
        if org is None:
            if not create_org:
                raise ValidationError.of("org", await _unknown_org(organization_name))
            org = await Organization.create(name=organization_name)
        uow = UnitOfWork(org.id, Actor(ActorType.SYSTEM, "cli"), events)
        user = await User.filter(organization_id=org.id, email=email).first()
        if user is None:
            user = await User.create(
                organization_id=org.id,
                email=email,
                name=email.split("@")[0],
                role=role or Role.ADMIN,
            )
            await uow.emit(UserCreated(subject_id=user.id, email=email, role=role))
        elif role is not None and role != user.role:
            if not change_role:
                raise ValidationError.of(
                    "role",
                    f"{email} is {user.role.value}, not {role.value}; "
                    "pass --change-role to change the user's role",
                )
            previous = Role(user.role)
            user.role = role
            await user.save(update_fields=["role"])
            await uow.emit(UserRoleUpdated(subject_id=user.id, role=role, previous=previous))
            forget(user_id=user.id)
        issued = await _insert_key(org.id, key_name, user, None)
        await uow.emit(_key_created(issued))
    return issued


def _key_created(issued: IssuedKey) -> ApiKeyCreated:
    key = issued.key
    return ApiKeyCreated(subject_id=key.id, name=key.name, user_id=key.user_id, prefix=key.prefix)


async def _unknown_org(name: str) -> str:
    names = await Organization.all().order_by("name").values_list("name", flat=True)
    near = [n for n in names if str(n).casefold() == name.casefold()]
    hint = f" (did you mean '{near[0]}'?)" if near else ""
    return f"no organization named '{name}'{hint}; pass --create-org to create it"


async def _insert_key(org_id: int, name: str, user: User | None, role: Role | None) -> IssuedKey:
    secret, prefix, digest = mint_key()
    key = await ApiKey.create(
        organization_id=org_id,
        user_id=user.id if user else None,
        name=name,
        role=user.role if user else role,
        prefix=prefix,
        key_hash=digest,
    )
    return IssuedKey(key=key, secret=secret)


MAX_TEAM_MEMBERS = 500


def _unique(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(at_most(ids, MAX_TEAM_MEMBERS, "memberIds", "members")))
