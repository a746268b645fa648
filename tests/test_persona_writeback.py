"""Write-back to Persona and the seed loop, Persona edition: casegraph's decisions on inquiries
that came from Persona are sent to a stub of Persona's API through the outbox, with retries."""

import datetime as dt
from typing import Any

import pytest

from app.db.models import PersonaAction
from app.main import create_app
from app.workers.consumer import LogConsumer
from app.workers.persona import PersonaSender, PersonaWriteback
from app.workers.runner import Workers
from tests.api import KEY_FOR_USER, Api, make_template
from tests.persona_stub import API_KEY, event_body, inquiry, persona_api, signed
from tests.test_persona_ingest import SETTINGS_WITH_KEY, connect, deliver
from tests.test_webhooks import create as create_webhook
from tests.test_workflow_scenario import KYC_DECISION, KYC_INTAKE, POLICY, USER, _workflow
from tests.webhook_receiver import receiver, verify_persona_signature

SETTINGS = SETTINGS_WITH_KEY.model_copy(
    update={
        "webhook_allow_private_networks": True,
        "webhook_retry_scale": 0.0001,
        "persona_retry_scale": 0.0001,
    }
)


@pytest.fixture(scope="module")
def app(db: object) -> object:
    return create_app(SETTINGS, manage_database=False)


SET_INQUIRY = """
mutation($id: ID!, $status: InquiryStatus!) {
  inquirySetStatus(input: {id: $id, status: $status, comment: "documents match"}) { __typename }
}
"""
INQUIRY = """
query($ids: [String!]) {
  inquiries(filter: {externalIds: $ids}) {
    nodes {
      id status externalSyncStatus
      cases { id name assignee { email } }
    }
  }
}
"""
ACTIONS = """
{ personaActions { nodes {
    action personaInquiryId comment status attemptsMade lastError
    attempts { number responseStatus }
    inquiry { externalId }
} } }
"""
SET_STATUS = """
mutation($id: ID!, $status: String!) {
  caseSetStatus(input: {id: $id, status: $status}) { __typename }
}
"""


async def drain(*consumers: LogConsumer) -> None:
    for consumer in consumers:
        await consumer.drain()


async def _persona_inquiry(client, admin, url, status="completed") -> dict[str, Any]:
    integration = await connect(admin, url)
    obj = inquiry("inq_T", status, "2026-01-05T10:05:00Z", birthdate="1980-01-01")
    response = await deliver(client, integration, event_body("evt_1", f"inquiry.{status}", obj))
    assert response.json()["status"] == "applied"
    [node] = (await admin(INQUIRY, ids=["inq_T"]))["inquiries"]["nodes"]
    return node


async def test_a_reviewer_decision_is_sent_to_persona_with_retries(client, admin):
    async with persona_api(plan=[500, 200]) as api:
        node = await _persona_inquiry(client, admin, api.url)
        await admin(SET_INQUIRY, id=node["id"], status="APPROVED")
        await drain(PersonaWriteback())
        [pending] = (await admin(INQUIRY, ids=["inq_T"]))["inquiries"]["nodes"]
        assert pending["externalSyncStatus"] == "PENDING"
        sender = PersonaSender(SETTINGS)
        assert await sender.run_once() == 1
        assert await sender.run_once(now=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)) == 1
        await sender.aclose()
    first, second = api.calls
    assert first.path == second.path == "/api/v1/inquiries/inq_T/approve"
    assert first.headers["authorization"] == f"Bearer {API_KEY}"
    assert first.headers["persona-version"] == "2023-01-05"
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert first.headers["idempotency-key"].startswith("casegraph-action-")
    assert first.body == {"meta": {"comment": "casegraph: documents match"}}
    [action] = (await admin(ACTIONS))["personaActions"]["nodes"]
    assert action == {
        "action": "approve",
        "personaInquiryId": "inq_T",
        "comment": "casegraph: documents match",
        "status": "SUCCEEDED",
        "attemptsMade": 2,
        "lastError": None,
        "attempts": [{"number": 1, "responseStatus": 500}, {"number": 2, "responseStatus": 200}],
        "inquiry": {"externalId": "inq_T"},
    }
    [synced] = (await admin(INQUIRY, ids=["inq_T"]))["inquiries"]["nodes"]
    assert (synced["status"], synced["externalSyncStatus"]) == ("APPROVED", "SYNCED")


async def test_a_refusal_by_persona_is_final_and_shows_on_the_inquiry(client, admin):
    async with persona_api(plan=[422]) as api:
        node = await _persona_inquiry(client, admin, api.url)
        await admin(SET_INQUIRY, id=node["id"], status="DECLINED")
        await drain(PersonaWriteback())
        sender = PersonaSender(SETTINGS)
        assert await sender.run_once() == 1
        assert await sender.run_once(now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)) == 0
        await sender.aclose()
    assert [c.path for c in api.calls] == ["/api/v1/inquiries/inq_T/decline"]
    [action] = (await admin(ACTIONS))["personaActions"]["nodes"]
    assert (action["status"], action["lastError"]) == ("FAILED", "HTTP 422")
    [failed] = (await admin(INQUIRY, ids=["inq_T"]))["inquiries"]["nodes"]
    assert failed["externalSyncStatus"] == "FAILED"


async def test_decisions_that_came_from_persona_are_not_echoed_back(client, admin):
    async with persona_api() as api:
        await _persona_inquiry(client, admin, api.url, status="approved")
        await drain(PersonaWriteback())
        sender = PersonaSender(SETTINGS)
        assert await sender.run_once() == 0
        await sender.aclose()
    assert api.calls == []
    assert await PersonaAction.all().count() == 0


async def test_native_inquiries_are_not_sent_to_persona(admin):
    from tests.api import make_inquiry

    inquiry_id = await make_inquiry(admin, referenceId="native")
    for status in ("COMPLETED", "APPROVED"):
        await admin(SET_INQUIRY, id=inquiry_id, status=status)
    await drain(PersonaWriteback())
    assert await PersonaAction.all().count() == 0


async def test_the_seed_loop_persona_edition(client, admin):
    template = await make_template(admin, "KYC")
    reviewers = [
        (await admin(USER, email=f"{n}@acme.example"))["userCreate"]["user"]["id"]
        for n in ("ann", "bob")
    ]
    await admin(POLICY, id=template, users=reviewers)
    await _workflow(admin, "KYC intake", KYC_INTAKE)
    await _workflow(admin, "KYC decision", KYC_DECISION)
    ann_key = (await admin(KEY_FOR_USER, userId=reviewers[0]))["apiKeyCreate"]["secret"]
    ann = Api(client, ann_key)

    async with persona_api() as api, receiver() as hooks:
        hook = await create_webhook(admin, hooks.url, ["inquiry.approved"])
        integration = await connect(admin, api.url)
        teen = inquiry(
            "inq_TEEN",
            "completed",
            "2026-01-05T10:05:00Z",
            **{"reference-id": "teen-1", "birthdate": "2010-06-01"},
        )
        body = event_body("evt_teen_completed", "inquiry.completed", teen)
        response = await client.post(
            integration["webhookUrl"].removeprefix("https://cg.acme.example"),
            content=body,
            headers=signed(body),
        )
        assert response.json() == {"status": "applied", "objectId": "inq_TEEN"}

        workers = Workers(SETTINGS)
        await workers.run_once()
        [node] = (await admin(INQUIRY, ids=["inq_TEEN"]))["inquiries"]["nodes"]
        assert node["status"] == "NEEDS_REVIEW"
        [case] = node["cases"]
        assert (case["name"], case["assignee"]) == ("KYC-1", {"email": "ann@acme.example"})

        assert (await ann(SET_STATUS, id=case["id"], status="Approved"))["caseSetStatus"][
            "__typename"
        ] == "CasePayload"
        await workers.run_once()
        await workers.stop()

    [node] = (await admin(INQUIRY, ids=["inq_TEEN"]))["inquiries"]["nodes"]
    assert (node["status"], node["externalSyncStatus"]) == ("APPROVED", "SYNCED")
    assert [c.path for c in api.calls] == [
        "/api/v1/inquiries/inq_TEEN/mark-for-review",
        "/api/v1/inquiries/inq_TEEN/approve",
    ]
    approve = api.calls[1]
    assert approve.body == {"meta": {"comment": "casegraph case KYC-1"}}
    assert [c.path.rsplit("/", 1)[1] for c in api.calls].count("approve") == 1
    [delivered] = hooks.received
    assert verify_persona_signature(
        delivered.headers["persona-signature"], delivered.body, hook["secret"]
    )
    attributes = delivered.json["data"]["attributes"]
    assert attributes["name"] == "inquiry.approved"
    assert attributes["payload"]["data"]["attributes"]["external-id"] == "inq_TEEN"
    assert attributes["payload"]["data"]["attributes"]["status"] == "approved"
