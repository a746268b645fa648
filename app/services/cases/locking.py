"""Shared steps of case commands: locking with a version check, object references, SLA."""

import datetime as dt
from dataclasses import dataclass

from app.db.models import OBJECT_MODELS, Case, User
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.events import LinkedObject
from app.domain.objects import MAX_SLA_SECONDS, ObjectType
from app.domain.principal import Principal
from app.services.lookup import get_owned


@dataclass(frozen=True)
class ObjectRef:
    """A typed reference to an object a case can link."""

    type: ObjectType
    id: int


async def lock_case(principal: Principal, case_id: int, expected_version: int | None) -> Case:
    """Load the case for update; a stale expected version is a conflict."""
    case = await get_owned(Case, principal, case_id, lock=True)
    if expected_version is not None and expected_version != case.version:
        raise ConflictError(
            f"case {case.name} is at version {case.version}, not {expected_version}; "
            "reload it and try again",
            current_version=case.version,
        )
    return case


def touch(case: Case, principal: Principal) -> None:
    """Record who changed the case and bump its version."""
    actor = principal.actor
    case.updater_type, case.updater_id = actor.type.value, actor.id
    case.version += 1


async def check_objects(principal: Principal, refs: list[ObjectRef], field: str) -> list[ObjectRef]:
    """Every referenced object exists in the caller's organization; duplicates dropped."""
    unique = list(dict.fromkeys(refs))
    by_type: dict[ObjectType, list[int]] = {}
    for ref in unique:
        by_type.setdefault(ref.type, []).append(ref.id)
    for kind, ids in by_type.items():
        model = OBJECT_MODELS[kind]
        found = set(
            await model.filter(id__in=ids, organization_id=principal.organization_id).values_list(
                "id", flat=True
            )
        )
        for i, ref in enumerate(unique):
            if ref.type is kind and ref.id not in found:
                raise NotFoundError(model.__name__, ref.id, field=f"{field}.{i}")
    return unique


async def check_assignee(principal: Principal, user_id: int, field: str) -> User:
    """The assignee is a user of the caller's organization."""
    return await get_owned(User, principal, user_id, field=field)


def sla_deadline(seconds: int, field: str = "slaExpiresInSeconds") -> dt.datetime:
    """Deadline ``seconds`` from now; at most 90 days, like Persona."""
    if not 1 <= seconds <= MAX_SLA_SECONDS:
        raise ValidationError.of(field, f"must be between 1 and {MAX_SLA_SECONDS} seconds")
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)


def linked_objects(refs: list[ObjectRef]) -> tuple[LinkedObject, ...]:
    """Object references as they appear in event payloads."""
    return tuple(LinkedObject(type=r.type, id=r.id) for r in refs)
