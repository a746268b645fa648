"""A JSON POST answered directly (``app.graphql.json_post``) gets the answer strawberry's view
gives, byte for byte: status, headers and body, for answers, field errors, request errors,
refusals and every shape the direct path hands over to the view."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import pytest
from starlette.applications import Starlette

from app.graphql.json_post import is_direct
from app.graphql.view import GraphQLApp
from tests.api import Api

GRAPHQL_RESPONSE = "application/graphql-response+json"
VIEWER = "query Me { viewer { role organization { name } } }"
CASE = "query($id: ID!) { case(id: $id) { id name } }"
NO_TEMPLATE = (
    "mutation($t: ID!) { caseCreate(input: {templateId: $t}) { __typename "
    "... on Error { message code } } }"
)
TWO_OPERATIONS = "query A { viewer { role } } query B { viewer { organization { id } } }"
SUBSCRIPTION = 'subscription { caseEvents(filter: {names: ["case.created"]}) { name } }'
MISSING_TEMPLATE = "Q2FzZVRlbXBsYXRlOjk5OTk5"  # CaseTemplate:99999

# (body, Accept, Authorization: "key" for the admin's key, or a literal header, or None)
REQUESTS: list[tuple[Any, str | None, str | None]] = [
    ({"query": VIEWER}, None, "key"),
    ({"query": VIEWER, "operationName": "Me", "extensions": {}}, "application/json", "key"),
    ({"query": VIEWER}, GRAPHQL_RESPONSE, "key"),
    ({"query": VIEWER}, f"{GRAPHQL_RESPONSE}, application/json", "key"),
    ({"query": CASE, "variables": {"id": "bm9wZQ=="}}, None, "key"),
    ({"query": CASE, "variables": {"id": 5}}, GRAPHQL_RESPONSE, "key"),  # coercion error
    ({"query": CASE, "variables": None}, None, "key"),  # a required variable missing
    ({"query": NO_TEMPLATE, "variables": {"t": MISSING_TEMPLATE}}, None, "key"),
    ({"query": "{ viewer { role }"}, None, "key"),  # syntax error
    ({"query": "{ viewer { role }"}, GRAPHQL_RESPONSE, "key"),
    ({"query": "{ viewer { nope } }"}, GRAPHQL_RESPONSE, "key"),  # validation error
    ({"query": VIEWER}, None, None),  # no key
    ({"query": VIEWER}, GRAPHQL_RESPONSE, None),  # 401 with WWW-Authenticate
    ({"query": VIEWER}, GRAPHQL_RESPONSE, "Bearer cg_not_a_key"),
    ({"query": VIEWER}, None, "Basic abc"),  # malformed header
    ({"query": "{ __typename }"}, GRAPHQL_RESPONSE, None),  # anonymous, not introspection
    ({"query": TWO_OPERATIONS}, None, "key"),  # no operation chosen: the view's 400
    ({"query": TWO_OPERATIONS, "operationName": "C"}, None, "key"),
    ({"query": SUBSCRIPTION}, None, "key"),  # not over POST: the view's 400
    ({"query": "x" * 200_000}, None, "key"),  # over the document size limit
    # shapes the direct path hands to the view
    ([{"query": VIEWER}], None, "key"),  # a batch
    ({"variables": {}}, None, "key"),  # no query
    ({"query": ""}, None, "key"),
    ({"query": 7}, None, "key"),
    ({"query": VIEWER, "variables": "{}"}, None, "key"),
    ({"query": VIEWER, "operationName": 3}, None, "key"),
    ({"query": VIEWER, "extensions": []}, None, "key"),
    ("[1, 2", None, "key"),  # not JSON
    ("7", None, "key"),  # a bare value
]


def _endpoint(app: Starlette) -> GraphQLApp:
    endpoints = [getattr(route, "endpoint", None) for route in app.routes]
    return next(e for e in endpoints if isinstance(e, GraphQLApp))


@contextmanager
def _through_view(endpoint: GraphQLApp) -> Iterator[None]:
    endpoint.direct_json_post = False
    try:
        yield
    finally:
        del endpoint.direct_json_post  # back to the class's default


async def _send(admin: Api, body: Any, accept: str | None, auth: str | None) -> tuple:
    headers = {"Content-Type": "application/json"}
    if accept is not None:
        headers["Accept"] = accept
    if auth is not None:
        headers["Authorization"] = f"Bearer {admin.key}" if auth == "key" else auth
    content = body if isinstance(body, str) else orjson.dumps(body)
    response = await admin.client.post("/graphql", content=content, headers=headers)
    return response.status_code, response.headers.raw, response.content


@pytest.mark.parametrize(("body", "accept", "auth"), REQUESTS)
async def test_direct_answers_as_the_view_does(app, admin, body, accept, auth):
    endpoint = _endpoint(app)
    assert endpoint.direct_json_post
    direct = await _send(admin, body, accept, auth)
    with _through_view(endpoint):
        by_view = await _send(admin, body, accept, auth)
    assert direct == by_view


async def test_direct_answers_in_detail(app, admin):
    status, headers, body = await _send(admin, {"query": VIEWER}, None, "key")
    assert (status, body) == (
        200,
        b'{"data":{"viewer":{"role":"ADMIN","organization":{"name":"Acme"}}}}',
    )
    assert headers == [
        (b"content-length", b"67"),
        (b"content-type", b"application/json"),
        (b"vary", b"Origin"),  # CORS, outside the endpoint
    ]
    status, headers, body = await _send(admin, {"query": VIEWER}, GRAPHQL_RESPONSE, None)
    assert status == 401
    assert headers[1:] == [
        (b"content-type", b"application/graphql-response+json; charset=utf-8"),
        (b"www-authenticate", b"Bearer"),
        (b"vary", b"Origin"),
    ]
    assert b'"data"' not in body and b'"UNAUTHENTICATED"' in body


def test_which_requests_take_the_direct_path():
    assert is_direct([(b"content-type", b"application/json")])
    assert is_direct([(b"content-type", b"Application/JSON; charset=utf-8")])
    assert is_direct([(b"content-type", b"application/json"), (b"accept", b"*/*")])
    assert not is_direct([])
    assert not is_direct([(b"content-type", b"application/graphql")])
    assert not is_direct([(b"content-type", b"multipart/form-data; boundary=x")])
    assert not is_direct([(b"content-type", b"application/json"), (b"idempotency-key", b"k")])
    assert not is_direct(
        [(b"content-type", b"application/json"), (b"accept", b"text/event-stream")]
    )
    assert not is_direct([(b"content-type", b"application/json"), (b"accept", b"multipart/mixed")])


async def test_a_subscription_over_a_plain_post_is_refused(admin):
    """It needs a WebSocket or a streaming Accept; it used to run as a query and fail with
    an internal error."""
    status, _, body = await _send(admin, {"query": SUBSCRIPTION}, None, "key")
    assert (status, body) == (400, b"subscriptions are not allowed when using POST")
