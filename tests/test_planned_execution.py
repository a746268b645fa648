"""The planned executor answers every document as graphql-core's own field execution does,
errors, paths and null propagation included; the strawberry internals its field table reads
are pinned here, and every ``@context_only`` resolver is checked to use ``info`` only as
``info.context``."""

import ast
import asyncio
import datetime as dt
import inspect
import textwrap
from enum import Enum
from typing import Annotated, Any

import pytest
import strawberry
from graphql import execute as core_execute
from graphql import parse, specified_scalar_types
from strawberry.permission import BasePermission
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from app.graphql import types as casegraph_types
from app.graphql.execution import PerEventExecutor, ReferenceExecutor
from app.graphql.field_plans import CONTEXT_ONLY, Kind, context_only, field_reads, leaf_coercer
from app.graphql.schema import schema as casegraph_schema


@strawberry.enum
class Color(Enum):
    RED = "red"
    BLUE = "blue"


class Never(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Part:
    label: str

    @strawberry.field
    def loud(self) -> str:
        return self.label.upper()


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Thing(Named):
    count: int
    color: Color
    at: dt.datetime
    maybe: str | None
    broken: str  # a None here is a field error
    wrong: int  # a value Int refuses is a field error
    part: Part | None
    parts: list[Part]
    strict_parts: list[Part | None]
    secret: str = strawberry.field(default="s", permission_classes=[Never])

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()

    @strawberry.field
    def fails(self) -> str | None:
        raise ValueError(f"no {self.name}")

    @strawberry.field
    def fails_hard(self) -> str:
        raise ValueError(f"hard {self.name}")

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return f"later {self.name}"

    @strawberry.field
    async def later_null(self) -> Part:
        await asyncio.sleep(0)
        return None  # type: ignore[return-value]

    @strawberry.field
    @context_only
    def tag(self, info: strawberry.Info) -> str:
        return f"{info.context['tag']}:{self.name}"

    @strawberry.field
    def other(self) -> "Other":
        return Other(name=self.name)  # the wrong class for Thing.other? no: Other is right

    @strawberry.field
    def wrong_class(self) -> Part:
        return Other(name=self.name)  # type: ignore[return-value]

    @strawberry.field
    def sometimes(self) -> Annotated["Part | Other", strawberry.union("Either")]:
        return Part(label=self.name) if self.count == 1 else Other(name=self.name)

    @strawberry.field
    def with_arg(self, times: int = 1) -> str:
        return self.name * times

    @strawberry.field
    def tupled(self) -> list[str]:
        return ("x", "y")  # type: ignore[return-value]  # not a list: graphql-core completes it


@strawberry.type
class Other(Named):
    pass


def _thing(name: str, count: int, **overrides: Any) -> Thing:
    values: dict[str, Any] = dict(
        name=name, count=count, color=Color.RED, maybe=None, broken="ok", wrong=7,
        at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), part=Part(label=f"p{name}"),
        parts=[Part(label="a"), Part(label="b")], strict_parts=[Part(label="c"), None],
    )  # fmt: skip
    values.update(overrides)
    return Thing(**values)


THINGS = [
    _thing("a", 1),
    _thing("b", 2, color=Color.BLUE, maybe="m", broken=None, wrong="x", part=None),
    _thing("c", 3, parts=[Part(label="d"), None]),
]


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        return list(THINGS)

    @strawberry.field
    def strict_things(self) -> list[Thing]:
        return list(THINGS)

    @strawberry.field
    def first(self) -> Thing:
        return THINGS[0]

    @strawberry.field
    def named(self) -> list[Named]:
        return [THINGS[0], Other(name="o")]


SCHEMA = strawberry.Schema(query=Query, types=[Other])
DOCUMENTS = [
    "{ things { name count color at maybe shout } }",
    "{ things { name n: count color at maybe } }",
    "{ things { name broken } }",  # a null in a non-null attribute
    "{ things { n: name wrong } }",  # a value Int refuses
    "{ strictThings { name broken } }",  # ... propagating through a non-null list item
    "{ things { name fails } }",
    "{ things { name failsHard } }",
    "{ first { name failsHard } }",  # propagates to data: null
    "{ things { name later laterNull { label } } }",
    "{ things { tag part { label loud } parts { label } strictParts { label } } }",
    "{ things { name secret } }",  # a permission extension: not planned
    "{ things { __typename name other { __typename name } } }",
    "{ things { wrongClass { label } } }",
    "{ things { sometimes { __typename ... on Part { label } ... on Other { name } } } }",
    "{ named { __typename name ... on Thing { count } } }",
    "{ things { withArg(times: 2) tupled } }",
    "query($yes: Boolean!) { things { name @include(if: $yes) count @skip(if: $yes) } }",
    "{ things { ...F } } fragment F on Thing { name part { ...P } } fragment P on Part { label }",
    "{ things { name name } a: first { x: name y: name } }",
]


def _run(document: str, executor_class: type) -> dict[str, Any]:
    async def go() -> Any:
        result = core_execute(
            SCHEMA._schema,
            parse(document),
            executor_class=executor_class,
            context_value={"tag": "T"},
            variable_values={"yes": True},
        )
        if inspect.isawaitable(result):
            result = await result
        return result

    result = asyncio.run(go())
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_planned_execution_answers_as_graphql_core_does(document: str):
    reference = _run(document, ReferenceExecutor)
    assert reference == _run(document, StrawberryGraphQLCoreExecutionContext)
    assert _run(document, PerEventExecutor) == reference


def test_answers_in_detail():
    answer = _run(DOCUMENTS[4], PerEventExecutor)
    assert answer == {
        "data": None,  # strictThings: [Thing!]! - the null reaches the root
        "errors": [
            {
                "message": "Cannot return null for non-nullable field Thing.broken.",
                "locations": [{"line": 1, "column": 23}],
                "path": ["strictThings", 1, "broken"],
            }
        ],
    }
    answer = _run(DOCUMENTS[9], PerEventExecutor)
    assert answer["errors"] == [
        {
            "message": "Cannot return null for non-nullable field Thing.parts.",
            "locations": [{"line": 1, "column": 36}],
            "path": ["things", 2, "parts", 1],
        }
    ]
    assert answer["data"]["things"][0] == {
        "tag": "T:a",
        "part": {"label": "pa", "loud": "PA"},
        "parts": [{"label": "a"}, {"label": "b"}],
        "strictParts": [{"label": "c"}, None],
    }
    assert answer["data"]["things"][2] is None
    secret = _run(DOCUMENTS[10], PerEventExecutor)
    assert secret["errors"][0]["message"] == "not for you"


def test_which_fields_are_planned():
    reads = field_reads(SCHEMA._schema)["Thing"]
    kinds = {name: read.kind for name, read in reads.items()}
    assert kinds == {
        "name": Kind.LEAF, "count": Kind.LEAF, "color": Kind.LEAF, "at": Kind.LEAF,
        "maybe": Kind.LEAF, "broken": Kind.LEAF, "wrong": Kind.LEAF, "part": Kind.VALUE,
        "parts": Kind.VALUE, "strictParts": Kind.VALUE, "secret": Kind.OTHER,
        "shout": Kind.CALL, "fails": Kind.CALL, "failsHard": Kind.CALL, "later": Kind.CALL,
        "laterNull": Kind.CALL, "tag": Kind.CALL, "other": Kind.CALL, "wrongClass": Kind.CALL,
        "sometimes": Kind.CALL, "withArg": Kind.OTHER, "tupled": Kind.CALL,
    }  # fmt: skip
    assert reads["tag"].with_context and not reads["shout"].with_context
    case = field_reads(casegraph_schema._schema)["Case"]
    assert {case[f].kind for f in ("id", "name", "status", "createdAt", "version")} == {Kind.LEAF}
    assert (case["template"].kind, case["template"].with_context) == (Kind.CALL, True)
    assert (case["inquiries"].kind, case["inquiries"].with_context) == (Kind.CALL, True)
    assert (case["tags"].kind, case["tags"].with_context) == (Kind.CALL, False)
    assert case["comments"].kind is Kind.OTHER  # arguments
    edge = field_reads(casegraph_schema._schema)["CaseEdge"]
    assert (edge["node"].kind, edge["cursor"].kind) == (Kind.VALUE, Kind.LEAF)


def _context_only_resolvers() -> list[Any]:
    found = []
    for module in casegraph_types.__dict__.values():
        if not inspect.ismodule(module):
            continue
        for value in vars(module).values():
            candidates = [value] + (list(vars(value).values()) if inspect.isclass(value) else [])
            for candidate in candidates:
                func = getattr(candidate, "wrapped_func", candidate)
                if callable(func) and getattr(func, CONTEXT_ONLY, False) and func not in found:
                    found.append(func)
    return found


def test_context_only_resolvers_use_info_only_as_info_context():
    resolvers = _context_only_resolvers()
    names = {f.__name__ for f in resolvers}
    assert {"_template", "_assignee", "inquiries", "accounts", "reports"} <= names
    for func in resolvers:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        function = tree.body[0]
        assert isinstance(function, ast.FunctionDef)
        info = function.args.args[1].arg
        parents = {
            id(child): node for node in ast.walk(function) for child in ast.iter_child_nodes(node)
        }
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id == info:
                parent = parents[id(node)]
                assert isinstance(parent, ast.Attribute) and parent.attr == "context", (
                    f"{func.__qualname__} uses `{info}` as more than `{info}.context`"
                )


@strawberry.enum
class Shade(Enum):
    LIGHT = "light"
    DARK = "dark"


@pytest.mark.parametrize(
    ("type_name", "values"),
    [
        ("String", ["a", "", True, 3, 2.5, Color.RED]),
        ("ID", ["x", 7, True]),
        ("Int", [0, -(2**31), 2**31 - 1, 2**31, -(2**31) - 1, True, 2.0, 2.5, "4"]),
        ("Boolean", [True, False, 0, 1, "yes"]),
        ("Shade", [Shade.LIGHT, Shade.DARK, "light", "LIGHT", Color.RED, 3]),
    ],
)
def test_leaf_coercers_answer_as_the_types_do(type_name, values):
    @strawberry.type
    class Q:
        shade: Shade = Shade.LIGHT

    leaf = specified_scalar_types.get(type_name) or strawberry.Schema(query=Q)._schema.get_type(
        type_name
    )
    fast = leaf_coercer(leaf)

    def outcome(coerce: Any, value: Any) -> tuple[str, Any]:
        try:
            return "value", coerce(value)
        except Exception as exc:
            return type(exc).__name__, str(exc)

    for value in values:
        assert outcome(fast, value) == outcome(leaf.coerce_output_value, value), value
