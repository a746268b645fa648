"""How each field of the schema is read, decided once per schema: the table the planned
executor (``app.graphql.planned``) consults instead of graphql-core's generic per-field steps.

A field is one of:

- ``LEAF``: a scalar or enum strawberry reads as a plain attribute (``getattr`` + coerce);
- ``VALUE``: an object or list strawberry reads as a plain attribute (``edges``, ``node``);
- ``CALL``: a resolver that takes the source object alone, or the source and ``info`` when it
  is marked ``@context_only`` (it reads nothing of ``info`` but ``info.context``). Either way
  no argument, no field extension (permissions are extensions), no exception handler;
- ``OTHER``: anything else, resolved by graphql-core and strawberry as before.

Depends on strawberry internals, pinned in pyproject.toml and checked by
``tests/test_planned_execution.py``: the StrawberryField behind a GraphQL field
(``extensions[DEFINITION_BACKREF]``), its ``base_resolver`` and reserved parameters, the
``_is_default`` mark on basic-field resolvers, and ``_get_field_exception_handlers``.
"""

from collections.abc import Callable
from enum import Enum, IntEnum
from inspect import isasyncgenfunction
from typing import Any, NamedTuple, TypeVar

from graphql import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    is_leaf_type,
    is_object_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_ONLY = "__casegraph_context_only__"


def context_only(resolver: F) -> F:
    """Mark a resolver whose ``info`` is only ever used as ``info.context``: the planned
    executor passes it a ``ContextInfo`` instead of building graphql-core's resolve info and
    strawberry's ``Info`` (``tests/test_planned_execution.py`` reads every marked resolver's
    source and fails on any other use of ``info``)."""
    setattr(resolver, CONTEXT_ONLY, True)
    return resolver


class ContextInfo:
    """What a ``@context_only`` resolver receives as ``info`` from the planned executor."""

    __slots__ = ("context",)

    def __init__(self, context: Any) -> None:
        self.context = context


class Kind(IntEnum):
    LEAF = 0
    VALUE = 1
    CALL = 2
    OTHER = 3


class FieldRead(NamedTuple):
    """How one field of one object type is read."""

    kind: Kind
    python_name: str
    resolver: Callable[..., Any] | None  # CALL: called as resolver(source[, ContextInfo])
    with_context: bool  # CALL: the resolver takes a ContextInfo after the source
    leaf_type: GraphQLLeafType | None  # LEAF: the (nullable) leaf type
    coerce: Callable[[Any], Any] | None  # LEAF: ``leaf_type.coerce_output_value``, faster
    non_null: bool


OTHER = FieldRead(Kind.OTHER, "", None, False, None, None, False)
INT_RANGE = range(-(2**31), 2**31)


def leaf_coercer(leaf: GraphQLLeafType) -> Callable[[Any], Any]:
    """``leaf.coerce_output_value`` with the usual value answered first: a ``str`` for
    String and ID, a 32-bit ``int`` for Int, a ``bool`` for Boolean (each returned as it is,
    which is what graphql-core's coercion returns for them), and a member of a strawberry
    enum by a dict lookup (strawberry's coercion scans the enum's values for each one). Any
    other value takes the type's own coercion, errors included."""
    slow = leaf.coerce_output_value
    if leaf is GraphQLString or leaf is GraphQLID:
        return lambda value: value if type(value) is str else slow(value)
    if leaf is GraphQLInt:
        return lambda value: value if type(value) is int and value in INT_RANGE else slow(value)
    if leaf is GraphQLBoolean:
        return lambda value: value if type(value) is bool else slow(value)
    wrapped = getattr(leaf, "wrapped_cls", None)
    if isinstance(wrapped, type) and issubclass(wrapped, Enum):  # strawberry's enum types
        names = {}
        for member in wrapped:
            try:
                names[member] = slow(member)
            except Exception:  # not a value of the GraphQL enum: left to the slow path
                continue

        def enum_name(value: Any) -> Any:
            name = names.get(value) if type(value) is wrapped else None
            return slow(value) if name is None else name

        return enum_name
    return slow


def _call(definition: StrawberryField) -> tuple[Callable[..., Any], bool] | None:
    """The resolver function and whether it takes a ContextInfo, when it can be called with
    the source alone (as ``self``/``root``/``parent``) or with a ContextInfo as ``info``."""
    resolver = definition.base_resolver
    if resolver is None or definition.extensions or definition.arguments:
        return None
    func = resolver.wrapped_func
    if not callable(func) or isasyncgenfunction(func):
        return None
    names = [p.name for p in resolver.signature.parameters.values()]
    source = resolver.self_parameter or resolver.root_parameter or resolver.parent_parameter
    info = resolver.info_parameter
    if source is None or not names or names[0] != source.name:
        return None
    if info is None:
        return (func, False) if len(names) == 1 else None
    if len(names) == 2 and names[1] == info.name and getattr(func, CONTEXT_ONLY, False):
        return func, True
    return None


def field_read(converter: GraphQLCoreConverter | None, field: GraphQLField) -> FieldRead:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or field.args:
        return OTHER
    if converter is None or converter._get_field_exception_handlers(definition):
        return OTHER
    non_null = isinstance(field.type, GraphQLNonNull)
    inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if definition.is_basic_field and getattr(field.resolve, "_is_default", False):
        if is_leaf_type(inner):
            coerce = leaf_coercer(inner)
            return FieldRead(
                Kind.LEAF, definition.python_name, None, False, inner, coerce, non_null
            )
        return FieldRead(Kind.VALUE, definition.python_name, None, False, None, None, non_null)
    call = _call(definition)
    if call is None:
        return OTHER
    return FieldRead(Kind.CALL, definition.python_name, call[0], call[1], None, None, non_null)


def field_reads(schema: GraphQLSchema) -> dict[str, dict[str, FieldRead]]:
    """Per object type name, how each of its fields is read."""
    strawberry_schema = getattr(schema, "_strawberry_schema", None)
    converter = getattr(strawberry_schema, "schema_converter", None)
    table: dict[str, dict[str, FieldRead]] = {}
    for type_name, named in schema.type_map.items():
        if is_object_type(named) and not type_name.startswith("__"):
            assert isinstance(named, GraphQLObjectType)
            table[type_name] = {
                name: field_read(converter, field) for name, field in named.fields.items()
            }
    return table


_TABLES: dict[int, tuple[GraphQLSchema, dict[str, dict[str, FieldRead]]]] = {}


def reads_of(schema: GraphQLSchema) -> dict[str, dict[str, FieldRead]]:
    """The read table of a schema, built once (the process serves one schema; tests build a
    few, hence the small bound)."""
    entry = _TABLES.get(id(schema))
    if entry is None or entry[0] is not schema:
        if len(_TABLES) >= 16:
            _TABLES.clear()
        entry = _TABLES[id(schema)] = (schema, field_reads(schema))
    return entry[1]
