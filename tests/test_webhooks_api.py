"""The webhook admin API: validation naming the field, admins only (node included), limits,
the SSRF guard at create time, filters; and the pure rules (schedule, addresses)."""

import httpx
import pytest

from app.domain.principal import Role
from app.domain.webhooks import forbidden_address, retry_schedule
from app.main import create_app
from tests.api import Api
from tests.conftest import SETTINGS

CREATE = """
mutation($input: WebhookCreateInput!) {
  webhookCreate(input: $input) {
    __typename
    ... on WebhookCreatePayload { webhook { id url enabledEvents description status } secret }
    ... on ValidationError { message field }
    ... on Error { message code }
  }
}
"""
UPDATE = """
mutation($input: WebhookUpdateInput!) {
  webhookUpdate(input: $input) {
    __typename
    ... on WebhookPayload { webhook { url enabledEvents description } }
    ... on ValidationError { message field }
  }
}
"""
DELETE = """
mutation($id: ID!) {
  webhookDelete(input: {id: $id}) { __typename ... on WebhookDeletePayload { deletedId } }
}
"""
LIST = "{ webhooks { totalCount nodes { id url } } }"
NODE = "query($id: ID!) { node(id: $id) { __typename ... on Webhook { url } } }"
ONE = "query($id: ID!) { webhook(id: $id) { url } }"
DELIVERIES = """
query($filter: WebhookDeliveryFilter) { webhookDeliveries(filter: $filter) { totalCount } }
"""


async def test_create_update_list_delete(admin):
    created = (
        await admin(
            CREATE,
            input={
                "url": "https://93.184.215.14/persona",
                "enabledEvents": ["case.created", "inquiry.approved", "case.created"],
                "description": "CRM sync",
            },
        )
    )["webhookCreate"]
    assert created["__typename"] == "WebhookCreatePayload"
    assert created["webhook"]["enabledEvents"] == ["case.created", "inquiry.approved"]
    assert created["webhook"]["status"] == "ENABLED"
    assert created["secret"].startswith("wbhsec_") and len(created["secret"]) == 55
    gid = created["webhook"]["id"]
    updated = (await admin(UPDATE, input={"id": gid, "enabledEvents": ["*"]}))["webhookUpdate"]
    assert updated["webhook"] == {
        "url": "https://93.184.215.14/persona",
        "enabledEvents": ["*"],
        "description": "CRM sync",
    }
    listed = (await admin(LIST))["webhooks"]
    assert listed == {
        "totalCount": 1,
        "nodes": [{"id": gid, "url": "https://93.184.215.14/persona"}],
    }
    assert (await admin(NODE, id=gid))["node"] == {
        "__typename": "Webhook",
        "url": "https://93.184.215.14/persona",
    }
    assert (await admin(DELETE, id=gid))["webhookDelete"]["deletedId"] == gid
    assert (await admin(LIST))["webhooks"]["totalCount"] == 0


@pytest.mark.parametrize(
    ("input", "field", "message"),
    [
        (
            {"enabledEvents": ["case.created", "case.nope"]},
            "enabledEvents.1",
            "enabledEvents.1: 'case.nope' is not an event name",
        ),
        (
            {"enabledEvents": []},
            "enabledEvents",
            "enabledEvents: must name at least one event, or *",
        ),
        (
            {"enabledEvents": ["*", "case.created"]},
            "enabledEvents",
            "enabledEvents: * already means every event: give it alone",
        ),
        ({"url": "ftp://93.184.215.14/x"}, "url", "url: must use http or https"),
        ({"url": "https://u:p@93.184.215.14/"}, "url", "url: must not carry credentials"),
        (
            {"url": "https://93.184.215.14/" + "a" * 2048},
            "url",
            "url: must be at most 2048 characters",
        ),
        (
            {"url": "http://127.0.0.1:8080/hook"},
            "url",
            "url: 127.0.0.1 resolves to 127.0.0.1, a loopback address",
        ),
        (
            {"url": "http://10.1.2.3/hook"},
            "url",
            "url: 10.1.2.3 resolves to 10.1.2.3, a private or reserved address",
        ),
        (
            {"url": "http://169.254.169.254/latest/meta-data"},
            "url",
            "url: 169.254.169.254 resolves to 169.254.169.254, a link-local or metadata address",
        ),
        ({"description": "x" * 501}, "description", "description: must be at most 500 characters"),
    ],
)
async def test_bad_input_is_a_validation_error_naming_the_field(admin, input, field, message):
    full = {"url": "https://93.184.215.14/", "enabledEvents": ["case.created"], **input}
    result = (await admin(CREATE, input=full))["webhookCreate"]
    assert result == {
        "__typename": "ValidationError",
        "message": message,
        "field": field,
        "code": "VALIDATION_ERROR",
    }
    assert (await admin(LIST))["webhooks"]["totalCount"] == 0


async def test_a_name_resolving_to_loopback_is_refused(admin):
    result = (await admin(CREATE, input={"url": "http://localhost:9/", "enabledEvents": ["*"]}))[
        "webhookCreate"
    ]
    assert result["__typename"] == "ValidationError"
    assert result["message"].startswith("url: localhost resolves to ")
    assert result["message"].endswith(", a loopback address")


async def test_private_networks_can_be_allowed(db, admin):
    settings = SETTINGS.model_copy(update={"webhook_allow_private_networks": True})
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        onprem = Api(client, admin.key)
        result = (
            await onprem(CREATE, input={"url": "http://10.1.2.3/hook", "enabledEvents": ["*"]})
        )["webhookCreate"]
    assert result["__typename"] == "WebhookCreatePayload"


async def test_everything_is_admin_only(admin):
    gid = (await admin(CREATE, input={"url": "https://93.184.215.14/", "enabledEvents": ["*"]}))[
        "webhookCreate"
    ]["webhook"]["id"]
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    denied = (
        await reviewer(CREATE, input={"url": "https://93.184.215.14/", "enabledEvents": ["*"]})
    )["webhookCreate"]
    assert denied == {
        "__typename": "PermissionDeniedError",
        "message": "role 'reviewer' may not manage webhooks",
        "code": "PERMISSION_DENIED",
    }
    for query, variables in ((LIST, {}), (ONE, {"id": gid}), (DELIVERIES, {})):
        body = await reviewer.raw(query, **variables)
        assert body["errors"][0]["message"] == "role 'reviewer' may not manage webhooks"
    assert (await reviewer(NODE, id=gid))["node"] is None


async def test_another_organization_cannot_see_or_change_a_webhook(admin, other_admin):
    gid = (await admin(CREATE, input={"url": "https://93.184.215.14/", "enabledEvents": ["*"]}))[
        "webhookCreate"
    ]["webhook"]["id"]
    assert (await other_admin(ONE, id=gid))["webhook"] is None
    assert (await other_admin(NODE, id=gid))["node"] is None
    deleted = (await other_admin(DELETE, id=gid))["webhookDelete"]
    assert deleted == {"__typename": "NotFoundError"}


async def test_delivery_filter_names_a_bad_webhook_id(admin):
    body = await admin.raw(DELIVERIES, filter={"webhookId": "Q2FzZTox"})  # Case:1
    assert body["errors"][0]["message"] == (
        "filter.webhookId: expected an id of type Webhook, got one of type Case"
    )


def test_retry_schedule_is_personas():
    assert retry_schedule() == [1, 64, 729, 4096, 15625, 46656, 117649]
    assert sum(retry_schedule()) / 3600 == pytest.approx(51.34, abs=0.01)
    assert retry_schedule(0.0001)[1] == pytest.approx(0.0064)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("169.254.169.254", "a link-local or metadata address"),
        ("fe80::1", "a link-local or metadata address"),
        ("10.0.0.1", "a private or reserved address"),
        ("172.16.5.4", "a private or reserved address"),
        ("192.168.1.1", "a private or reserved address"),
        ("fc00::1", "a private or reserved address"),
        ("0.0.0.0", "a private or reserved address"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_forbidden_addresses(address, reason):
    assert forbidden_address(address) == reason
