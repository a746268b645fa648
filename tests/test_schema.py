"""The schema documents itself: every type, field, argument and enum value has a description."""

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from app.graphql.schema import schema

BUILTIN = {"String", "Int", "Float", "Boolean", "ID"}


def _undocumented() -> list[str]:
    missing = []
    for name, kind in schema._schema.type_map.items():
        if name.startswith("__") or name in BUILTIN:
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(kind, GraphQLEnumType):
            missing.extend(
                f"{name}.{v}" for v, value in kind.values.items() if not value.description
            )
    return missing


def test_everything_in_the_schema_has_a_description():
    assert _undocumented() == []
