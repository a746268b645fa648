"""GraphQL over HTTP: `application/graphql-response+json` with the spec's status codes next
to unchanged `application/json`, and CORS for the browser origins in ALLOWED_ORIGINS."""

from collections.abc import AsyncIterator

import httpx
import pytest

from app.graphql.media_types import negotiate
from app.main import create_app
from tests.conftest import FAST_FEEDS

GRAPHQL_RESPONSE = "application/graphql-response+json"
VIEWER = "{ viewer { role } }"
BAD_SYNTAX = "{ viewer { role }"
UNKNOWN_FIELD = "{ viewer { nope } }"
NEEDS_INT = "query($n: Int!) { cases(first: $n) { totalCount } }"
CONSOLE = "https://console.acme.example"


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", "application/json"),
        (f"application/json;q=0.9, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        ("*/*", "application/json"),
        ("text/html", "application/json"),
        (f"{GRAPHQL_RESPONSE};q=0", "application/json"),
    ],
)
def test_negotiation(accept, chosen):
    assert negotiate(accept) == chosen


async def _post(admin, query, accept, **variables):
    return await admin.client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {admin.key}", "Accept": accept},
    )


async def test_graphql_response_json_is_answered_in_kind(admin):
    ok = await _post(admin, VIEWER, GRAPHQL_RESPONSE)
    assert (ok.status_code, ok.headers["content-type"]) == (
        200,
        "application/graphql-response+json; charset=utf-8",
    )
    assert ok.json() == {"data": {"viewer": {"role": "ADMIN"}}}


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (BAD_SYNTAX, {}, "Syntax Error: Expected Name, found <EOF>."),
        (UNKNOWN_FIELD, {}, "Cannot query field 'nope' on type 'Viewer'. Did you mean 'role'?"),
        (
            NEEDS_INT,
            {"n": "x"},
            "Variable '$n' has invalid value: Int cannot represent non-integer value: 'x'",
        ),
    ],
)
async def test_request_errors_get_400_and_no_data_only_under_graphql_response_json(
    admin, query, variables, message
):
    strict = await _post(admin, query, GRAPHQL_RESPONSE, **variables)
    assert strict.status_code == 400
    assert "data" not in strict.json()
    assert [e["message"] for e in strict.json()["errors"]] == [message]
    legacy = await _post(admin, query, "application/json", **variables)
    assert (legacy.status_code, legacy.headers["content-type"]) == (200, "application/json")
    assert legacy.json()["data"] is None
    assert [e["message"] for e in legacy.json()["errors"]] == [message]


async def test_a_missing_key_gets_401_under_graphql_response_json(client):
    strict = await client.post(
        "/graphql", json={"query": VIEWER}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert (strict.status_code, strict.headers["www-authenticate"]) == (401, "Bearer")
    assert strict.json() == {
        "errors": [
            {
                "message": "authentication required: send `Authorization: Bearer <api key>`",
                "extensions": {"code": "UNAUTHENTICATED"},
            }
        ]
    }
    legacy = await client.post("/graphql", json={"query": VIEWER})
    assert legacy.status_code == 200 and legacy.json()["data"] is None


@pytest.fixture
async def cors_client(db: object) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        FAST_FEEDS.model_copy(update={"allowed_origins": [CONSOLE]}), manage_database=False
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}


async def test_a_listed_origin_passes_the_preflight_and_reads_the_answer(cors_client, admin):
    preflight = await cors_client.options("/graphql", headers={"Origin": CONSOLE, **PREFLIGHT})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == CONSOLE
    assert preflight.headers["access-control-allow-methods"] == "GET, POST"
    allowed = {
        h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")
    }
    assert {"authorization", "content-type"} <= allowed
    assert "access-control-allow-credentials" not in preflight.headers
    answer = await cors_client.post(
        "/graphql",
        json={"query": VIEWER},
        headers={"Origin": CONSOLE, "Authorization": f"Bearer {admin.key}"},
    )
    assert answer.headers["access-control-allow-origin"] == CONSOLE
    assert answer.json() == {"data": {"viewer": {"role": "ADMIN"}}}


async def test_an_unlisted_origin_gets_no_cors_headers(cors_client, admin):
    other = "https://evil.example"
    preflight = await cors_client.options("/graphql", headers={"Origin": other, **PREFLIGHT})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    answer = await cors_client.post(
        "/graphql",
        json={"query": VIEWER},
        headers={"Origin": other, "Authorization": f"Bearer {admin.key}"},
    )
    assert "access-control-allow-origin" not in answer.headers


def test_allowed_origins_must_be_origins():
    from pydantic import ValidationError

    from app.settings import Settings

    for bad in ("*", "https://console.acme.example/", "console.acme.example"):
        with pytest.raises(ValidationError) as exc:
            Settings(allowed_origins=[bad])
        assert f"{bad!r} is not an origin" in str(exc.value)
