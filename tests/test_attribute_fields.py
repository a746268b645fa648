"""Scalar attributes take the executor's short path with the answers graphql-core's own path
gives, errors included; the strawberry markers the short path reads are pinned here."""

import datetime as dt
from enum import Enum

import strawberry
from graphql import execute, parse
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from app.graphql.execution import PerEventExecutor, attribute_fields
from app.graphql.schema import schema as casegraph_schema


@strawberry.enum
class Color(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Thing:
    name: str
    count: int
    color: Color
    at: dt.datetime
    maybe: str | None
    broken: str  # a None here is a field error
    wrong: int  # a value Int refuses is a field error

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


THINGS = [
    Thing(
        name="a", count=1, color=Color.RED, at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        maybe=None, broken="ok", wrong=7,
    ),
    Thing(
        name="b", count=2, color=Color.BLUE, at=dt.datetime(2026, 2, 3, tzinfo=dt.UTC),
        maybe="m", broken=None, wrong="x",  # type: ignore[arg-type]
    ),
]  # fmt: skip


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        return list(THINGS)


SCHEMA = strawberry.Schema(query=Query)
DOCUMENTS = [
    "{ things { name count color at maybe shout } }",
    "{ things { name n: count color at maybe } }",  # every field an attribute: one loop
    "{ things { name broken } }",
    "{ things { n: name wrong } }",
]


def _run(document: str, executor_class: type) -> dict:
    result = execute(SCHEMA._schema, parse(document), executor_class=executor_class)
    assert not hasattr(result, "__await__")
    return {
        "data": result.data,
        "errors": [e.formatted for e in result.errors or []],
    }


def test_the_short_path_answers_as_graphql_core_does():
    for document in DOCUMENTS:
        assert _run(document, PerEventExecutor) == _run(
            document, StrawberryGraphQLCoreExecutionContext
        )
    answer = _run(DOCUMENTS[2], PerEventExecutor)
    assert answer["data"] == {"things": [{"name": "a", "broken": "ok"}, None]}
    assert (
        answer["errors"][0]["message"] == "Cannot return null for non-nullable field Thing.broken."
    )


def test_which_fields_are_attributes():
    plans = attribute_fields(SCHEMA._schema)
    assert sorted(plans["Thing"]) == ["at", "broken", "color", "count", "maybe", "name", "wrong"]
    case = attribute_fields(casegraph_schema._schema)["Case"]
    assert {"id", "name", "status", "createdAt", "version"} <= set(case)
    assert "template" not in case and "tags" not in case  # resolvers, not attributes
