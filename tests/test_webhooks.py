"""Webhook deliveries to a real receiver on loopback: Persona's body, signature and headers,
retries with n**6 backoff, timeouts, secret rotation, disabling, crashes, the SSRF guard and
auto-disable with admins notified."""

import datetime as dt
from typing import Any

import pytest

from app.db.models import NotificationDelivery, WebhookDelivery
from app.domain.ids import global_id
from app.main import create_app
from app.workers.webhooks import SenderConfig, WebhookFanout, WebhookSender
from tests.api import Api, make_case, make_template
from tests.conftest import SETTINGS
from tests.webhook_receiver import receiver, verify_persona_signature

SCALE = 0.0001


@pytest.fixture(scope="module")
def app(db: object) -> object:
    """The API with private networks allowed: receivers here listen on loopback."""
    settings = SETTINGS.model_copy(update={"webhook_allow_private_networks": True})
    return create_app(settings, manage_database=False)


CREATE = """
mutation($input: WebhookCreateInput!) {
  webhookCreate(input: $input) {
    __typename
    ... on WebhookCreatePayload { webhook { id url enabledEvents status } secret }
    ... on ValidationError { message field }
    ... on Error { message code }
  }
}
"""
DISABLE = """
mutation($id: ID!) {
  webhookDisable(input: {id: $id}) {
    __typename
    ... on WebhookPayload { webhook { status disabledReason } }
  }
}
"""
ENABLE = """
mutation($id: ID!) {
  webhookEnable(input: {id: $id}) { __typename ... on WebhookPayload { webhook { status } } }
}
"""
ROTATE = """
mutation($id: ID!, $seconds: Int!) {
  webhookRotateSecret(input: {id: $id, previousSecretExpiresInSeconds: $seconds}) {
    __typename
    ... on WebhookRotateSecretPayload { secret webhook { previousSecretExpiresAt } }
  }
}
"""
RETRY = """
mutation($id: ID!) {
  webhookDeliveryRetry(input: {id: $id}) {
    __typename
    ... on WebhookDeliveryPayload { delivery { status attemptsMade } }
    ... on Error { message code }
  }
}
"""
DELIVERIES = """
query($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter) {
    nodes {
      id eventName status attemptsMade lastError deliveredAt
      attempts { number durationMs responseStatus responseBody error }
    }
  }
}
"""
WEBHOOK = """
query($id: ID!) { webhook(id: $id) { status disabledReason failingSince } }
"""
INBOX = "{ viewer { notifications { nodes { name message case { id } } } } }"


def sender(**overrides: Any) -> WebhookSender:
    config = {
        "retry_scale": SCALE,
        "allow_private_networks": True,
        "timeout_seconds": 0.5,
        **overrides,
    }
    return WebhookSender(SenderConfig(**config))


async def create(admin: Api, url: str, events: list[str] | None = None) -> dict[str, Any]:
    data = await admin(CREATE, input={"url": url, "enabledEvents": events or ["case.created"]})
    result: dict[str, Any] = data["webhookCreate"]
    assert result["__typename"] == "WebhookCreatePayload", result
    return result


async def deliveries(admin: Api) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = (await admin(DELIVERIES))["webhookDeliveries"]["nodes"]
    return nodes


async def test_a_delivery_is_signed_and_shaped_like_personas(admin):
    async with receiver() as r:
        hook = await create(admin, r.url)
        template = await make_template(admin)
        case = await make_case(admin, template)
        await WebhookFanout().drain()
        s = sender()
        assert await s.run_once() == 1
        await s.aclose()
    [got] = r.received
    assert verify_persona_signature(got.headers["persona-signature"], got.body, hook["secret"])
    assert not verify_persona_signature(got.headers["persona-signature"], got.body, "wbhsec_x")
    assert got.headers["persona-signature"].count("v1=") == 1
    assert got.headers["persona-webhook-attempts-made"] == "1"
    assert got.headers["persona-webhook-attempts-left"] == "7"
    assert got.headers["user-agent"] == "casegraph/0.1.0"
    assert got.headers["content-type"] == "application/json"
    row = await WebhookDelivery.get()
    assert row.first_attempted_at is not None
    assert got.headers["persona-webhook-first-attempted-at"] == str(
        int(row.first_attempted_at.timestamp())
    )
    event = got.json["data"]
    assert (event["type"], event["id"]) == ("event", global_id("Event", row.event_id))
    assert event["attributes"]["name"] == "case.created"
    assert event["attributes"]["created-at"].endswith("Z")
    subject = event["attributes"]["payload"]["data"]
    assert (subject["type"], subject["id"]) == ("case", case["id"])
    attributes = subject["attributes"]
    assert (attributes["name"], attributes["status"], attributes["state"]) == (
        "KYC-1",
        "Open",
        "open",
    )
    assert attributes["tags"] == []
    assert attributes["fields"] == {}
    assert attributes["assigned-at"] is None
    assert subject["relationships"] == {
        "template": {"data": {"type": "case-template", "id": template}},
        "assignee": {"data": None},
    }
    [included] = event["attributes"]["payload"]["included"]
    assert (included["type"], included["id"]) == ("case-template", template)
    assert (included["attributes"]["key"], included["attributes"]["name"]) == ("KYC", "KYC review")
    [delivery] = await deliveries(admin)
    assert delivery["status"] == "SUCCEEDED"
    assert delivery["attemptsMade"] == 1
    assert delivery["lastError"] is None
    assert [
        (a["number"], a["responseStatus"], a["responseBody"], a["error"])
        for a in delivery["attempts"]
    ] == [(1, 200, "ok", None)]


async def test_a_receiver_failing_twice_gets_personas_backoff_then_succeeds(admin):
    async with receiver(plan=["fail", "fail"]) as r:
        await create(admin, r.url)
        await make_case(admin, await make_template(admin))
        await WebhookFanout().drain()
        s = sender()
        start = dt.datetime.now(dt.UTC)
        assert await s.run_once(now=start) == 1
        row = await WebhookDelivery.get()
        assert (row.status, row.attempts, row.last_error) == ("pending", 1, "HTTP 500")
        assert row.next_attempt_at == start + dt.timedelta(seconds=1 * SCALE)
        second = start + dt.timedelta(seconds=1)
        assert await s.run_once(now=second) == 1
        row = await WebhookDelivery.get()
        assert row.next_attempt_at == second + dt.timedelta(seconds=64 * SCALE)
        assert await s.run_once(now=second) == 0  # not due yet
        assert await s.run_once(now=second + dt.timedelta(seconds=1)) == 1
        await s.aclose()
    assert [g.headers["persona-webhook-attempts-made"] for g in r.received] == ["1", "2", "3"]
    assert [g.headers["persona-webhook-attempts-left"] for g in r.received] == ["7", "6", "5"]
    assert {g.headers["persona-webhook-first-attempted-at"] for g in r.received} == {
        str(int(start.timestamp()))
    }
    assert len({g.body for g in r.received}) == 1
    [delivery] = await deliveries(admin)
    assert (delivery["status"], delivery["attemptsMade"]) == ("SUCCEEDED", 3)
    assert [
        (a["number"], a["responseStatus"], a["responseBody"]) for a in delivery["attempts"]
    ] == [
        (1, 500, "try again later"),
        (2, 500, "try again later"),
        (3, 200, "ok"),
    ]


async def test_eight_failed_attempts_mark_the_delivery_failed(admin):
    async with receiver(always="fail") as r:
        await create(admin, r.url)
        await make_case(admin, await make_template(admin))
        await WebhookFanout().drain()
        s = sender()
        now = dt.datetime.now(dt.UTC)
        for _ in range(10):
            await s.run_once(now=now)
            now += dt.timedelta(seconds=20)  # past every scaled delay (117649 * SCALE < 12 s)
        await s.aclose()
    assert len(r.received) == 8
    [delivery] = await deliveries(admin)
    assert (delivery["status"], delivery["attemptsMade"]) == ("FAILED", 8)
    assert [a["number"] for a in delivery["attempts"]] == [1, 2, 3, 4, 5, 6, 7, 8]


async def test_a_receiver_hanging_past_the_timeout_is_a_failed_attempt(admin):
    async with receiver(plan=["hang"]) as r:
        await create(admin, r.url)
        await make_case(admin, await make_template(admin))
        await WebhookFanout().drain()
        s = sender(timeout_seconds=0.3)
        assert await s.run_once() == 1
        await s.aclose()
    assert len(r.received) == 1
    [delivery] = await deliveries(admin)
    assert (delivery["status"], delivery["lastError"]) == (
        "PENDING",
        "timeout: no answer within 0.3 s",
    )
    [attempt] = delivery["attempts"]
    assert (attempt["responseStatus"], attempt["error"]) == (
        None,
        "timeout: no answer within 0.3 s",
    )
    assert 300 <= attempt["durationMs"] < 2000


async def test_rotation_signs_with_both_secrets_during_the_overlap_then_one(admin):
    async with receiver() as r:
        hook = await create(admin, r.url, ["case.created"])
        old = hook["secret"]
        rotated = (await admin(ROTATE, id=hook["webhook"]["id"], seconds=3600))[
            "webhookRotateSecret"
        ]
        new = rotated["secret"]
        assert new != old and new.startswith("wbhsec_")
        assert rotated["webhook"]["previousSecretExpiresAt"] is not None
        template = await make_template(admin)
        await make_case(admin, template)
        await WebhookFanout().drain()
        s = sender()
        now = dt.datetime.now(dt.UTC)
        assert await s.run_once(now=now) == 1
        await make_case(admin, template)
        await WebhookFanout().drain()
        assert await s.run_once(now=now + dt.timedelta(seconds=3601)) == 1
        await s.aclose()
    during, after = r.received
    sets = during.headers["persona-signature"].split(" ")
    assert len(sets) == 2
    assert verify_persona_signature(sets[0], during.body, new)
    assert verify_persona_signature(sets[1], during.body, old)
    assert verify_persona_signature(during.headers["persona-signature"], during.body, old)
    assert len(after.headers["persona-signature"].split(" ")) == 1
    assert verify_persona_signature(after.headers["persona-signature"], after.body, new)
    assert not verify_persona_signature(after.headers["persona-signature"], after.body, old)


async def test_disabling_cancels_pending_retries_and_retry_needs_it_enabled(admin):
    async with receiver(plan=["fail"]) as r:
        hook = await create(admin, r.url)
        await make_case(admin, await make_template(admin))
        await WebhookFanout().drain()
        s = sender()
        now = dt.datetime.now(dt.UTC)
        assert await s.run_once(now=now) == 1
        disabled = await admin(DISABLE, id=hook["webhook"]["id"])
        assert disabled["webhookDisable"]["webhook"] == {
            "status": "DISABLED",
            "disabledReason": "admin",
        }
        [delivery] = await deliveries(admin)
        assert (delivery["status"], delivery["lastError"]) == (
            "FAILED",
            "cancelled: the webhook was disabled (admin)",
        )
        assert await s.run_once(now=now + dt.timedelta(days=3)) == 0
        refused = (await admin(RETRY, id=delivery["id"]))["webhookDeliveryRetry"]
        assert refused == {
            "__typename": "ValidationError",
            "message": "id: its webhook is disabled: enable it first",
            "code": "VALIDATION_ERROR",
        }
        await admin(ENABLE, id=hook["webhook"]["id"])
        retried = (await admin(RETRY, id=delivery["id"]))["webhookDeliveryRetry"]
        assert retried == {
            "__typename": "WebhookDeliveryPayload",
            "delivery": {"status": "PENDING", "attemptsMade": 0},
        }
        again = (await admin(RETRY, id=delivery["id"]))["webhookDeliveryRetry"]
        assert again["message"] == "id: the delivery is pending, not failed"
        assert await s.run_once(now=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)) == 1
        await s.aclose()
    assert len(r.received) == 2
    [delivery] = await deliveries(admin)
    assert (delivery["status"], [a["responseStatus"] for a in delivery["attempts"]]) == (
        "SUCCEEDED",
        [500, 200],
    )


async def test_a_crash_between_the_call_and_its_record_repeats_the_delivery(admin):
    async with receiver() as r:
        await create(admin, r.url)
        await make_case(admin, await make_template(admin))
        await WebhookFanout().drain()
        s = sender()

        async def killed(*_: object) -> None:
            raise RuntimeError("worker killed after the send")

        s.after_send = killed
        now = dt.datetime.now(dt.UTC)
        with pytest.raises(RuntimeError, match="worker killed"):
            await s.run_once(now=now)
        row = await WebhookDelivery.get()
        assert (row.status, row.attempts, row.attempt_log) == ("pending", 1, [])
        s.after_send = None
        assert await s.run_once(now=now + dt.timedelta(seconds=59)) == 0  # still leased
        assert await s.run_once(now=now + dt.timedelta(seconds=61)) == 1
        await s.aclose()
    first, second = r.received
    assert first.json["data"]["id"] == second.json["data"]["id"]
    assert second.headers["persona-webhook-attempts-made"] == "2"
    row = await WebhookDelivery.get()
    assert (row.status, row.attempts, len(row.attempt_log)) == ("succeeded", 2, 1)


async def test_delivery_refuses_a_private_address_when_private_networks_are_off(admin):
    async with receiver() as r:
        await create(admin, r.url)  # allowed by this API; the sender below is stricter
        await make_case(admin, await make_template(admin))
        await WebhookFanout().drain()
        s = sender(allow_private_networks=False)
        assert await s.run_once() == 1
        await s.aclose()
    assert r.received == []
    [delivery] = await deliveries(admin)
    assert delivery["lastError"] == "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
    assert delivery["attempts"][0]["responseStatus"] is None


async def test_a_webhook_failing_continuously_is_disabled_and_its_admins_told(admin):
    async with receiver(always="fail") as r:
        hook = await create(admin, r.url, ["*"])
        template = await make_template(admin)
        await make_case(admin, template)
        await make_case(admin, template)
        await WebhookFanout().drain()
        s = sender(disable_after_seconds=100)
        now = dt.datetime.now(dt.UTC)
        # webhook.created, case-template.created, two case.created
        assert await s.run_once(now=now) == 4
        state = (await admin(WEBHOOK, id=hook["webhook"]["id"]))["webhook"]
        assert state["status"] == "ENABLED"
        assert state["failingSince"] is not None
        assert await s.run_once(now=now + dt.timedelta(seconds=101)) == 4
        await s.aclose()
    state = (await admin(WEBHOOK, id=hook["webhook"]["id"]))["webhook"]
    assert (state["status"], state["disabledReason"]) == ("DISABLED", "failing")
    assert {d["status"] for d in await deliveries(admin)} == {"FAILED"}
    assert len(r.received) == 8
    email = await NotificationDelivery.get()
    assert (email.recipient, email.subject) == ("admin@acme.example", f"Webhook disabled: {r.url}")
    inbox = (await admin(INBOX))["viewer"]["notifications"]["nodes"]
    assert inbox == [
        {"name": "webhook.disabled", "message": f"Webhook disabled: {r.url}", "case": None}
    ]
