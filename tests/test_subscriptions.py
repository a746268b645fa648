"""Live feeds over the real WebSocket protocols (in-process ASGI)."""

import asyncio
import base64
import contextlib
import datetime as dt

import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws

from app.db.models import Event
from app.domain.principal import Role
from app.events.publisher import publisher
from app.main import create_app
from app.workers.notifications import NotificationFanout
from tests.api import Api, database_id, make_case, make_inquiry, make_template, new_org
from tests.conftest import FAST_FEEDS
from tests.sql import count_statements
from tests.ws import (
    LEGACY_WS,
    QUIET_SECONDS,
    TRANSPORT_WS,
    connect,
    nothing_within,
    receive,
    registers_a_subscriber,
    start,
    subscribe,
    ws_client,
)

CASE_EVENTS = """
subscription($filter: CaseEventFilter, $after: String) {
  caseEvents(filter: $filter, after: $after) {
    cursor name actor { type } details case { name status assignee { email } template { key } }
  }
}
"""
INQUIRY_EVENTS = """
subscription($ref: String) {
  inquiryEvents(filter: {referenceId: $ref, names: ["inquiry.approved"]}) {
    name inquiry { referenceId status }
  }
}
"""
MY_NOTIFICATIONS = "subscription { myNotifications { name message case { name } } }"
SET_STATUS = """
mutation($id: ID!, $status: String!) {
  caseSetStatus(input: {id: $id, status: $status}) { __typename }
}
"""
INQUIRY_STATUS = """
mutation($id: ID!, $status: InquiryStatus!) {
  inquirySetStatus(input: {id: $id, status: $status}) { __typename }
}
"""
USERS = "{ users { nodes { id email } } }"
REVOKE = "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { __typename } }"
MY_KEY = "{ viewer { apiKey { id } } }"


def _names(messages):
    return [
        (
            m["payload"]["data"]["caseEvents"]["name"],
            m["payload"]["data"]["caseEvents"]["case"]["name"],
        )
        for m in messages
    ]


async def test_case_events_arrive_with_the_fresh_case(app, hub, admin):
    template = await make_template(admin)
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        await subscribe(hub, ws, "1", CASE_EVENTS)
        case = await make_case(admin, template)
        got = [await receive(ws)]  # delivered before the status changes
        await admin(SET_STATUS, id=case["id"], status="Approved")
        got += [await receive(ws) for _ in range(2)]
    assert [m["type"] for m in got] == ["next"] * 3
    events = [m["payload"]["data"]["caseEvents"] for m in got]
    assert [e["name"] for e in events] == ["case.created", "case.status-updated", "case.resolved"]
    # the case is loaded when its event is delivered: Open for the first, Approved after
    assert [e["case"] for e in events] == [
        {"name": "KYC-1", "status": status, "assignee": None, "template": {"key": "KYC"}}
        for status in ("Open", "Approved", "Approved")
    ]
    assert events[1]["details"] == {
        "status": "Approved",
        "previous_status": "Open",
        "comment": None,
        "resolution": "Approved",
    }
    assert events[1]["actor"] == {"type": "API_KEY"}


async def test_the_legacy_graphql_ws_protocol(app, hub, admin):
    template = await make_template(admin)
    async with ws_client(app) as client, connect(client, admin.key, LEGACY_WS) as ws:
        async with registers_a_subscriber(hub):
            await ws.send_json({"id": "1", "type": "start", "payload": {"query": CASE_EVENTS}})
        await make_case(admin, template)
        message = await receive(ws)
    assert message["type"] == "data"
    assert message["payload"]["data"]["caseEvents"]["name"] == "case.created"


@pytest.mark.parametrize("payload", [{}, {"authorization": "Bearer cg_wrong"}])
async def test_connections_without_a_valid_key_are_refused(app, payload):
    async with (
        ws_client(app) as client,
        aconnect_ws("http://test/graphql", client, subprotocols=[TRANSPORT_WS]) as ws,
    ):
        await ws.send_json({"type": "connection_init", "payload": payload})
        with pytest.raises(WebSocketDisconnect) as closed:
            await receive(ws)
    assert closed.value.code == 4403


async def test_subscribing_before_init_is_unauthorized(app):
    async with (
        ws_client(app) as client,
        aconnect_ws("http://test/graphql", client, subprotocols=[TRANSPORT_WS]) as ws,
    ):
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": CASE_EVENTS}})
        with pytest.raises(WebSocketDisconnect) as closed:
            await receive(ws)
    assert closed.value.code == 4401


async def test_filters(app, hub, admin):
    kyc = await make_template(admin, "KYC")
    aml = await make_template(admin, "AML")
    me = next(u["id"] for u in (await admin(USERS))["users"]["nodes"])
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        await subscribe(hub, ws, "aml", CASE_EVENTS, filter={"templateIds": [aml]})
        await subscribe(
            hub, ws, "mine", CASE_EVENTS, filter={"assignedToMe": True, "names": ["case.created"]}
        )
        await subscribe(
            hub, ws, "waiting", CASE_EVENTS, filter={"unassigned": True, "names": ["case.created"]}
        )
        await make_case(admin, kyc, assigneeId=me)
        await make_case(admin, aml)
        got = {}
        for _ in range(3):
            m = await receive(ws)
            got.setdefault(m["id"], []).append(m["payload"]["data"]["caseEvents"]["case"]["name"])
        assert await nothing_within(ws, QUIET_SECONDS)
    assert got == {"aml": ["AML-1"], "mine": ["KYC-1"], "waiting": ["AML-1"]}


async def test_another_organization_never_receives_our_events(app, hub, admin, client):
    other = await new_org(client, "Globex")
    template = await make_template(admin)
    async with (
        ws_client(app) as wsc,
        connect(wsc, other.key) as theirs,
        connect(wsc, admin.key) as ours,
    ):
        await subscribe(hub, theirs, "1", CASE_EVENTS)
        await subscribe(hub, ours, "1", CASE_EVENTS)
        await make_case(admin, template)
        assert (await receive(ours))["payload"]["data"]["caseEvents"]["name"] == "case.created"
        assert await nothing_within(theirs, QUIET_SECONDS)


async def test_resume_after_a_cursor_without_gap_or_duplicate(app, hub, admin):
    template = await make_template(admin)
    async with ws_client(app) as client:
        async with connect(client, admin.key) as ws:
            await subscribe(hub, ws, "1", CASE_EVENTS, filter={"names": ["case.created"]})
            for _ in range(3):
                await make_case(admin, template)
            first = [await receive(ws) for _ in range(3)]
        resume_at = first[1]["payload"]["data"]["caseEvents"]["cursor"]
        for _ in range(3):  # while nobody listens
            await make_case(admin, template)
        async with connect(client, admin.key) as ws:
            async with registers_a_subscriber(hub):
                # cases committed while the subscription replays and joins the live feed
                writer = asyncio.create_task(_create_cases(admin, template, 4))
                await start(
                    ws, "2", CASE_EVENTS, after=resume_at, filter={"names": ["case.created"]}
                )
            await writer
            await make_case(admin, template)  # after it joined: live
            resumed = [await receive(ws) for _ in range(1 + 3 + 4 + 1)]
            assert await nothing_within(ws, QUIET_SECONDS)
    names = [m["payload"]["data"]["caseEvents"]["case"]["name"] for m in resumed]
    assert names == [f"KYC-{i}" for i in range(3, 12)]


async def _create_cases(api: Api, template: str, n: int) -> None:
    for _ in range(n):
        await make_case(api, template)


def _cursor(event_id: int, claimed_seconds: int) -> str:
    raw = f"feed:{event_id}:{claimed_seconds}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


async def test_an_expired_or_foreign_cursor_is_a_typed_error(app, admin, other_admin):
    await make_case(admin, await make_template(admin))
    await make_case(other_admin, await make_template(other_admin))
    mine = await Event.filter(name="case.created").order_by("id").first()
    theirs = await Event.filter(name="case.created").order_by("-id").first()
    assert mine is not None and theirs is not None and mine.id != theirs.id
    # the event is 8 days old in the log; a forged cursor claiming it is fresh is not believed
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=8)
    await Event.filter(id=mine.id).update(created_at=old)
    claims_fresh = _cursor(mine.id, int(dt.datetime.now(dt.UTC).timestamp()))
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        await start(ws, "1", CASE_EVENTS, after=claims_fresh)
        expired = await receive(ws)
        assert await receive(ws) == {"id": "1", "type": "complete"}
        await start(ws, "2", CASE_EVENTS, after="nonsense")
        malformed = await receive(ws)
        assert await receive(ws) == {"id": "2", "type": "complete"}
        await start(ws, "3", CASE_EVENTS, after=_cursor(theirs.id, 1))
        foreign = await receive(ws)
        assert await receive(ws) == {"id": "3", "type": "complete"}
        await start(ws, "4", CASE_EVENTS, after=_cursor(2**70, 1))
        huge = await receive(ws)
    assert (expired["type"], expired["payload"]["data"]) == ("next", None)
    assert expired["payload"]["errors"][0]["extensions"] == {"code": "CURSOR_EXPIRED"}
    assert expired["payload"]["errors"][0]["message"] == (
        "after: the cursor is older than the 168-hour replay window; "
        "refetch with a query, then subscribe without `after`"
    )
    assert [m["payload"]["errors"][0] for m in (malformed, huge)] == [
        {"message": "after: not a feed cursor", "extensions": {"code": "BAD_USER_INPUT"}}
    ] * 2
    assert foreign["payload"]["errors"][0] == {
        "message": "after: no such event in this organization's feed",
        "extensions": {"code": "BAD_USER_INPUT"},
    }


async def test_a_revoked_key_stops_its_subscription(app, hub, admin):
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    key_id = (await reviewer(MY_KEY))["viewer"]["apiKey"]["id"]
    async with ws_client(app) as client, connect(client, reviewer.key) as ws:
        await subscribe(hub, ws, "1", CASE_EVENTS)
        await admin(REVOKE, id=key_id)
        message = await receive(ws)
    assert message["type"] == "next"
    assert message["payload"]["errors"][0]["message"] == (
        "the API key of this subscription was revoked"
    )


async def test_inquiry_events_and_my_notifications(app, hub, admin):
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    users = {u["email"]: u["id"] for u in (await admin(USERS))["users"]["nodes"]}
    template = await make_template(admin)
    inquiry = await make_inquiry(admin, referenceId="u-1")
    async with ws_client(app) as client, connect(client, reviewer.key) as ws:
        await subscribe(hub, ws, "inq", INQUIRY_EVENTS, ref="u-1")
        await subscribe(hub, ws, "inbox", MY_NOTIFICATIONS)
        for status in ("COMPLETED", "APPROVED"):
            await admin(INQUIRY_STATUS, id=inquiry, status=status)
        await make_case(admin, template, assigneeId=users["rev@acme.example"])
        await NotificationFanout("https://x").drain()
        got = {}
        for _ in range(2):
            m = await receive(ws)
            got[m["id"]] = m["payload"]["data"]
    assert got["inq"] == {
        "inquiryEvents": {
            "name": "inquiry.approved",
            "inquiry": {"referenceId": "u-1", "status": "APPROVED"},
        }
    }
    assert got["inbox"] == {
        "myNotifications": {
            "name": "case.assigned",
            "message": "Case KYC-1 (KYC review) is assigned to you",
            "case": {"name": "KYC-1"},
        }
    }


async def test_a_lost_publish_is_caught_up_from_the_log(app, hub, admin, monkeypatch):
    template = await make_template(admin)
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        await subscribe(hub, ws, "1", CASE_EVENTS)

        async def lost(events):
            return None

        monkeypatch.setattr(publisher, "publish", lost)
        await make_case(admin, template)
        message = await receive(ws, wait=3)
    assert message["payload"]["data"]["caseEvents"]["name"] == "case.created"


FAN_OUT = """
subscription {
  caseEvents(filter: {names: ["case.created"]}) {
    name case { name template { key } assignee { email } creator { user { email } } }
  }
}
"""


async def _statements_for_one_event(app, hub, admin, template, subscribers, monkeypatch):
    async with ws_client(app) as client, contextlib.AsyncExitStack() as stack:
        sockets = [
            await stack.enter_async_context(connect(client, admin.key)) for _ in range(subscribers)
        ]
        for ws in sockets:
            await subscribe(hub, ws, "1", FAN_OUT)
        with count_statements(monkeypatch) as seen:
            await make_case(admin, template)
            for ws in sockets:
                message = await receive(ws)
                assert message["payload"]["data"]["caseEvents"]["case"]["template"] == {
                    "key": "KYC"
                }
            # the feed's own catch-up polls of the log run on a timer; count the rest
            count = len([q for q in seen if 'FROM "event"' not in q])
    return count


async def test_reads_per_event_do_not_grow_with_subscribers(app, hub, admin, monkeypatch):
    template = await make_template(admin)
    one = await _statements_for_one_event(app, hub, admin, template, 1, monkeypatch)
    ten = await _statements_for_one_event(app, hub, admin, template, 10, monkeypatch)
    assert one == ten
    assert one > 0


async def test_a_connection_that_never_initialises_is_closed_4408():
    impatient = create_app(
        FAST_FEEDS.model_copy(update={"ws_init_timeout_seconds": 0.3}), manage_database=False
    )
    async with (
        ws_client(impatient) as client,
        aconnect_ws("http://test/graphql", client, subprotocols=[TRANSPORT_WS]) as ws,
    ):
        with pytest.raises(WebSocketDisconnect) as closed:
            await receive(ws, wait=3)
    assert closed.value.code == 4408


async def test_subscribers_asking_the_same_thing_share_one_execution(app, hub, admin, monkeypatch):
    from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

    executions = []
    original = StrawberryGraphQLCoreExecutionContext.execute_operation

    def counted(self, serially=None):
        if getattr(self.root_value, "feed_shared", None) is not None:  # feed events only
            executions.append(self.variable_values)
        return original(self, serially)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_operation", counted)
    template = await make_template(admin)
    async with ws_client(app) as client, contextlib.AsyncExitStack() as stack:
        same = [await stack.enter_async_context(connect(client, admin.key)) for _ in range(4)]
        other = await stack.enter_async_context(connect(client, admin.key))
        for ws in same:
            await subscribe(hub, ws, "1", CASE_EVENTS, filter={"names": ["case.created"]})
        await subscribe(hub, other, "1", CASE_EVENTS, filter={"templateIds": [template]})
        executions.clear()
        await make_case(admin, template)
        results = [await receive(ws) for ws in [*same, other]]
    payloads = [r["payload"]["data"]["caseEvents"] for r in results]
    assert payloads == [payloads[0]] * 5  # every subscriber got the same event
    assert {k: v for k, v in payloads[0].items() if k != "cursor"} == {
        "name": "case.created",
        "actor": {"type": "API_KEY"},
        "details": {
            "name": "KYC-1",
            "template_id": database_id(template),
            "template_key": "KYC",
            "status": "Open",
            "tags": [],
            "objects": [],
        },
        "case": {"name": "KYC-1", "status": "Open", "assignee": None, "template": {"key": "KYC"}},
    }
    # one execution for the four identical subscriptions, one for the different one
    assert len(executions) == 2


async def test_browser_origins_must_be_allowed(admin):
    strict = create_app(
        FAST_FEEDS.model_copy(update={"allowed_origins": ["http://console.acme.example"]}),
        manage_database=False,
    )
    async with ws_client(strict) as client:
        async with aconnect_ws(
            "http://test/graphql",
            client,
            subprotocols=[TRANSPORT_WS],
            headers={"Origin": "http://console.acme.example"},
        ) as ws:
            await ws.send_json(
                {"type": "connection_init", "payload": {"authorization": f"Bearer {admin.key}"}}
            )
            assert (await receive(ws))["type"] == "connection_ack"
        with pytest.raises(WebSocketDisconnect) as refused:
            async with aconnect_ws(
                "http://test/graphql",
                client,
                subprotocols=[TRANSPORT_WS],
                headers={"Origin": "http://evil.example"},
            ) as ws:
                await receive(ws)
    assert refused.value.code == 1008  # policy violation: a cross-origin page not allowed
