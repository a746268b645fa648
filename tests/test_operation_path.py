"""HTTP operations run by app.graphql.operation, without strawberry's extension runner, with
the same answers the runner gave: labelled errors, the token bound, the request-method rule;
WebSocket operations still go through the runner's gate. It also pins the strawberry pieces
the path depends on (a minor strawberry release may move them)."""

import pytest
from graphql import parse
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

from app.graphql import gate
from app.graphql.schema import Schema

VIEWER = "query Who { viewer { role } }"
BAD_SYNTAX = "{ viewer { role }"
CREATE_TEMPLATE = 'mutation { caseTemplateCreate(input: {name: "x", key: "X"}) { __typename } }'
TOO_MANY_TOKENS = "{ " + "a " * gate.MAX_TOKENS + "}"  # under the size limit


@pytest.fixture
def no_runner(monkeypatch):
    """Fail any use of strawberry's extension runner."""

    def refuse(*args, **kwargs):
        raise AssertionError("an HTTP operation went through the extension runner")

    monkeypatch.setattr(Schema, "create_extensions_runner", refuse)


async def _post(admin, body):
    return await admin.client.post(
        "/graphql", json=body, headers={"Authorization": f"Bearer {admin.key}"}
    )


async def test_a_query_runs_without_the_extension_runner(admin, no_runner):
    response = await _post(admin, {"query": VIEWER, "operationName": "Who"})
    assert (response.status_code, response.json()) == (200, {"data": {"viewer": {"role": "ADMIN"}}})


async def test_errors_before_execution_are_labelled(admin, no_runner):
    syntax = await _post(admin, {"query": BAD_SYNTAX})
    assert syntax.json() == {
        "data": None,
        "errors": [
            {
                "message": "Syntax Error: Expected Name, found <EOF>.",
                "locations": [{"line": 1, "column": 18}],
                "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
            }
        ],
    }
    tokens = await _post(admin, {"query": TOO_MANY_TOKENS})
    assert tokens.json()["errors"][0]["message"] == (
        f"Syntax Error: Document contains more than {gate.MAX_TOKENS} tokens. Parsing aborted."
    )
    assert tokens.json()["errors"][0]["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}


async def test_operation_name_and_method_rules_keep_their_statuses(admin, no_runner):
    unknown = await _post(admin, {"query": VIEWER, "operationName": "Nope"})
    assert (unknown.status_code, unknown.text) == (400, 'Unknown operation named "Nope".')
    by_get = await admin.client.get(
        "/graphql",
        params={"query": CREATE_TEMPLATE},
        headers={"Authorization": f"Bearer {admin.key}"},
    )
    assert (by_get.status_code, by_get.text) == (400, "mutations are not allowed when using GET")


async def test_anonymous_callers_are_refused_on_this_path(client, no_runner):
    response = await client.post("/graphql", json={"query": VIEWER})
    assert response.json()["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


def test_the_strawberry_pieces_it_uses():
    two = parse("query A { viewer { role } } mutation B { __typename }")
    assert get_operation_type(two, None) is OperationType.QUERY  # the first, as strawberry does
    assert get_operation_type(two, "B") is OperationType.MUTATION
    with pytest.raises(RuntimeError):
        get_operation_type(two, "C")
    assert set(DEFAULT_ALLOWED_OPERATION_TYPES) == set(OperationType)
    assert gate.parse_document(VIEWER) is gate.parse_document(VIEWER)
