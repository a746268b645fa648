"""Idempotency-Key on POST /graphql mutations: stored, replayed, refused on reuse, and one
execution for concurrent duplicates."""

import asyncio
import datetime as dt
import json

import httpx

from app.db.models import Case, IdempotencyKey
from app.domain.idempotency import fingerprint
from app.main import create_app
from app.services import idempotency
from app.services.auth import authenticate
from app.workers.runner import Workers
from tests.api import CASE_CREATE, make_template
from tests.conftest import SETTINGS

QUERY = "{ viewer { email } }"


async def post(client, key, body, idem=None):
    headers = {"Authorization": f"Bearer {key}"}
    if idem is not None:
        headers["Idempotency-Key"] = idem
    return await client.post("/graphql", json=body, headers=headers)


def create_body(template, tags):
    return {"query": CASE_CREATE, "variables": {"input": {"templateId": template, "tags": tags}}}


async def test_fifty_concurrent_identical_creates_make_exactly_one_case(client, admin):
    template = await make_template(admin)
    body = create_body(template, ["a"])
    responses = await asyncio.gather(
        *(post(client, admin.key, body, "create-once") for _ in range(50))
    )
    assert [r.status_code for r in responses] == [200] * 50
    assert await Case.all().count() == 1
    payloads = {r.content for r in responses}
    assert len(payloads) == 1
    [case] = await Case.all()
    only = json.loads(payloads.pop())
    assert only["data"]["caseCreate"]["case"]["name"] == case.name
    replayed = [r.headers.get("idempotent-replayed") for r in responses]
    assert replayed.count("true") == 49
    assert replayed.count(None) == 1


async def test_a_repeat_replays_status_and_body_and_a_new_key_executes_again(client, admin):
    template = await make_template(admin)
    first = await post(client, admin.key, create_body(template, ["a"]), "k-1")
    again = await post(client, admin.key, create_body(template, ["a"]), "k-1")
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    assert await Case.all().count() == 1
    other = await post(client, admin.key, create_body(template, ["a"]), "k-2")
    assert other.json()["data"]["caseCreate"]["case"]["name"] == "KYC-2"
    assert await Case.all().count() == 2


async def test_the_same_key_with_another_request_is_refused_with_422(client, admin):
    template = await make_template(admin)
    await post(client, admin.key, create_body(template, ["a"]), "k-1")
    changed = await post(client, admin.key, create_body(template, ["b"]), "k-1")
    assert changed.status_code == 422
    [error] = changed.json()["errors"]
    assert error["extensions"] == {"code": "IDEMPOTENCY_KEY_REUSED"}
    assert await Case.all().count() == 1


async def test_keys_are_scoped_to_the_api_key(client, admin, other_admin):
    template = await make_template(admin)
    other_template = await make_template(other_admin)
    a = await post(client, admin.key, create_body(template, []), "shared")
    b = await post(client, other_admin.key, create_body(other_template, []), "shared")
    assert "idempotent-replayed" not in b.headers
    assert a.json()["data"]["caseCreate"]["case"]["name"] == "KYC-1"
    assert b.json()["data"]["caseCreate"]["case"]["name"] == "KYC-1"
    assert await Case.all().count() == 2


async def test_queries_and_requests_without_the_header_are_untouched(client, admin):
    template = await make_template(admin)
    await post(client, admin.key, {"query": QUERY}, "q-1")
    assert await IdempotencyKey.all().count() == 0
    await post(client, admin.key, create_body(template, []))
    await post(client, admin.key, create_body(template, []))
    assert await Case.all().count() == 2


async def test_a_key_over_255_characters_is_refused(client, admin):
    template = await make_template(admin)
    response = await post(client, admin.key, create_body(template, []), "k" * 256)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_KEY_INVALID"}
    ok = await post(client, admin.key, create_body(template, []), "k" * 255)
    assert ok.status_code == 200
    assert await Case.all().count() == 1


async def test_a_duplicate_waits_then_gets_409_while_the_first_still_runs(admin):
    template = await make_template(admin)
    body = create_body(template, [])
    principal = await authenticate(admin.key)
    assert principal is not None and principal.api_key_id is not None
    now = dt.datetime.now(dt.UTC)
    # a first request holding the key that has not answered yet (another replica runs it)
    await IdempotencyKey.create(
        api_key_id=principal.api_key_id,
        key="busy",
        fingerprint=fingerprint(body),
        locked_until=now + dt.timedelta(minutes=5),
        expires_at=now + dt.timedelta(hours=24),
    )
    impatient = create_app(
        SETTINGS.model_copy(update={"idempotency_wait_seconds": 0.2, "rate_limit_per_minute": 0}),
        manage_database=False,
    )
    transport = httpx.ASGITransport(app=impatient)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await post(client, admin.key, body, "busy")
    assert response.status_code == 409
    assert response.headers["retry-after"] == "1"
    assert response.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_KEY_IN_PROGRESS"}
    assert await Case.all().count() == 0


async def test_a_key_whose_request_died_is_taken_over_after_its_lock(client, admin):
    template = await make_template(admin)
    body = create_body(template, [])
    principal = await authenticate(admin.key)
    assert principal is not None and principal.api_key_id is not None
    now = dt.datetime.now(dt.UTC)
    await IdempotencyKey.create(
        api_key_id=principal.api_key_id,
        key="crashed",
        fingerprint=fingerprint(body),
        locked_until=now - dt.timedelta(seconds=1),
        expires_at=now + dt.timedelta(hours=24),
    )
    response = await post(client, admin.key, body, "crashed")
    assert response.json()["data"]["caseCreate"]["case"]["name"] == "KYC-1"
    [row] = await IdempotencyKey.all()
    assert row.response_status == 200


async def test_expired_keys_are_pruned_and_an_expired_key_executes_anew(client, admin):
    template = await make_template(admin)
    await post(client, admin.key, create_body(template, []), "old")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=24, seconds=1)
    await IdempotencyKey.all().update(expires_at=dt.datetime.now(dt.UTC))
    again = await post(client, admin.key, create_body(template, []), "old")
    assert "idempotent-replayed" not in again.headers
    assert await Case.all().count() == 2
    assert await idempotency.prune(now=later) == 1
    assert await IdempotencyKey.all().count() == 0


async def test_the_workers_prune_expired_keys(client, admin):
    template = await make_template(admin)
    await post(client, admin.key, create_body(template, []), "stale")
    await post(client, admin.key, create_body(template, []), "fresh")
    await IdempotencyKey.filter(key="stale").update(expires_at=dt.datetime.now(dt.UTC))
    workers = Workers(SETTINGS)
    assert await workers.prune() == 1
    assert [k.key for k in await IdempotencyKey.all()] == ["fresh"]
