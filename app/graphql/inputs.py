"""Shared input parsing: the caller, object references, unset markers."""

from typing import Any, TypeVar

import strawberry
from strawberry import relay

from app.domain.bounds import at_most, json_value
from app.domain.errors import ValidationError
from app.domain.objects import MAX_OBJECTS_PER_CASE, ObjectType
from app.domain.principal import Principal
from app.domain.values import KEEP, KeepType
from app.graphql.context import Info
from app.graphql.ids import decode_id
from app.services.cases.locking import ObjectRef

T = TypeVar("T")

OBJECT_TYPE_NAMES = {
    "Inquiry": ObjectType.INQUIRY,
    "Account": ObjectType.ACCOUNT,
    "Report": ObjectType.REPORT,
    "Verification": ObjectType.VERIFICATION,
    "Transaction": ObjectType.TRANSACTION,
    "Document": ObjectType.DOCUMENT,
}


def principal(info: Info) -> Principal:
    """The authenticated caller."""
    return info.context.require_principal()


def object_refs(gids: list[relay.GlobalID], field: str) -> list[ObjectRef]:
    """Global ids of linkable objects as typed references."""
    refs = []
    for i, gid in enumerate(at_most(gids, MAX_OBJECTS_PER_CASE, field, "objects")):
        ident = decode_id(gid, *OBJECT_TYPE_NAMES, field=f"{field}.{i}")
        refs.append(ObjectRef(OBJECT_TYPE_NAMES[gid.type_name], ident))
    return refs


def keep_unset(value: T | Any) -> T | KeepType:
    """strawberry.UNSET (argument omitted) becomes the services' KEEP marker."""
    return KEEP if value is strawberry.UNSET else value


def json_object(value: Any, field: str) -> dict[str, Any] | None:
    """A JSON input that must be an object (or absent)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError.of(field, "must be a JSON object")
    return json_value(value, field)


INPUT = strawberry.argument(description="What to do; see the input type.")
