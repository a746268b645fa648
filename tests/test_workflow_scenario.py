"""The seed scenario, end to end: inquiries complete, workflows open and route cases, a
reviewer decides, workflows approve or decline the inquiries."""

from app.settings import Settings
from app.workers.runner import Workers
from tests.api import make_inquiry, make_template
from tests.smtp import smtp_server
from tests.ws import connect, receive, subscribe, ws_client

USER = """
mutation($email: String!) {
  userCreate(input: {email: $email, name: "R", role: REVIEWER}) {
    ... on UserCreatePayload { user { id } }
  }
}
"""
POLICY = """
mutation($id: ID!, $users: [ID!]!) {
  caseTemplateUpdate(input: {id: $id, assignmentPolicy: ROUND_ROBIN, assignmentUserIds: $users,
                             notificationEmails: ["kyc-leads@acme.example"]}) { __typename }
}
"""
CREATE = """
mutation($name: String!, $definition: JSON!) {
  workflowCreate(input: {name: $name, definition: $definition}) {
    __typename
    ... on WorkflowPayload { workflow { id } }
    ... on ValidationError { problems { field message } }
  }
}
"""
PUBLISH = """
mutation($id: ID!) {
  workflowPublish(input: {id: $id}) {
    __typename ... on WorkflowPayload { workflow { publishedVersion trigger } }
  }
}
"""
INQUIRY_STATUS = """
mutation($id: ID!, $status: InquiryStatus!) {
  inquirySetStatus(input: {id: $id, status: $status}) { __typename }
}
"""
INQUIRY = """
query($id: ID!) {
  node(id: $id) {
    ... on Inquiry {
      status
      cases { id name assignee { email } creator { type } }
      workflowRuns { status route steps { id status output } }
    }
  }
}
"""
SET_STATUS = """
mutation($id: ID!, $status: String!) {
  caseSetStatus(input: {id: $id, status: $status}) { __typename }
}
"""
LOG = """
query($id: ID!) { events(subjectId: $id) { nodes { name actor { type } } } }
"""
CASE_FEED = "subscription { caseEvents { name case { name } } }"
INQUIRY_FEED = """
subscription { inquiryEvents(filter: {names: ["inquiry.approved", "inquiry.declined"]}) {
  name inquiry { referenceId } } }
"""

KYC_INTAKE = {
    "trigger": "inquiry.completed",
    "routes": [
        {
            "name": "under 18",
            "when": {"path": "inquiry.birthdate", "op": "younger_than_years", "value": 18},
            "steps": [
                {"id": "review", "kind": "inquiry_mark_for_review"},
                {"id": "open", "kind": "case_create", "template": "KYC", "link_trigger": True},
            ],
        },
        {"name": "adult", "else": True, "steps": [{"id": "approve", "kind": "inquiry_approve"}]},
    ],
}
KYC_DECISION = {
    "trigger": "case.resolved",
    "criteria": {"path": "case.template.key", "op": "eq", "value": "KYC"},
    "routes": [
        {
            "name": "approved",
            "when": {"path": "case.resolution", "op": "eq", "value": "Approved"},
            "steps": [{"id": "approve", "kind": "inquiry_approve", "inquiry": "case_inquiries"}],
        },
        {
            "name": "declined",
            "when": {"path": "case.resolution", "op": "eq", "value": "Declined"},
            "steps": [{"id": "decline", "kind": "inquiry_decline", "inquiry": "case_inquiries"}],
        },
    ],
}


async def _workflow(admin, name, definition):
    created = (await admin(CREATE, name=name, definition=definition))["workflowCreate"]
    assert created["__typename"] == "WorkflowPayload", created
    published = await admin(PUBLISH, id=created["workflow"]["id"])
    assert published["workflowPublish"]["workflow"]["publishedVersion"] == 1


async def _complete(admin, inquiry):
    for status in ("PENDING", "COMPLETED"):
        await admin(INQUIRY_STATUS, id=inquiry, status=status)


async def test_the_review_loop_end_to_end(app, hub, admin):
    template = await make_template(admin, "KYC")
    reviewers = [
        (await admin(USER, email=f"{n}@acme.example"))["userCreate"]["user"]["id"]
        for n in ("ann", "bob")
    ]
    await admin(POLICY, id=template, users=reviewers)
    await _workflow(admin, "KYC intake", KYC_INTAKE)
    await _workflow(admin, "KYC decision", KYC_DECISION)
    minor = await make_inquiry(admin, referenceId="teen-1", birthdate="2010-06-01")
    other_minor = await make_inquiry(admin, referenceId="teen-2", birthdate="2011-01-01")
    adult = await make_inquiry(admin, referenceId="adult-1", birthdate="1980-01-01")

    with smtp_server() as (url, smtp):
        workers = Workers(Settings(smtp_url=url, public_base_url="https://review.acme.example"))
        async with ws_client(app) as client, connect(client, admin.key) as ws:
            await subscribe(hub, ws, "cases", CASE_FEED)
            await subscribe(hub, ws, "inquiries", INQUIRY_FEED)
            for inquiry in (minor, other_minor, adult):
                await _complete(admin, inquiry)
            await workers.run_once()

            teen = (await admin(INQUIRY, id=minor))["node"]
            assert teen["status"] == "NEEDS_REVIEW"
            assert [c["name"] for c in teen["cases"]] == ["KYC-1"]
            assert teen["cases"][0]["assignee"] == {"email": "ann@acme.example"}
            assert teen["cases"][0]["creator"] == {"type": "WORKFLOW_RUN"}
            assert teen["workflowRuns"][0]["route"] == "under 18"
            assert [s["status"] for s in teen["workflowRuns"][0]["steps"]] == ["succeeded"] * 2
            second = (await admin(INQUIRY, id=other_minor))["node"]
            assert second["cases"][0]["assignee"] == {"email": "bob@acme.example"}
            grown_up = (await admin(INQUIRY, id=adult))["node"]
            assert (grown_up["status"], grown_up["cases"]) == ("APPROVED", [])

            await admin(SET_STATUS, id=teen["cases"][0]["id"], status="Approved")
            await admin(SET_STATUS, id=second["cases"][0]["id"], status="Declined")
            await workers.run_once()

            seen: list[tuple[str, str, str]] = []
            for _ in range(30):
                try:
                    message = await receive(ws, wait=1)
                except TimeoutError:
                    break
                data = message["payload"]["data"]
                if message["id"] == "cases":
                    seen.append(
                        ("case", data["caseEvents"]["name"], data["caseEvents"]["case"]["name"])
                    )
                else:
                    event = data["inquiryEvents"]
                    seen.append(("inquiry", event["name"], event["inquiry"]["referenceId"]))

    assert (await admin(INQUIRY, id=minor))["node"]["status"] == "APPROVED"
    assert (await admin(INQUIRY, id=other_minor))["node"]["status"] == "DECLINED"
    log = [e["name"] for e in (await admin(LOG, id=minor))["events"]["nodes"]]
    assert log[-1] == "inquiry.approved"
    actors = [e["actor"]["type"] for e in (await admin(LOG, id=minor))["events"]["nodes"]]
    assert actors[-1] == "WORKFLOW_RUN"
    assert ("case", "case.created", "KYC-1") in seen
    assert ("case", "case.assigned", "KYC-1") in seen
    assert ("inquiry", "inquiry.approved", "teen-1") in seen
    assert ("inquiry", "inquiry.declined", "teen-2") in seen
    assert ("inquiry", "inquiry.approved", "adult-1") in seen
    recipients = sorted(m["To"] for m in smtp.received)
    assert recipients == [
        "ann@acme.example",
        "bob@acme.example",
        "kyc-leads@acme.example",
        "kyc-leads@acme.example",
    ]
