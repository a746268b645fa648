"""The README's breach workflow, end to end: a case's SLA expires, the deadline worker emits
case.sla-expired, the workflow reassigns the case to the L2 team and tags it ESCALATED, the
new assignee is notified and caseEvents subscribers see it all."""

from app.domain.principal import Role
from app.settings import Settings
from app.workers.runner import Workers
from tests.api import make_case, make_template
from tests.ws import connect, receive, subscribe, ws_client

USERS = "{ users { nodes { id email } } }"
TEAM = 'mutation($ids: [ID!]!) { teamCreate(input: {name: "L2", memberIds: $ids}) { __typename } }'
WORKFLOW_CREATE = """
mutation($definition: JSON!) {
  workflowCreate(input: {name: "Escalate SLA breaches", definition: $definition}) {
    __typename
    ... on WorkflowPayload { workflow { id } }
    ... on ValidationError { problems { field message } }
  }
}
"""
PUBLISH = "mutation($id: ID!) { workflowPublish(input: {id: $id}) { __typename } }"
CASE = """
query($id: ID!) {
  node(id: $id) {
    ... on Case {
      slaState tags assignee { email }
      workflowRuns { status steps { id status } }
    }
  }
}
"""
INBOX = "{ viewer { notifications { nodes { name message } } } }"
CASE_EVENTS = """
subscription($id: ID!) { caseEvents(filter: {caseId: $id}) { name case { name } } }
"""

# The example in the README ("SLA breach: escalate to L2")
ESCALATE_ON_BREACH = {
    "trigger": "case.sla-expired",
    "criteria": None,
    "routes": [
        {
            "name": "escalate",
            "else": True,
            "steps": [
                {"id": "reassign", "kind": "case_assign", "team": "L2"},
                {"id": "tag", "kind": "case_add_tags", "tags": ["ESCALATED"]},
            ],
        }
    ],
}


async def test_a_breach_reassigns_to_l2_and_tags_escalated(admin, app, hub):
    l1 = await admin.as_role("l1@acme.example", Role.REVIEWER)
    await admin.as_role("l2@acme.example", Role.REVIEWER)
    users = {u["email"]: u["id"] for u in (await admin(USERS))["users"]["nodes"]}
    assert (await admin(TEAM, ids=[users["l2@acme.example"]]))["teamCreate"]["__typename"] == (
        "TeamPayload"
    )
    created = (await admin(WORKFLOW_CREATE, definition=ESCALATE_ON_BREACH))["workflowCreate"]
    assert created["__typename"] == "WorkflowPayload", created
    await admin(PUBLISH, id=created["workflow"]["id"])
    template = await make_template(admin)
    case = await make_case(
        admin, template, assigneeId=users["l1@acme.example"], slaExpiresInSeconds=1
    )
    workers = Workers(Settings(sla_poll_seconds=0.1, worker_poll_seconds=0.1))
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        await subscribe(hub, ws, "feed", CASE_EVENTS, id=case["id"])
        workers.start()
        try:
            seen = [(await receive(ws))["payload"]["data"]["caseEvents"] for _ in range(3)]
        finally:
            await workers.stop()
    assert seen == [
        {"name": "case.sla-expired", "case": {"name": "KYC-1"}},
        {"name": "case.assigned", "case": {"name": "KYC-1"}},
        {"name": "case.updated-tags", "case": {"name": "KYC-1"}},
    ]
    after = (await admin(CASE, id=case["id"]))["node"]
    assert after["slaState"] == "BREACHED"
    assert after["tags"] == ["ESCALATED"]
    assert after["assignee"] == {"email": "l2@acme.example"}
    assert after["workflowRuns"] == [
        {
            "status": "succeeded",
            "steps": [
                {"id": "reassign", "status": "succeeded"},
                {"id": "tag", "status": "succeeded"},
            ],
        }
    ]
    await Workers(Settings()).run_once()  # the fan-out settles
    inbox = (await l1(INBOX))["viewer"]["notifications"]["nodes"]
    assert {
        "name": "case.sla-expired",
        "message": "SLA of case KYC-1 (KYC review) expired",
    } in inbox
