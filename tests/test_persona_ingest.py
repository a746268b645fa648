"""Persona integrations and ingestion: signed events upsert inquiries, accounts, reports and
verifications by Persona id, append casegraph's events, dedupe and never move back."""

import time
from typing import Any

import httpx
import pytest

from app.db.models import Event, Inquiry, PersonaInboundEvent, PersonaIntegration, Verification
from app.domain.errors import ValidationError
from app.domain.principal import Principal, Role
from app.main import create_app
from app.services.persona_integrations import create_integration
from app.services.sealed import new_key, unseal
from tests.conftest import SETTINGS
from tests.persona_stub import API_KEY, SECRET, event_body, inquiry, signed

KEY = new_key()
SETTINGS_WITH_KEY = SETTINGS.model_copy(
    update={
        "encryption_key": KEY,
        "persona_allow_private_networks": True,
        "public_base_url": "https://cg.acme.example/",
        "rate_limit_per_minute": 0,
        "anonymous_rate_limit_per_minute": 0,
    }
)


@pytest.fixture(scope="module")
def app(db: object) -> object:
    return create_app(SETTINGS_WITH_KEY, manage_database=False)


CREATE = """
mutation($input: PersonaIntegrationCreateInput!) {
  personaIntegrationCreate(input: $input) {
    __typename
    ... on PersonaIntegrationPayload { personaIntegration { id webhookUrl apiBaseUrl } }
    ... on ValidationError { field message }
    ... on Error { code message }
  }
}
"""
LIST = "{ personaIntegrations { nodes { id webhookUrl } } }"
INQUIRIES = """
query($ids: [String!]) {
  inquiries(filter: {externalIds: $ids}) {
    nodes {
      externalId status referenceId nameFirst nameLast birthdate fields externalSyncStatus
      account { externalId }
    }
  }
}
"""


CONNECTED = """
{ events(names: ["persona-integration.created"]) {
    nodes { subjectId payload actor { type } } } }
"""


async def connect(admin, url="http://127.0.0.1:9") -> dict[str, Any]:
    data = await admin(
        CREATE, input={"webhookSecret": SECRET, "apiKey": API_KEY, "apiBaseUrl": url}
    )
    result: dict[str, Any] = data["personaIntegrationCreate"]
    assert result["__typename"] == "PersonaIntegrationPayload", result
    integration: dict[str, Any] = result["personaIntegration"]
    return integration


def path_of(integration: dict[str, Any]) -> str:
    return integration["webhookUrl"].removeprefix("https://cg.acme.example")


async def deliver(client, integration, body, headers=None) -> httpx.Response:
    return await client.post(
        path_of(integration), content=body, headers=signed(body) if headers is None else headers
    )


MIRRORED = {"inquiry", "account", "report", "verification"}


async def names() -> list[str]:
    """Names of the events about mirrored objects, oldest first."""
    events = await Event.all().order_by("id")
    return [e.name for e in events if e.name.split(".")[0] in MIRRORED]


async def test_an_admin_connects_persona_and_the_key_is_stored_encrypted(admin):
    integration = await connect(admin)
    [row] = await PersonaIntegration.all()
    assert integration["webhookUrl"] == f"https://cg.acme.example/webhooks/persona/{row.id}"
    assert integration["apiBaseUrl"] == "http://127.0.0.1:9"
    assert API_KEY not in row.api_key_encrypted and SECRET not in row.webhook_secret_encrypted
    assert unseal(row.api_key_encrypted, KEY) == API_KEY
    assert unseal(row.webhook_secret_encrypted, KEY) == SECRET
    listed = (await admin(LIST))["personaIntegrations"]["nodes"]
    assert listed == [{"id": integration["id"], "webhookUrl": integration["webhookUrl"]}]
    logged = (await admin(CONNECTED))["events"]["nodes"]
    assert logged == [
        {
            "subjectId": integration["id"],
            "payload": {"api_base_url": "http://127.0.0.1:9"},  # no secret in the log
            "actor": {"type": "API_KEY"},
        }
    ]


async def test_reviewers_may_not_connect_or_list_integrations(admin):
    reviewer = await admin.as_role("rita@acme.example", Role.REVIEWER)
    data = await reviewer(
        CREATE, input={"webhookSecret": SECRET, "apiKey": API_KEY, "apiBaseUrl": "http://x.io"}
    )
    assert data["personaIntegrationCreate"]["__typename"] == "PermissionDeniedError"
    body = await reviewer.raw(LIST)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_bad_input_names_the_field(admin):
    data = await admin(
        CREATE, input={"webhookSecret": " ", "apiKey": API_KEY, "apiBaseUrl": "http://x.io"}
    )
    assert data["personaIntegrationCreate"]["field"] == "webhookSecret"
    data = await admin(
        CREATE, input={"webhookSecret": SECRET, "apiKey": API_KEY, "apiBaseUrl": "ftp://x.io"}
    )
    assert data["personaIntegrationCreate"]["field"] == "apiBaseUrl"
    principal = Principal(organization_id=1, role=Role.ADMIN, user_id=1)
    with pytest.raises(ValidationError) as refused:
        await create_integration(
            actor=principal,
            webhook_secret=SECRET,
            api_key=API_KEY,
            api_base_url="https://api.withpersona.com",
            encryption_key=None,
            allow_private=True,
        )
    assert refused.value.problems[0].field == "apiKey"
    assert await PersonaIntegration.all().count() == 0


async def test_a_bad_missing_or_stale_signature_is_401_and_changes_nothing(client, admin):
    integration = await connect(admin)
    body = event_body(
        "evt_1", "inquiry.created", inquiry("inq_A", "created", "2026-01-05T10:00:00Z")
    )
    before = await names()
    for headers in (
        {},
        signed(body, "wbhsec_wrong"),
        signed(body, at=int(time.time()) - 301),
        signed(body + b" "),
    ):
        response = await deliver(client, integration, body, headers)
        assert response.status_code == 401, headers
    assert await names() == before
    assert await Inquiry.all().count() == 0
    assert await PersonaInboundEvent.all().count() == 0


async def test_either_of_two_signature_sets_is_accepted(client, admin):
    integration = await connect(admin)
    body = event_body(
        "evt_1", "inquiry.created", inquiry("inq_A", "created", "2026-01-05T10:00:00Z")
    )
    old = signed(body, "wbhsec_old")["Persona-Signature"]
    new = signed(body)["Persona-Signature"]
    response = await deliver(client, integration, body, {"Persona-Signature": f"{old} {new}"})
    assert response.status_code == 200
    assert response.json() == {"status": "applied", "objectId": "inq_A"}


async def test_inquiry_events_upsert_by_persona_id_and_append_casegraph_events(client, admin):
    integration = await connect(admin)
    created = inquiry(
        "inq_A",
        "created",
        "2026-01-05T10:00:00Z",
        account="act_B",
        **{"reference-id": "user-7", "name-first": "Ada", "name-last": "Lovelace"},
    )
    completed = inquiry(
        "inq_A",
        "completed",
        "2026-01-05T10:05:00Z",
        account="act_B",
        **{
            "reference-id": "user-7",
            "name-first": "Ada",
            "name-last": "Lovelace",
            "birthdate": "2010-06-01",
            "fields": {"selected-country-code": {"type": "string", "value": "GB"}},
        },
    )
    first = await deliver(client, integration, event_body("evt_1", "inquiry.created", created))
    assert first.json() == {"status": "applied", "objectId": "inq_A"}
    second = await deliver(client, integration, event_body("evt_2", "inquiry.completed", completed))
    assert second.json() == {"status": "applied", "objectId": "inq_A"}
    [node] = (await admin(INQUIRIES, ids=["inq_A"]))["inquiries"]["nodes"]
    assert node == {
        "externalId": "inq_A",
        "status": "COMPLETED",
        "referenceId": "user-7",
        "nameFirst": "Ada",
        "nameLast": "Lovelace",
        "birthdate": "2010-06-01",
        "fields": {"selected-country-code": {"type": "string", "value": "GB"}},
        "externalSyncStatus": None,
        "account": {"externalId": "act_B"},
    }
    assert await names() == [
        "account.created",
        "inquiry.created",
        "inquiry.updated",
        "inquiry.completed",
    ]
    events = await Event.filter(name="inquiry.completed")
    assert [(e.actor_type, e.actor_id) for e in events] == [
        ("system", f"persona:{(await PersonaIntegration.first()).id}")
    ]
    assert (await admin(INQUIRIES, ids=["inq_other"]))["inquiries"]["nodes"] == []


async def test_a_redelivery_is_a_no_op_answering_200(client, admin):
    integration = await connect(admin)
    body = event_body(
        "evt_1", "inquiry.completed", inquiry("inq_A", "completed", "2026-01-05T10:00:00Z")
    )
    assert (await deliver(client, integration, body)).json()["status"] == "applied"
    before = await names()
    again = await deliver(client, integration, body)
    assert (again.status_code, again.json()) == (200, {"status": "duplicate", "objectId": None})
    assert await names() == before == ["inquiry.created", "inquiry.completed"]
    assert await PersonaInboundEvent.all().count() == 1


async def test_an_older_delivery_never_moves_an_inquiry_back(client, admin):
    integration = await connect(admin)
    newer = inquiry("inq_A", "completed", "2026-01-05T10:05:00Z")
    older = inquiry("inq_A", "pending", "2026-01-05T10:01:00Z")
    await deliver(client, integration, event_body("evt_2", "inquiry.completed", newer))
    late = await deliver(client, integration, event_body("evt_1", "inquiry.started", older))
    assert late.json() == {"status": "stale", "objectId": "inq_A"}
    assert (await Inquiry.get(external_id="inq_A")).status == "completed"
    recorded = [(e.persona_event_id, e.status) for e in await PersonaInboundEvent.all()]
    assert recorded == [("evt_2", "applied"), ("evt_1", "stale")]


async def test_unknown_events_are_acknowledged_and_recorded(client, admin):
    integration = await connect(admin)
    document = {"type": "document/government-id", "id": "doc_X", "attributes": {}}
    response = await deliver(client, integration, event_body("evt_9", "document.created", document))
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ignored", "objectId": "doc_X"},
    )
    [row] = await PersonaInboundEvent.all()
    assert (row.name, row.object_id, row.status) == ("document.created", "doc_X", "ignored")
    assert await names() == []


async def test_reports_and_verifications_are_mirrored(client, admin):
    integration = await connect(admin)
    report = {
        "type": "report/watchlist",
        "id": "rep_W",
        "attributes": {"status": "ready", "has-match": True, "updated-at": "2026-01-05T10:00:00Z"},
    }
    verification = {
        "type": "verification/government-id",
        "id": "ver_G",
        "attributes": {"status": "passed", "updated-at": "2026-01-05T10:00:00Z"},
    }
    await deliver(client, integration, event_body("evt_1", "report/watchlist.matched", report))
    await deliver(client, integration, event_body("evt_2", "verification.passed", verification))
    data = await admin("{ reports { nodes { externalId reportType status hasMatch } } }")
    assert data["reports"]["nodes"] == [
        {"externalId": "rep_W", "reportType": "watchlist", "status": "READY", "hasMatch": True}
    ]
    [row] = await Verification.all()
    assert (row.external_id, row.verification_type, row.status) == (
        "ver_G",
        "government-id",
        "passed",
    )
    assert await names() == ["report.created", "report.ready", "verification.created"]


async def test_out_of_bounds_payloads_are_refused_with_a_pointer(client, admin):
    integration = await connect(admin)
    long_name = inquiry("inq_A", "created", "2026-01-05T10:00:00Z", **{"name-first": "x" * 201})
    response = await deliver(client, integration, event_body("evt_1", "inquiry.created", long_name))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["source"] == {"pointer": "/data/attributes/payload/data/attributes/name-first"}
    bad_id = event_body(
        "evt_" + "x" * 80, "inquiry.created", inquiry("inq_A", "created", "2026-01-05T10:00:00Z")
    )
    response = await deliver(client, integration, bad_id)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/id"}
    assert await Inquiry.all().count() == 0
    assert await PersonaInboundEvent.all().count() == 0


async def test_an_unknown_integration_is_404(client, admin):
    body = event_body(
        "evt_1", "inquiry.created", inquiry("inq_A", "created", "2026-01-05T10:00:00Z")
    )
    response = await client.post("/webhooks/persona/999999", content=body, headers=signed(body))
    assert response.status_code == 404
