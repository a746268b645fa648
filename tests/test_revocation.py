"""Revoking a key takes effect on open WebSockets: the socket closes with 4403 as soon as
the process sees the revocation in the log (every replica polls it), and an operation sent
over a socket of a revoked key is refused — mutations included."""

import pytest
from httpx_ws import WebSocketDisconnect

from app.domain.principal import Role
from app.services import auth
from app.services.revocations import revocations
from tests.ws import connect, receive, subscribe, ws_client

REVOKED = "the API key was revoked or its user's role changed: reconnect"
REVOKE = "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { __typename } }"
MY_KEY = "{ viewer { apiKey { id } } }"
INQUIRY_EVENTS = "subscription { inquiryEvents { name } }"
TEMPLATE_CREATE = """
mutation { caseTemplateCreate(input: {name: "AML review", key: "AML"}) { __typename } }
"""


@pytest.fixture
async def watched():
    """The process's revocation view, starting from the current end of the log."""
    revocations.last_id = None
    revocations.revoked.clear()
    await revocations.poll()
    yield revocations
    revocations.revoked.clear()


async def _reviewer_key(admin):
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    key_id = (await reviewer(MY_KEY))["viewer"]["apiKey"]["id"]
    return reviewer, key_id


async def test_an_open_socket_of_a_revoked_key_closes_with_4403(app, hub, admin, watched):
    reviewer, key_id = await _reviewer_key(admin)
    async with ws_client(app) as client, connect(client, reviewer.key) as ws:
        await subscribe(hub, ws, "1", INQUIRY_EVENTS)
        await admin(REVOKE, id=key_id)
        assert await watched.poll() == 1
        seen = []
        with pytest.raises(WebSocketDisconnect) as closed:
            for _ in range(3):  # the subscription may first end with its own error
                seen.append(await receive(ws, wait=2))
    assert (closed.value.code, closed.value.reason) == (
        4403,
        "the API key was revoked or its user's role changed",
    )
    assert [m["type"] for m in seen] in ([], ["next"], ["next", "complete"])


async def test_an_operation_over_the_socket_of_a_revoked_key_is_refused(
    app, admin, watched, monkeypatch
):
    reviewer, key_id = await _reviewer_key(admin)
    async with ws_client(app) as client, connect(client, admin.key) as admin_ws:
        del admin_ws  # an admin socket stays open: only the revoked key's sockets are touched
    admin_key_id = (await admin(MY_KEY))["viewer"]["apiKey"]["id"]
    assert admin_key_id != key_id
    # keep the socket open past the revocation (as if the close were still on its way)
    monkeypatch.setattr(revocations, "listeners", [])
    async with ws_client(app) as client, connect(client, reviewer.key) as ws:
        await admin(REVOKE, id=key_id)
        assert await watched.poll() == 1
        await ws.send_json({"id": "m", "type": "subscribe", "payload": {"query": TEMPLATE_CREATE}})
        refused = await receive(ws)
    assert refused == {  # graphql-transport-ws: errors before execution are an `error` message
        "id": "m",
        "type": "error",
        "payload": [{"message": REVOKED, "extensions": {"code": "UNAUTHENTICATED"}}],
    }


async def test_a_revoked_key_leaves_the_authentication_cache_at_once(admin):
    reviewer, key_id = await _reviewer_key(admin)
    assert (await reviewer(MY_KEY))["viewer"]["apiKey"]["id"] == key_id  # now cached
    assert await auth.authenticate(reviewer.key) is not None
    await admin(REVOKE, id=key_id)
    assert await auth.authenticate(reviewer.key) is None
    refused = await reviewer.raw(MY_KEY)
    assert refused == {
        "data": None,
        "errors": [
            {"message": "invalid or revoked API key", "extensions": {"code": "UNAUTHENTICATED"}}
        ],
    }
