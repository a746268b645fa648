"""Limits at the edge over the real app (httpx ASGITransport): body size, strict JSON, the
execution deadline and rate limits. Exact statuses, headers and bodies."""

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from app.edge.rate_limit import RateLimiter, storage_for
from app.graphql.loaders import Loaders
from app.main import create_app
from tests.api import Api, make_case, make_template
from tests.conftest import SETTINGS
from tests.ws import connect, feed_hub, receive, start, subscribe, ws_client

VIEWER = "query { viewer { role } }"
CASE_CREATED = 'subscription { caseEvents(filter: {names: ["case.created"]}) { name } }'


def _app(**overrides: Any) -> object:
    """An app of its own (its own rate limit counters, in memory: the Redis path is tested
    on the limiter below)."""
    settings = SETTINGS.model_copy(update={"broadcast_url": "memory://", **overrides})
    return create_app(settings, manage_database=False)


async def _client(app: object, address: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://test")


def _error(code: str, message: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


# --- request body size -------------------------------------------------------------------


async def test_a_declared_content_length_over_the_limit_is_refused_unread(admin: Api):
    app = _app(max_body_bytes=1000)
    pulled = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        for _ in range(100):
            pulled += 1
            yield b"x" * 1000

    async with await _client(app) as c:
        response = await c.post(
            "/graphql",
            content=body(),
            headers={
                "content-type": "application/json",
                "content-length": "100000",
                "authorization": f"Bearer {admin.key}",
            },
        )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/json"
    assert response.headers["connection"] == "close"
    assert response.json() == _error(
        "PAYLOAD_TOO_LARGE", "request body exceeds the limit of 1000 bytes"
    )
    assert pulled == 0


async def test_a_chunked_body_is_counted_and_reading_stops_at_the_limit(admin: Api):
    app = _app(max_body_bytes=10_000)
    pulled = 0

    async def body() -> AsyncIterator[bytes]:  # no Content-Length: chunked
        nonlocal pulled
        for _ in range(100_000):  # 100 MB if read to the end
            pulled += 1
            yield b" " * 1000

    async with await _client(app) as c:
        response = await c.post(
            "/graphql",
            content=body(),
            headers={"content-type": "application/json", "authorization": f"Bearer {admin.key}"},
        )
    assert response.status_code == 413
    assert response.json() == _error(
        "PAYLOAD_TOO_LARGE", "request body exceeds the limit of 10000 bytes"
    )
    assert pulled == 11  # the chunk that crossed 10,000 bytes is the last one read


async def test_a_body_at_the_limit_is_served(admin: Api):
    query = json.dumps({"query": VIEWER}).encode()
    app = _app(max_body_bytes=len(query))
    async with await _client(app) as c:
        ok = await c.post(
            "/graphql",
            content=query,
            headers={"content-type": "application/json", "authorization": f"Bearer {admin.key}"},
        )
        over = await c.post(
            "/graphql",
            content=query + b" ",
            headers={"content-type": "application/json", "authorization": f"Bearer {admin.key}"},
        )
    assert (ok.status_code, ok.json()) == (200, {"data": {"viewer": {"role": "ADMIN"}}})
    assert over.status_code == 413


# --- strict JSON ---------------------------------------------------------------------------


def _nested(levels: int) -> dict[str, Any]:
    """A request body whose arrays and objects nest ``levels`` deep (body, variables, lists)."""
    value: Any = 1
    for _ in range(levels - 2):
        value = [value]
    return {"query": VIEWER, "variables": {"v": value}}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"query": "{ viewer { role } }", "variables": {"x": NaN}}', "malformed JSON: "),
        (b'{"query": "{ viewer { role } }", "variables": {"x": Infinity}}', "malformed JSON: "),
        (b'{"query": "x", "variables": {"n": 1' + b"0" * 5000 + b"}}", "malformed JSON: "),
        (b"[" * 1000 + b"]" * 1000, "JSON nested too deeply: at most 32 levels are allowed"),
        (b"[" * 5000 + b"]" * 5000, "JSON nested too deeply: at most 32 levels are allowed"),
        (
            b'{"query": "x", "variables": {"n": 18446744073709551615}}',
            "JSON integer out of range: integers must lie within ±9223372036854775807",
        ),
        (b'{"query": "x" "y"}', "malformed JSON: "),
        (b'{"query": "\xff"}', "malformed JSON: "),
        (b"", "malformed JSON: "),
        (b"1", "malformed request: expected a JSON object, got a bare value"),
        (b'"{ viewer { role } }"', "malformed request: expected a JSON object, got a bare value"),
    ],
)
async def test_hostile_json_bodies_get_400_with_a_labelled_error(
    client: httpx.AsyncClient, admin: Api, body: bytes, message: str
):
    response = await client.post(
        "/graphql",
        content=body,
        headers={"content-type": "application/json", "authorization": f"Bearer {admin.key}"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"].startswith(message)
    assert set(response.json()) == {"errors"}


async def test_json_nesting_is_allowed_up_to_max_json_depth(client: httpx.AsyncClient, admin: Api):
    headers = {"authorization": f"Bearer {admin.key}"}
    ok = await client.post("/graphql", json=_nested(32), headers=headers)
    deep = await client.post("/graphql", json=_nested(33), headers=headers)
    assert (ok.status_code, ok.json()) == (200, {"data": {"viewer": {"role": "ADMIN"}}})
    assert (deep.status_code, deep.json()) == (
        400,
        _error("BAD_REQUEST", "JSON nested too deeply: at most 32 levels are allowed"),
    )


async def test_get_variables_go_through_the_same_decoder(client: httpx.AsyncClient, admin: Api):
    headers = {"authorization": f"Bearer {admin.key}"}
    ok = await client.get(
        "/graphql", params={"query": VIEWER, "variables": '{"a": 1}'}, headers=headers
    )
    nan = await client.get(
        "/graphql", params={"query": VIEWER, "variables": '{"a": NaN}'}, headers=headers
    )
    deep = await client.get(
        "/graphql", params={"query": VIEWER, "variables": "[" * 100 + "]" * 100}, headers=headers
    )
    assert (ok.status_code, ok.json()) == (200, {"data": {"viewer": {"role": "ADMIN"}}})
    assert nan.status_code == 400
    assert nan.json() == _error(
        "BAD_REQUEST",
        "malformed JSON: unexpected character, expected a JSON value: line 1 column 7 (char 6)",
    )
    assert (deep.status_code, deep.json()) == (
        400,
        _error("BAD_REQUEST", "JSON nested too deeply: at most 32 levels are allowed"),
    )


# --- execution deadline ----------------------------------------------------------------------


async def test_a_slow_operation_is_cancelled_at_its_deadline(
    admin: Api, monkeypatch: pytest.MonkeyPatch
):
    started = asyncio.Event()
    cancelled = asyncio.Event()
    original = Loaders.row

    async def slow_row(self: Loaders, model: type, ident: int) -> Any:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return await original(self, model, ident)

    monkeypatch.setattr(Loaders, "row", slow_row)
    app = _app(request_timeout_seconds=0.3)
    began = time.monotonic()
    async with await _client(app) as c:
        response = await c.post(
            "/graphql", json={"query": VIEWER}, headers={"authorization": f"Bearer {admin.key}"}
        )
    elapsed = time.monotonic() - began
    assert started.is_set() and cancelled.is_set()
    assert 0.3 <= elapsed < 3
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "the operation exceeded the time limit of 0.3 s and was cancelled",
                "extensions": {"code": "TIMEOUT"},
            }
        ],
    }


async def test_an_operation_within_its_deadline_is_untouched(
    admin: Api, monkeypatch: pytest.MonkeyPatch
):
    original = Loaders.row

    async def a_bit_slow(self: Loaders, model: type, ident: int) -> Any:
        await asyncio.sleep(0.1)
        return await original(self, model, ident)

    monkeypatch.setattr(Loaders, "row", a_bit_slow)
    async with await _client(_app(request_timeout_seconds=2)) as c:
        response = await c.post(
            "/graphql", json={"query": VIEWER}, headers={"authorization": f"Bearer {admin.key}"}
        )
    assert (response.status_code, response.json()) == (200, {"data": {"viewer": {"role": "ADMIN"}}})


async def test_a_slow_operation_over_a_websocket_is_cancelled_at_its_deadline(
    admin: Api, monkeypatch: pytest.MonkeyPatch
):
    cancelled = asyncio.Event()
    original = Loaders.row

    async def slow_row(self: Loaders, model: type, ident: int) -> Any:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return await original(self, model, ident)

    monkeypatch.setattr(Loaders, "row", slow_row)
    app = _app(request_timeout_seconds=0.3)
    template = await make_template(admin)
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        await subscribe(feed_hub(app), ws, "feed", CASE_CREATED)  # not bound by the deadline
        await start(ws, "slow", VIEWER)
        timed_out = await receive(ws)
        assert cancelled.is_set()
        assert timed_out == {
            "id": "slow",
            "type": "error",
            "payload": [
                {
                    "message": "the operation exceeded the time limit of 0.3 s and was cancelled",
                    "extensions": {"code": "TIMEOUT"},
                }
            ],
        }
        await asyncio.sleep(0.4)  # past the deadline, the subscription still delivers
        await make_case(admin, template)
        event = await receive(ws)
    assert (event["id"], event["type"]) == ("feed", "next")
    assert event["payload"]["data"]["caseEvents"]["name"] == "case.created"


# --- rate limits ----------------------------------------------------------------------------


async def _post(c: httpx.AsyncClient, key: str | None = None) -> httpx.Response:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    return await c.post("/graphql", json={"query": VIEWER}, headers=headers)


def _limited(response: httpx.Response, message: str, retry_after: int = 60) -> None:
    assert response.status_code == 429
    assert response.headers["retry-after"] == str(retry_after)
    assert response.headers["content-type"] == "application/json"
    assert response.json() == _error("RATE_LIMITED", message)


async def test_each_api_key_has_its_own_budget(admin: Api, other_admin: Api):
    app = _app(rate_limit_per_minute=3, anonymous_rate_limit_per_minute=100)
    async with await _client(app) as c:
        first = [await _post(c, admin.key) for _ in range(3)]
        fourth = await _post(c, admin.key)
        other = [await _post(c, other_admin.key) for _ in range(3)]
        anonymous = await _post(c)
    assert [r.status_code for r in first] == [200, 200, 200]
    _limited(fourth, "rate limit of 3 requests per minute exceeded for this API key")
    # another tenant's key (same address) is not affected, nor are keyless requests
    assert [r.json() for r in other] == [{"data": {"viewer": {"role": "ADMIN"}}}] * 3
    assert anonymous.status_code == 200
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_requests_without_a_key_are_limited_per_client_address():
    app = _app(rate_limit_per_minute=100, anonymous_rate_limit_per_minute=2)
    async with await _client(app, "10.0.0.1") as a, await _client(app, "10.0.0.2") as b:
        from_a = [await _post(a) for _ in range(3)]
        from_b = await _post(b)
        health = await a.get("/healthz")
    assert [r.status_code for r in from_a] == [200, 200, 429]
    _limited(from_a[2], "rate limit of 2 requests per minute exceeded from this address")
    assert from_b.status_code == 200
    assert health.status_code == 200  # health checks are never limited


async def test_retry_after_counts_down_to_the_end_of_the_window(
    admin: Api, monkeypatch: pytest.MonkeyPatch
):
    app = _app(rate_limit_per_minute=1, anonymous_rate_limit_per_minute=100)
    now = time.time()
    async with await _client(app) as c:
        assert (await _post(c, admin.key)).status_code == 200
        monkeypatch.setattr(time, "time", lambda: now + 45.2)
        later = await _post(c, admin.key)
    assert later.status_code == 429
    assert 14 <= int(later.headers["retry-after"]) <= 15


async def test_random_invalid_keys_do_not_escape_the_address_limit(admin: Api):
    app = _app(rate_limit_per_minute=100, anonymous_rate_limit_per_minute=2)
    async with await _client(app, "10.0.0.9") as c, await _client(app, "10.0.0.10") as d:
        bad = [await _post(c, f"cg_{uuid.uuid4().hex}") for _ in range(4)]
        good_same_address = await _post(c, admin.key)
        good_elsewhere = await _post(d, admin.key)
    assert [r.status_code for r in bad] == [200, 200, 200, 429]
    assert bad[0].json()["errors"][0]["message"] == "invalid or revoked API key"
    _limited(bad[3], "too many requests with invalid API keys from this address")
    assert good_same_address.status_code == 429
    assert good_elsewhere.json() == {"data": {"viewer": {"role": "ADMIN"}}}


async def test_zero_turns_the_limits_off(admin: Api):
    app = _app(rate_limit_per_minute=0, anonymous_rate_limit_per_minute=0)
    async with await _client(app) as c:
        statuses = {(await _post(c, k)).status_code for k in [admin.key, None] * 30}
    assert statuses == {200}


@pytest.mark.skipif(
    not SETTINGS.broadcast_url.startswith("redis://"),
    reason="the Redis storage path needs BROADCAST_URL=redis://",
)
async def test_replicas_share_counters_through_redis(admin: Api):
    prefix = f"casegraph-rl-test-{uuid.uuid4().hex}"
    replicas = [
        RateLimiter(storage_for(SETTINGS.broadcast_url, key_prefix=prefix), per_key=3, anonymous=5)
        for _ in range(2)
    ]
    assert type(replicas[0].storage).__name__ == "RedisStorage"
    try:
        verdicts = [
            await replicas[i % 2].check(token=admin.key, address="10.1.1.1") for i in range(4)
        ]
        other = await replicas[1].check(token="cg_another", address="10.1.1.1")
    finally:
        for replica in replicas:
            await replica.close()
    assert verdicts[:3] == [None, None, None]
    assert verdicts[3] is not None
    assert verdicts[3].message == "rate limit of 3 requests per minute exceeded for this API key"
    assert 59 <= verdicts[3].retry_after <= 60
    assert other is None


async def test_the_limiter_costs_well_under_a_millisecond_per_request():
    limiter = RateLimiter(storage_for("memory://"), per_key=10**9, anonymous=10**9)
    keys = [f"cg_{uuid.uuid4().hex}" for _ in range(1000)]
    began = time.perf_counter()
    for i in range(5000):
        assert await limiter.check(token=keys[i % 1000], address="10.0.0.1") is None
    per_request = (time.perf_counter() - began) / 5000
    assert per_request < 0.0005, f"{per_request * 1e6:.0f} µs per request"
