"""How a compiled query calls a root field's resolver: strawberry's resolver wrapper (an
``Info``, argument conversion, the extension chain, ``await_maybe``) in a straight line, for a
field whose resolver has no field extensions (permissions are extensions) and no exception
handlers. Arguments of scalar and ``GlobalID`` types are converted here, as strawberry's
``convert_argument`` converts them; any other argument type goes through
``convert_argument`` itself. A conversion that fails raises, and the compiled run steps aside
for graphql-core's, which reports it (``app.graphql.compiled``).

Depends on strawberry internals, pinned in pyproject.toml and checked by
``tests/test_compiled_queries.py``: ``StrawberryField.base_resolver`` and its reserved
parameters, ``StrawberryArgument.type``, and ``GraphQLCoreConverter._get_field_exception_handlers``.
"""

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from graphql import GraphQLField
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError, InvalidGlobalIDError
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_argument
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

Convert = Callable[[Any, Any], Any]  # (value, strawberry info) -> python value
_PLAIN = (str, int, float, bool)


class RootCall(NamedTuple):
    """A root field's resolver, called as strawberry's wrapper calls it."""

    func: Callable[..., Any]
    field: StrawberryField
    info_class: type
    self_positional: bool
    source_names: tuple[str, ...]  # root/parent parameters: the source by keyword
    info_name: str | None
    arguments: tuple[tuple[str, str, Convert], ...]  # (GraphQL name, Python name, convert)

    def __call__(self, source: Any, info: Any, arguments: dict[str, Any]) -> Any:
        strawberry_info = self.info_class(_raw_info=info, _field=self.field)
        kwargs: dict[str, Any] = {}
        for graphql_name, python_name, convert in self.arguments:
            if graphql_name in arguments:
                kwargs[python_name] = convert(arguments[graphql_name], strawberry_info)
        for name in self.source_names:
            kwargs[name] = source
        if self.info_name is not None:
            kwargs[self.info_name] = strawberry_info
        if self.self_positional:
            return self.func(source, **kwargs)
        return self.func(**kwargs)


def _global_id(value: Any, _info: Any) -> Any:
    if value is None:
        return None
    try:
        return relay.GlobalID.from_id(value)
    except GlobalIDValueError as error:
        raise InvalidGlobalIDError(f'Value cannot represent a GlobalID: "{value}".') from error


def _as_is(value: Any, _info: Any) -> Any:
    return value


def _converter(argument_type: Any, converter: GraphQLCoreConverter) -> Convert:
    inner = argument_type.of_type if type(argument_type) is StrawberryOptional else argument_type
    if inner is relay.GlobalID:
        return _global_id
    if inner in _PLAIN:
        return _as_is
    general = partial(
        convert_argument,
        type_=argument_type,
        scalar_registry=converter.scalar_registry,
        config=converter.config,
    )
    return lambda value, info: general(value, info=info)


def root_call(field: GraphQLField, converter: GraphQLCoreConverter | None) -> RootCall | None:
    """The straight-line call of a root field, or ``None`` when strawberry's wrapper is
    needed (extensions, exception handlers, no resolver function)."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or converter is None:
        return None
    resolver = definition.base_resolver
    if resolver is None or definition.extensions or not callable(resolver.wrapped_func):
        return None
    if converter._get_field_exception_handlers(definition):
        return None
    arguments = []
    for argument in definition.arguments:
        graphql_name = converter.config.name_converter.from_argument(argument)
        if argument.python_name is None or graphql_name not in field.args:
            return None
        arguments.append((graphql_name, argument.python_name, _converter(argument.type, converter)))
    if len(arguments) != len(field.args):
        return None
    sources = tuple(p.name for p in (resolver.root_parameter, resolver.parent_parameter) if p)
    info = resolver.info_parameter
    return RootCall(
        func=resolver.wrapped_func,
        field=definition,
        info_class=converter.config.info_class,
        self_positional=resolver.self_parameter is not None,
        source_names=sources,
        info_name=info.name if info is not None else None,
        arguments=tuple(arguments),
    )
