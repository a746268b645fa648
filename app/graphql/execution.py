"""The executor strawberry uses: a fix for long-lived subscriptions, one execution per event
for every subscriber that asked the same thing, and a short path for scalar attributes."""

import asyncio
import json
from typing import Any, NamedTuple

from graphql import (
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField


class Attribute(NamedTuple):
    """A scalar or enum field strawberry reads as a plain attribute of its source object."""

    python_name: str
    leaf_type: GraphQLLeafType
    non_null: bool


def attribute_fields(schema: GraphQLSchema) -> dict[str, dict[str, Attribute]]:
    """Per object type, its fields that strawberry resolves with its basic resolver
    (``getattr(source, python_name)``, marked ``_is_default``) and whose type is a leaf."""
    plans: dict[str, dict[str, Attribute]] = {}
    for type_name, named in schema.type_map.items():
        if not is_object_type(named):
            continue
        assert isinstance(named, GraphQLObjectType)
        fields: dict[str, Attribute] = {}
        for field_name, field in named.fields.items():
            definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if not isinstance(definition, StrawberryField) or field.args:
                continue
            if not getattr(field.resolve, "_is_default", False):
                continue
            non_null = is_non_null_type(field.type)
            inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if is_leaf_type(inner):
                fields[field_name] = Attribute(definition.python_name, inner, non_null)
        if fields:
            plans[type_name] = fields
    return plans


_ATTRIBUTES: dict[int, tuple[GraphQLSchema, dict[str, dict[str, Attribute]]]] = {}
_MISSING = object()


def _attributes_of(schema: GraphQLSchema) -> dict[str, dict[str, Attribute]]:
    """The attribute table of a schema, built once (a plain dict lookup per field: the
    process serves one schema; tests build a few, hence the small bound)."""
    entry = _ATTRIBUTES.get(id(schema))
    if entry is None or entry[0] is not schema:
        if len(_ATTRIBUTES) >= 16:
            _ATTRIBUTES.clear()
        entry = _ATTRIBUTES[id(schema)] = (schema, attribute_fields(schema))
    return entry[1]


class PerEventExecutor(StrawberryGraphQLCoreExecutionContext):
    """Scalar attributes (most fields of a page: ``name``, ``status``, ``createdAt``, ids) are
    read and coerced here without what graphql-core builds for any field (a resolve info, the
    strawberry wrapper call, the awaitable check, the type dispatch): 2-3 µs a field. Anything
    unusual (a null in a non-null field, a value the type refuses, middleware) takes
    graphql-core's own path, which raises the same located error as before.

    graphql-core 3.3's per-event executors are shallow copies of the subscription's
    executor and share its subfield memo, keyed by the identity of lists built afresh for
    every event: each delivered event adds entries that live as long as the subscription
    (a leak proportional to subscribers x events). Each event gets its own memo instead."""

    _attribute_table: dict[str, dict[str, Attribute]]  # set at the first field

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        try:
            table = self._attribute_table
        except AttributeError:
            middleware = self.middleware_manager
            plain = middleware is None or not middleware.middlewares
            table = self._attribute_table = _attributes_of(self.schema) if plain else {}
        fields = table.get(parent_type.name)
        if fields is not None:
            attribute = fields.get(field_details_list[0].node.name.value)
            if attribute is not None:
                value = getattr(source, attribute.python_name, _MISSING)
                if value is None:
                    if not attribute.non_null:
                        return None
                elif value is not _MISSING:
                    try:
                        coerced = attribute.leaf_type.coerce_output_value(value)
                    except Exception:
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def build_per_event_executor(self, payload: Any) -> Any:
        executor = super().build_per_event_executor(payload)
        executor._relevant_sub_fields = {}
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        """A feed event executed once per (document, operation, variables, role) in this
        process: subscribers of one organization that sent the same subscription share the
        result, so fan-out costs one execution plus one send per subscriber. Only roots that
        opt in (a ``feed_shared`` dict, one per event and organization) are shared; their
        results depend on nothing but the event (authorization and filters run before the
        yield)."""
        shared = getattr(self.root_value, "feed_shared", None)
        if shared is None:
            return super().execute_operation(serially)
        try:
            variables = json.dumps(self.variable_values, sort_keys=True, default=str)
        except TypeError:
            return super().execute_operation(serially)
        principal = getattr(self.context_value, "principal", None)
        role = getattr(principal, "role", None)
        key = ("execution", id(self.operation), variables, role)
        if key not in shared:
            result = super().execute_operation(serially)
            if not self.is_awaitable(result):
                shared[key] = result
                return result
            shared[key] = asyncio.ensure_future(result)
        cached = shared[key]
        if isinstance(cached, asyncio.Future):
            return asyncio.shield(cached)
        return cached
