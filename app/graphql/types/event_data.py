"""Typed event payloads for the timeline: one GraphQL type per event class of the registry.

The types are derived from the event dataclasses (their docstrings and field descriptions
become the schema's), so the timeline, the catalogue and the stored JSON cannot drift apart:
ids of other objects become global ids, enums the API's enums, free-form values JSON.
"""

import dataclasses
import types
import typing
from enum import Enum
from typing import Annotated, Any, Union

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.domain.events import EVENT_CLASSES, DomainEvent
from app.domain.events.base import DESCRIPTION, REFERENCE, SubjectType
from app.events.codec import encode

PAYLOAD_VERSION = "payload_version"
_NESTED: dict[type, type] = {}


def _is_json(tp: Any) -> bool:
    return tp is Any or typing.get_origin(tp) is dict


def _graphql_type(tp: Any, ref: SubjectType | None) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return _graphql_type(inner, ref) | None
    if origin is tuple:
        return list[_graphql_type(args[0], ref)]  # type: ignore[misc]
    if _is_json(tp):
        return JSON
    if dataclasses.is_dataclass(tp):
        return _nested_type(tp)  # type: ignore[arg-type]
    if ref is not None:
        return relay.GlobalID
    if isinstance(tp, type) and issubclass(tp, Enum) and hasattr(tp, "__strawberry_definition__"):
        return tp
    if isinstance(tp, type) and issubclass(tp, Enum):
        return str
    return tp


def _strawberry_type(name: str, source: type, *, payload_version: bool) -> type:
    hints = typing.get_type_hints(source)
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    for f in dataclasses.fields(source):
        if f.name == "subject_id":
            continue
        annotations[f.name] = _graphql_type(hints[f.name], f.metadata.get(REFERENCE))
        namespace[f.name] = strawberry.field(description=f.metadata[DESCRIPTION])
    if payload_version:
        annotations[PAYLOAD_VERSION] = int
        namespace[PAYLOAD_VERSION] = strawberry.field(
            description="Version of this payload's shape (grows when fields are added)."
        )
    cls = type(name, (), {"__annotations__": annotations, **namespace})
    description = " ".join((source.__doc__ or name).split())
    return strawberry.type(cls, name=name, description=description)


def _nested_type(source: type) -> type:
    if source not in _NESTED:
        _NESTED[source] = _strawberry_type(f"{source.__name__}Data", source, payload_version=False)
    return _NESTED[source]


DATA_TYPES: dict[type[DomainEvent], type] = {
    cls: _strawberry_type(f"{cls.__name__}Data", cls, payload_version=True) for cls in EVENT_CLASSES
}
EventData: Any = Annotated[
    Union[tuple(DATA_TYPES.values())],  # noqa: UP007
    strawberry.union("EventData", description="The typed payload of an event, one type per name."),
]


def _value(value: Any, tp: Any, ref: SubjectType | None, stored: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return _value(value, inner, ref, stored)
    if origin is tuple:
        return [_value(v, args[0], ref, s) for v, s in zip(value, stored, strict=True)]
    if _is_json(tp):
        return stored
    if dataclasses.is_dataclass(tp):
        return _instance(_nested_type(tp), value, stored)  # type: ignore[arg-type]
    if ref is not None:
        return relay.GlobalID(ref.node_type, str(value))
    if isinstance(value, Enum) and not hasattr(type(value), "__strawberry_definition__"):
        return value.value
    return value


def _instance(target: type, value: Any, stored: dict[str, Any], **extra: Any) -> Any:
    hints = typing.get_type_hints(type(value))
    kwargs = {
        f.name: _value(
            getattr(value, f.name), hints[f.name], f.metadata.get(REFERENCE), stored[f.name]
        )
        for f in dataclasses.fields(value)
        if f.name != "subject_id"
    }
    return target(**kwargs, **extra)


def event_data(event: DomainEvent | None) -> Any:
    """The GraphQL value of a typed event (None when the registry has no class for it)."""
    if event is None:
        return None
    cls = type(event)
    return _instance(DATA_TYPES[cls], event, encode(event), payload_version=cls.payload_version)
