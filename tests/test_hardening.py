"""Hostile input against the GraphQL surface: authentication before any parsing or validation,
cost bounded before any SQL, every input bounded, every error labelled. Each test reproduces
a finding of the attack on the API (the issue's numbers in brackets)."""

import base64
import logging
import math
from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType

from app.domain.bounds import json_value
from app.domain.errors import ValidationError
from app.graphql import gate
from app.graphql.list_limits import CONNECTION_LIST_FIELDS, LIST_MAXIMA
from app.graphql.schema import schema
from app.main import create_app
from app.settings import Introspection
from tests.conftest import FAST_FEEDS
from tests.sql import count_statements

VIEWER = "{ viewer { role } }"
SMALL_INTROSPECTION = "{ __schema { queryType { name } } }"
NESTED = """
{ cases(first: 100) { nodes { inquiries { cases { inquiries { cases { name } } } } } } }
"""
TEMPLATE_CREATE = """
mutation($input: CaseTemplateCreateInput!) {
  caseTemplateCreate(input: $input) {
    __typename
    ... on ValidationError { field message }
  }
}
"""
INQUIRY_CREATE = """
mutation($fields: JSON) {
  inquiryCreate(input: {referenceId: "x", fields: $fields}) {
    __typename
    ... on ValidationError { field message }
  }
}
"""
CASE = "query($id: ID!) { case(id: $id) { name } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"


def _gid(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


async def _post(client: httpx.AsyncClient, query: str, key: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_an_anonymous_document_is_refused_without_validation(client, monkeypatch):  # [2]
    validations: list[object] = []
    original = gate.validate_document
    monkeypatch.setattr(gate, "validate_document", lambda *a: validations.append(a) or original(*a))
    for i in range(3):  # comments change the text: no cache could help
        body = await _post(client, f"# {i}\n{{ " + "viewer { role } " * 300 + "}")
        assert body == {
            "data": None,
            "errors": [
                {
                    "message": "authentication required: send `Authorization: Bearer <api key>`",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ],
        }
    assert validations == []


async def test_anonymous_introspection_is_small_and_cached(client):
    first = await _post(client, SMALL_INTROSPECTION)
    assert first == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    reworded = await _post(client, "# same question\n" + SMALL_INTROSPECTION)
    assert reworded == first
    assert gate.ANONYMOUS.get(gate.ANONYMOUS.key(_parse(SMALL_INTROSPECTION), None)) is not None
    padded = "#" + "x" * 9000 + "\n" + SMALL_INTROSPECTION  # over the anonymous size cap
    assert (await _post(client, padded))["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


def _parse(query: str) -> Any:
    from graphql import parse

    return parse(query)


@pytest.mark.parametrize(
    ("setting", "anonymous", "authenticated"),
    [
        (Introspection.AUTHENTICATED, "UNAUTHENTICATED", None),
        (Introspection.OFF, "UNAUTHENTICATED", "GRAPHQL_VALIDATION_FAILED"),
    ],
)
async def test_introspection_can_be_restricted(db, admin, setting, anonymous, authenticated):
    app = create_app(
        FAST_FEEDS.model_copy(update={"introspection": setting}), manage_database=False
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        anon = await _post(client, SMALL_INTROSPECTION)
        auth = await _post(client, SMALL_INTROSPECTION, admin.key)
    assert anon["errors"][0]["extensions"]["code"] == anonymous
    codes = {e["extensions"]["code"] for e in auth.get("errors", [])}
    assert codes == ({authenticated} if authenticated else set())


async def test_a_costly_document_is_refused_before_any_sql(admin, monkeypatch):  # [3]
    await admin(VIEWER)  # the key is authenticated (and cached) before counting
    with count_statements(monkeypatch) as seen:
        body = await admin.raw(NESTED)
    assert seen == []
    assert body == {
        "data": None,
        "errors": [
            {
                "message": "the operation could return 10100100 objects; the limit is 500000",
                "extensions": {
                    "code": "GRAPHQL_VALIDATION_FAILED",
                    "limit": "cost",
                    "maximum": 500000,
                    "actual": 10100100,
                },
            }
        ],
    }


async def test_a_fragment_bomb_is_measured_once_per_fragment(admin):
    fragments = ["fragment F0 on Case { name inquiries { referenceId } }"]
    for i in range(1, 40):  # each level doubles: 2**39 expansions if expanded naively
        fragments.append(f"fragment F{i} on Case {{ ...F{i - 1} a{i}: inquiries {{ id }} }}")
    query = "{ cases(first: 100) { nodes { ...F39 } } }\n" + "\n".join(fragments)
    body = await admin.raw(query)
    assert body["errors"][0]["extensions"]["limit"] in ("aliases", "cost")


async def test_depth_names_its_limit(db, admin):
    settings = FAST_FEEDS.model_copy(update={"max_query_depth": 3})
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        within = await _post(client, "{ viewer { organization { name } } }", admin.key)
        deeper = await _post(client, "{ cases { nodes { template { key } } } }", admin.key)
    assert "errors" not in within
    assert deeper["errors"] == [
        {
            "message": "the operation is nested 4 levels deep; the limit is 3",
            "extensions": {
                "code": "GRAPHQL_VALIDATION_FAILED",
                "limit": "depth",
                "maximum": 3,
                "actual": 4,
            },
        }
    ]


@pytest.mark.parametrize(
    ("query", "limit", "maximum"),
    [
        ("{ " + " ".join(f"a{i}: viewer {{ role }}" for i in range(31)) + " }", "aliases", 30),
        ("{ viewer { " + "role " * 101 + "} }", "selections", 100),
    ],
)
async def test_depth_aliases_and_width_name_the_limit_they_break(admin, query, limit, maximum):
    [error] = (await admin.raw(query))["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert (error["extensions"]["limit"], error["extensions"]["maximum"]) == (limit, maximum)


async def test_the_size_limit_counts_comments(admin):
    query = "#" + "x" * (32 * 1024) + "\n" + VIEWER
    [error] = (await admin.raw(query))["errors"]
    assert error["extensions"] == {
        "code": "GRAPHQL_VALIDATION_FAILED",
        "limit": "size",
        "maximum": 32768,
        "actual": len(query.encode()),
    }


@pytest.mark.parametrize(
    "gid",
    ["", "Infinity", _gid("Case:" + "9" * 30), _gid("Case:-1"), "not base64 at all!"],
)
async def test_malformed_ids_are_bad_user_input(admin, gid):  # [9]
    for query in (CASE, NODE):
        body = await admin.raw(query, id=gid)
        assert body["data"] in (None, {"case": None}, {"node": None}), body
        codes = {e["extensions"]["code"] for e in body.get("errors", [])}
        assert codes <= {"BAD_USER_INPUT"}, body


async def test_first_and_last_together_are_bad_user_input(admin):  # [9]
    [error] = (await admin.raw("{ cases(first: 1, last: 1) { totalCount } }"))["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "last"}


async def test_a_hundred_thousand_tags_are_refused_before_any_work(admin):  # [5]
    body = await admin.raw(
        'mutation($t: [String!]) { caseCreate(input: {templateId: "Q2FzZVRlbXBsYXRlOjE=",'
        " tags: $t}) { __typename ... on ValidationError { field message } } }",
        t=[f"t{i}" for i in range(100_000)],
    )
    assert body["data"]["caseCreate"] == {
        "__typename": "ValidationError",
        "field": "tags",
        "message": "tags: at most 200 tags (got 100000)",
    }


async def test_templates_are_bounded(admin):  # [9]
    statuses = [{"name": f"s{i}", "type": "INTERMEDIATE"} for i in range(10_000)]
    body = await admin.raw(
        TEMPLATE_CREATE, input={"name": "Big", "key": "BIG", "statuses": statuses}
    )
    assert body["data"]["caseTemplateCreate"] == {
        "__typename": "ValidationError",
        "field": "statuses",
        "message": "statuses: at most 50 statuses (got 10000)",
    }
    emails = [f"u{i}@x.example" for i in range(101)]
    body = await admin.raw(
        TEMPLATE_CREATE, input={"name": "Mail", "key": "MAIL", "notificationEmails": emails}
    )
    assert body["data"]["caseTemplateCreate"]["message"] == (
        "notificationEmails: at most 100 emails (got 101)"
    )


async def test_nan_and_infinity_never_get_in(admin, client):  # [9]
    raw = '{"query": "mutation($f: JSON) { inquiryCreate(input: {fields: $f}) { __typename } }",'
    raw += ' "variables": {"f": {"x": NaN}}}'
    response = await client.post(
        "/graphql",
        content=raw,
        headers={"Authorization": f"Bearer {admin.key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    deep: Any = "x"
    for _ in range(20):
        deep = {"k": deep}
    body = await admin.raw(INQUIRY_CREATE, fields=deep)
    assert body["data"]["inquiryCreate"] == {
        "__typename": "ValidationError",
        "field": "fields" + ".k" * 16,
        "message": "fields" + ".k" * 16 + ": nested deeper than 16 levels",
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (math.nan, "data.x: numbers must be finite (no NaN or Infinity)"),
        (math.inf, "data.x: numbers must be finite (no NaN or Infinity)"),
        (2**64, "data.x: integers must fit in 64 bits"),
        ("y" * (70 * 1024), "data: must be at most 65536 bytes as JSON"),
    ],
)
def test_json_values_are_finite_and_bounded(value, message):
    with pytest.raises(ValidationError) as refused:
        json_value({"x": value}, "data")
    assert str(refused.value) == message


async def test_echoed_input_is_capped_and_client_errors_are_not_logged(admin, caplog):  # [8]
    caplog.set_level(logging.DEBUG)
    huge = "z" * 20_000  # within the document size limit: the id itself is the problem
    body = await admin.raw(f'{{ case(id: "{huge}") {{ name }} }}')
    [error] = body["errors"]
    assert len(error["message"]) <= 300
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert not any(huge[:1000] in r.getMessage() for r in caplog.records)


def test_every_list_the_schema_returns_is_a_connection_or_declares_its_maximum():
    undeclared = []
    for name, type_ in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(type_, GraphQLObjectType):
            continue
        for field_name, field in type_.fields.items():
            if "[" not in str(field.type):
                continue
            if name.endswith("Connection") and field_name in CONNECTION_LIST_FIELDS:
                continue
            if f"{name}.{field_name}" not in LIST_MAXIMA:
                undeclared.append(f"{name}.{field_name}")
    assert undeclared == []
