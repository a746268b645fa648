"""A query seen twice runs compiled (``app.graphql.compiled``) and answers as graphql-core does:
each document of the planned executor's differential test, and more, is compiled and run, and
its answer compared with graphql-core's own; where graphql-core reports an error the compiled
run steps aside (a rerun), and a shape it does not complete disables its plan. Over HTTP, the
same requests get the same bodies from both paths."""

import asyncio
import functools
import inspect
from typing import Any

import pytest
import strawberry
from graphql import execute as core_execute
from graphql import parse
from strawberry import relay

from app.graphql.compiled import PLANS_BY_DOCUMENT, Plans, compile_operation, run_plan
from app.graphql.compiled_code import Unsupported
from app.graphql.execution import PerEventExecutor, ReferenceExecutor
from tests.api import Api, make_case, make_template
from tests.test_planned_execution import DOCUMENTS, SCHEMA, Color

CORE = SCHEMA._schema
CONTEXT = {"tag": "T"}
VARIABLES = {"yes": True}

# beyond the planned executor's documents: awaitable fields completed after the pass, root
# __typename, variables and defaults, nested fragments, lists of leaves
MORE = [
    "{ things { name later part { loud } } }",
    "{ __typename first { __typename name } }",
    "query($n: Boolean = false) { first { name } }",
    "{ first { ... on Thing { name ... F } } } fragment F on Thing { count color }",
    "{ strictThings { name tupled } }",
    "{ first { parts { label } tag } named: first { name } }",
    "{ a: first { name } first { count } }",
]

# what the compiled path does with each document: "answer" (its own answer), "rerun"
# (graphql-core reports an error), "unsupported" (not compiled), "disabled" (compiled, then a
# value of a shape it does not complete)
OUTCOMES = {
    DOCUMENTS[0]: "answer",
    DOCUMENTS[1]: "answer",
    DOCUMENTS[2]: "rerun",  # a null in a non-null attribute
    DOCUMENTS[3]: "rerun",  # a value Int refuses
    DOCUMENTS[4]: "rerun",
    DOCUMENTS[5]: "rerun",  # a resolver raises
    DOCUMENTS[6]: "rerun",
    DOCUMENTS[7]: "rerun",
    DOCUMENTS[8]: "rerun",  # an async resolver's null in a non-null field
    DOCUMENTS[9]: "rerun",  # a null list item
    DOCUMENTS[10]: "unsupported",  # a permission extension
    DOCUMENTS[11]: "answer",
    DOCUMENTS[12]: "rerun",  # an object of another class
    DOCUMENTS[13]: "unsupported",  # a union
    DOCUMENTS[14]: "unsupported",  # an interface
    DOCUMENTS[15]: "unsupported",  # arguments below the root
    DOCUMENTS[16]: "unsupported",  # directives
    DOCUMENTS[17]: "answer",
    DOCUMENTS[18]: "answer",
    MORE[0]: "answer",
    MORE[1]: "answer",
    MORE[2]: "answer",
    MORE[3]: "answer",
    MORE[4]: "disabled",  # a tuple for a list: graphql-core completes it
    MORE[5]: "answer",
    MORE[6]: "answer",
}


def _reference(document: str) -> dict[str, Any]:
    async def go() -> Any:
        result = core_execute(
            CORE,
            parse(document),
            executor_class=ReferenceExecutor,
            context_value=CONTEXT,
            variable_values=VARIABLES,
        )
        return await result if inspect.isawaitable(result) else result

    result = asyncio.run(go())
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


def _compiled(document: str) -> tuple[str, dict[str, Any] | None]:
    try:
        plan = compile_operation(CORE, parse(document), None)
    except Unsupported:
        return "unsupported", None
    data = asyncio.run(
        run_plan(
            plan,
            CORE,
            root_value=None,
            context=CONTEXT,
            variables=VARIABLES,
            operation_extensions=None,
        )
    )
    if data is not None:
        return "answer", data
    return ("disabled" if plan.disabled else "rerun"), None


@pytest.mark.parametrize("document", list(OUTCOMES))
def test_a_compiled_query_answers_as_graphql_core_does(document: str):
    outcome, data = _compiled(document)
    assert outcome == OUTCOMES[document]
    reference = _reference(document)
    if outcome == "answer":
        assert reference == {"data": data, "errors": []}
    elif outcome == "rerun":
        assert reference["errors"]  # graphql-core answers, with the error it reports


def test_the_answer_in_detail():
    outcome, data = _compiled(MORE[0])
    assert outcome == "answer"
    assert data == {
        "things": [
            {"name": "a", "later": "later a", "part": {"loud": "PA"}},
            {"name": "b", "later": "later b", "part": None},
            {"name": "c", "later": "later c", "part": {"loud": "PC"}},
        ]
    }
    assert list(data["things"][0]) == ["name", "later", "part"]  # the selection's order


def test_the_generated_code_holds_no_string_of_the_request():
    plan = compile_operation(CORE, parse("{ zzAlias: first { yyAlias: name } }"), None)
    assert "zzAlias" not in plan.source and "yyAlias" not in plan.source
    assert "def c1(w, X, C):" in plan.source


def test_a_document_compiles_on_its_second_execution_and_stays_disabled_once_refused():
    plans = Plans(2)
    first, again, other, third = (parse(d) for d in (MORE[1], MORE[1], MORE[2], MORE[5]))
    assert plans.get(CORE, first, None) is None  # first sighting
    plan = plans.get(CORE, first, None)
    assert plan is not None and plans.get(CORE, first, None) is plan
    assert plans.get(CORE, again, None) is None  # another document object: a new entry
    plans.get(CORE, other, None)
    plans.get(CORE, third, None)
    assert len(plans.entries) == 2  # bounded: the oldest went
    plan.disabled = True
    assert plans.get(CORE, first, None) is None


CASE = "query($id: ID!) { case(id: $id) { id name status state version template { id key } } }"
CASES = (
    "query($first: Int) { cases(first: $first) { edges { cursor node { id name createdAt "
    "template { name } assignee { email } inquiries { status } } } "
    "pageInfo { hasNextPage endCursor } } }"
)


def _plan_of(document: str) -> Any:
    found = [
        e.plan
        for e in PLANS_BY_DOCUMENT.entries.values()
        if e.plan is not None and e.document.loc and e.document.loc.source.body == document
    ]
    assert len(found) == 1
    return found[0]


async def test_the_casegraph_reads_answer_the_same_over_http(admin: Api, monkeypatch: Any):
    template = await make_template(admin)
    created = [await make_case(admin, template) for _ in range(3)]
    requests: list[tuple[str, dict[str, Any]]] = [
        (CASE, {"id": created[0]["id"]}),
        (CASE, {"id": "Q2FzZTo5OTk5OQ=="}),  # no such case: null
        (CASE, {"id": 5}),  # not a global id: strawberry's error, after a rerun
        (CASES, {"first": 2}),
        (CASES, {"first": 500}),  # out of range: a typed error, after a rerun
    ]
    answers = [[await admin.raw(d, **v) for _ in range(3)] for d, v in requests]
    # the first request of each document went through graphql-core; the other 8 of CASE and 5
    # of CASES ran compiled, and graphql-core answered again the 3 that have an error each
    assert (_plan_of(CASE).runs, _plan_of(CASE).reruns) == (8, 3)
    assert (_plan_of(CASES).runs, _plan_of(CASES).reruns) == (5, 3)
    monkeypatch.setattr(PerEventExecutor, "compiled", False)
    for (document, variables), (first, *compiled) in zip(requests, answers, strict=True):
        assert compiled == [first, first]
        assert await admin.raw(document, **variables) == first
    assert answers[0][2]["data"]["case"] == {
        "id": created[0]["id"], "name": created[0]["name"], "status": "Open",
        "state": "OPEN", "version": 1, "template": {"id": template, "key": "KYC"},
    }  # fmt: skip
    assert answers[1][2] == {"data": {"case": None}}
    page = answers[3][2]["data"]["cases"]
    assert [e["node"]["name"] for e in page["edges"]] == ["KYC-3", "KYC-2"]
    assert page["edges"][0]["node"]["inquiries"] == []
    assert page["pageInfo"] == {"hasNextPage": True, "endCursor": page["edges"][1]["cursor"]}
    assert answers[4][2]["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@strawberry.input
class Window:
    size: int = 2
    label: str | None = None


@strawberry.type
class ArgsQuery:
    @strawberry.field
    def echo(
        self,
        info: strawberry.Info,
        id: relay.GlobalID,
        maybe_id: relay.GlobalID | None = None,
        ids: list[relay.GlobalID] | None = None,
        times: int = 3,
        color: Color | None = None,
        window: Window | None = None,
    ) -> str:
        assert self is None and info.field_name == "echo" and info.context == CONTEXT
        return repr((id, maybe_id, ids, times, color, window))

    @strawberry.field
    async def later(self, word: str = "hi") -> str:
        await asyncio.sleep(0)
        return word * 2


ARGS_SCHEMA = strawberry.Schema(query=ArgsQuery)
ARGS_DOCUMENTS = [
    ('{ echo(id: "Q2FzZTox") later }', {}),
    (
        "query($i: ID!, $w: Window) { echo(id: $i, maybeId: $i, ids: [$i], times: 5, "
        "color: RED, window: $w) later(word: $i) }",
        {"i": "Q2FzZTox", "w": {"size": 4}},
    ),
    ('{ echo(id: "not a global id") }', {}),  # strawberry's error, after a rerun
]


@pytest.mark.parametrize(("document", "variables"), ARGS_DOCUMENTS)
def test_root_arguments_reach_the_resolver_as_strawberry_converts_them(document, variables):
    core = ARGS_SCHEMA._schema
    plan = compile_operation(core, parse(document), None)
    assert all(root.call is not None for root in plan.roots)  # no strawberry wrapper

    async def both() -> tuple[Any, Any]:
        compiled = await run_plan(
            plan,
            core,
            root_value=None,
            context=CONTEXT,
            variables=variables,
            operation_extensions=None,
        )
        reference = core_execute(
            core,
            parse(document),
            executor_class=ReferenceExecutor,
            context_value=CONTEXT,
            variable_values=variables,
        )
        return compiled, await reference if inspect.isawaitable(reference) else reference

    compiled, reference = asyncio.run(both())
    if reference.errors:
        assert compiled is None and plan.reruns == 1
        assert (
            reference.errors[0].message == 'Value cannot represent a GlobalID: "not a global id".'
        )
    else:
        assert compiled == reference.data
    if variables:
        assert compiled == {
            "echo": "(GlobalID(type_name='Case', node_id='1'), GlobalID(type_name='Case', "
            "node_id='1'), [GlobalID(type_name='Case', node_id='1')], 5, <Color.RED: 'red'>, "
            "Window(size=4, label=None))",
            "later": "Q2FzZTox" * 2,
        }


def test_the_internals_keep_their_shape():
    from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
    from graphql.type.definition import GraphQLResolveInfoHelpers
    from strawberry.schema.schema import _OperationContextAwareGraphQLResolveInfo
    from strawberry.schema.schema_converter import GraphQLCoreConverter
    from strawberry.types.fields.resolver import StrawberryResolver

    assert _OperationContextAwareGraphQLResolveInfo._fields == (
        "field_name", "field_nodes", "return_type", "parent_type", "path", "schema",
        "fragments", "root_value", "operation", "variable_values", "context", "is_awaitable",
        "abort_signal", "async_helpers", "operation_extensions",
    )  # fmt: skip
    assert GraphQLResolveInfoHelpers._fields == ("gather", "track")
    assert VariableValues._fields == ("sources", "coerced")
    assert list(inspect.signature(get_variable_values).parameters)[:4] == [
        "schema", "var_def_nodes", "inputs", "max_errors",
    ]  # fmt: skip
    assert list(inspect.signature(get_argument_values).parameters)[:3] == [
        "type_def", "node", "variable_values",
    ]  # fmt: skip
    assert callable(GraphQLCoreConverter._get_field_exception_handlers)
    for name in ("self_parameter", "root_parameter", "parent_parameter", "info_parameter"):
        assert isinstance(getattr(StrawberryResolver, name), functools.cached_property)
    assert ARGS_SCHEMA.config.info_class is strawberry.Info


@strawberry.interface
class Shape:
    name: str


@strawberry.type
class Square(Shape):
    side: int


class BigSquare(Square):  # a Python subclass: strawberry's is_type_of accepts it as a Square
    pass


@strawberry.type
class Box:
    label: str


async def _label() -> str:
    return "awaited"


@strawberry.type
class ShapesQuery:
    @strawberry.field
    def squares(self) -> list[Square]:
        cast = strawberry.cast(Square, Square(name="c", side=3))
        return [Square(name="a", side=1), BigSquare(name="b", side=2), cast]

    @strawberry.field
    def box(self) -> Box:
        return Box(label=_label())  # type: ignore[arg-type]  # an awaitable attribute


SHAPES = strawberry.Schema(query=ShapesQuery, types=[Square])


@pytest.mark.parametrize(
    ("document", "outcome"),
    [
        ("{ squares { __typename name side } }", "answer"),  # a subclass and a cast too
        ("{ box { label } }", "disabled"),  # graphql-core awaits a scalar attribute
    ],
)
def test_values_strawberry_accepts_complete_as_graphql_core_completes_them(document, outcome):
    core = SHAPES._schema
    plan = compile_operation(core, parse(document), None)

    async def both() -> tuple[Any, Any]:
        compiled = await run_plan(
            plan, core, root_value=None, context=None, variables=None, operation_extensions=None
        )
        reference = core_execute(core, parse(document), executor_class=ReferenceExecutor)
        return compiled, await reference if inspect.isawaitable(reference) else reference

    compiled, reference = asyncio.run(both())
    assert not reference.errors
    if outcome == "answer":
        assert compiled == reference.data
        assert [s["name"] for s in compiled["squares"]] == ["a", "b", "c"]
    else:
        assert compiled is None and plan.disabled
        assert reference.data == {"box": {"label": "awaited"}}
