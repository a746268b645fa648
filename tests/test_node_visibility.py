"""Authorization in one place: for every Node type of the schema, every role, and a user of the
same organization who is not the owner, `node(id:)` returns exactly the objects the typed
fields show that caller — no more (another user's inbox, admin-only deliveries and webhooks,
other users' API keys) and no less."""

import base64

from graphql import GraphQLObjectType

from app.db import models
from app.domain.principal import Role
from app.graphql.schema import schema
from app.workers.notifications import NotificationFanout
from app.workers.webhooks import WebhookFanout
from app.workers.workflows import WorkflowTrigger
from tests.api import Api, database_id, make_case, make_inquiry, make_template

# How a caller reaches each kind of object through typed fields (every path that exists).
TYPED: dict[str, str] = {
    "Account": "{ accounts(first: 100) { nodes { id } } }",
    "ApiKey": "{ apiKeys { nodes { id } } events { nodes { actor { apiKey { id } } } } }",
    "Case": "{ cases(first: 100) { nodes { id } } }",
    "CaseComment": "{ cases(first: 100) { nodes { comments(first: 100) { nodes { id } } } } }",
    "CaseTemplate": "{ caseTemplates(first: 100) { nodes { id } } }",
    "Document": "{ cases { nodes { objects { nodes { ... on Document { id } } } } } }",
    "Event": "{ events(first: 100) { nodes { id } } }",
    "Inquiry": "{ inquiries(first: 100) { nodes { id } } }",
    "Notification": "{ viewer { notifications(first: 100) { nodes { id } } } }",
    "NotificationDelivery": "{ notificationDeliveries(first: 100) { nodes { id } } }",
    "Organization": "{ viewer { organization { id } } }",
    "Report": "{ reports(first: 100) { nodes { id } } }",
    "Team": "{ teams(first: 100) { nodes { id } } }",
    "Transaction": "{ cases { nodes { objects { nodes { ... on Transaction { id } } } } } }",
    "User": "{ users(first: 100) { nodes { id } } }",
    "Verification": "{ cases { nodes { objects { nodes { ... on Verification { id } } } } } }",
    "PersonaAction": "{ personaActions(first: 100) { nodes { id } } }",
    "PersonaIntegration": "{ personaIntegrations(first: 100) { nodes { id } } }",
    "Webhook": "{ webhooks(first: 100) { nodes { id } } }",
    "WebhookDelivery": "{ webhookDeliveries(first: 100) { nodes { id } } }",
    "Workflow": "{ workflows(first: 100) { nodes { id } } }",
    "WorkflowRun": "{ workflowRuns(first: 100) { nodes { id } } }",
}
MODELS = {
    "Account": models.Account,
    "ApiKey": models.ApiKey,
    "Case": models.Case,
    "CaseComment": models.CaseComment,
    "CaseTemplate": models.CaseTemplate,
    "Document": models.Document,
    "Event": models.Event,
    "Inquiry": models.Inquiry,
    "Notification": models.Notification,
    "NotificationDelivery": models.NotificationDelivery,
    "Organization": models.Organization,
    "Report": models.Report,
    "Team": models.Team,
    "Transaction": models.Transaction,
    "User": models.User,
    "Verification": models.Verification,
    "PersonaAction": models.PersonaAction,
    "PersonaIntegration": models.PersonaIntegration,
    "Webhook": models.Webhook,
    "WebhookDelivery": models.WebhookDelivery,
    "Workflow": models.Workflow,
    "WorkflowRun": models.WorkflowRun,
}
NODE = "query($id: ID!) { node(id: $id) { id } }"

SEED = """
mutation($case: ID!, $objects: [ID!]!) {
  caseCommentAdd(input: {id: $case, body: "looked at it"}) { __typename }
  caseAttachData(input: {id: $case, label: "bank", data: {iban: "x"}}) { __typename }
  caseAddObjects(input: {id: $case, objectIds: $objects}) { __typename }
  teamCreate(input: {name: "L2", memberIds: []}) { __typename }
  webhookCreate(input: {url: "http://93.184.216.34/hook", enabledEvents: ["*"]}) { __typename }
}
"""
WORKFLOW = """
mutation {
  workflowCreate(input: {name: "tag", definition: {
    trigger: "case.created",
    routes: [{else: true, steps: [{id: "t", kind: "case_add_tags", tags: ["SEEN"]}]}]
  }}) { __typename ... on WorkflowPayload { workflow { id } } ... on Error { message } }
}
"""
RECORDS = """
mutation {
  accountCreate(input: {referenceId: "acct-1"}) { ... on AccountPayload { account { id } } }
  reportCreate(input: {reportType: "watchlist"}) { ... on ReportPayload { report { id } } }
  verificationCreate(input: {verificationType: "selfie", status: "passed"}) {
    ... on VerificationPayload { verification { id } }
  }
  transactionCreate(input: {transactionType: "wire", status: "held"}) {
    ... on TransactionPayload { transaction { id } }
  }
}
"""
PUBLISH = """
mutation($id: ID!) { workflowPublish(input: {id: $id}) { __typename } }
"""


def _ids(value: object) -> set[str]:
    """Every `id` anywhere in a response (null branches contribute nothing)."""
    if isinstance(value, dict):
        found = {v for k, v in value.items() if k == "id" and isinstance(v, str)}
        return found.union(*(_ids(v) for k, v in value.items() if k != "id"))
    if isinstance(value, list):
        return set().union(*(_ids(v) for v in value))
    return set()


def _gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def test_every_node_type_has_a_typed_path_here():
    node_types = {
        name
        for name, t in schema._schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and any(i.name == "Node" for i in t.interfaces)
    }
    assert node_types == set(TYPED) == set(MODELS)


async def _seed(admin: Api) -> dict[str, Api]:
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    callers = {
        "admin": admin,
        "reviewer": reviewer,
        "viewer": await admin.as_role("view@acme.example", Role.VIEWER),
        "other reviewer": await admin.as_role("rev2@acme.example", Role.REVIEWER),
    }
    template = await make_template(admin, notificationEmails=["ops@acme.example"])
    workflow = await admin(WORKFLOW)
    await admin(PUBLISH, id=workflow["workflowCreate"]["workflow"]["id"])
    inquiry = await make_inquiry(admin, referenceId="user-1")
    users = (await admin("{ users { nodes { id email } } }"))["users"]["nodes"]
    rev_id = next(u["id"] for u in users if u["email"] == "rev@acme.example")
    case = await make_case(reviewer, template, objectIds=[inquiry], assigneeId=rev_id)
    records = await admin(RECORDS)
    objects = [
        records["verificationCreate"]["verification"]["id"],
        records["transactionCreate"]["transaction"]["id"],
    ]
    data = await admin(SEED, case=case["id"], objects=objects)
    assert {v["__typename"] for v in data.values()} == {
        "CaseCommentAddPayload",
        "CaseAttachDataPayload",
        "CasePayload",
        "TeamPayload",
        "WebhookCreatePayload",
    }
    await NotificationFanout("https://x").drain()
    await WorkflowTrigger(max_depth=5).drain()
    await WebhookFanout().drain()
    await _persona_rows(database_id(inquiry))
    return callers


async def _persona_rows(inquiry_id: int) -> None:
    """An integration and one call back to Persona about the seeded inquiry (what ingestion
    and the write-back consumer create; tests/test_persona_*.py drive those paths)."""
    row = await models.Inquiry.get(id=inquiry_id)
    integration = await models.PersonaIntegration.create(
        organization_id=row.organization_id,
        api_base_url="https://api.withpersona.com",
        webhook_secret_encrypted="sealed",
        api_key_encrypted="sealed",
    )
    await models.PersonaAction.create(
        organization_id=row.organization_id,
        integration_id=integration.id,
        inquiry_id=inquiry_id,
        persona_inquiry_id="inq_SEED",
        action="approve",
        comment="casegraph",
        event_id=1,
    )


async def test_node_returns_exactly_what_the_typed_fields_return(admin):
    callers = await _seed(admin)
    for type_name, model in MODELS.items():
        rows = await model.all()
        assert rows, f"the seed made no {type_name}"
        every = {_gid(type_name, row.pk) for row in rows}
        for who, api in callers.items():
            typed = (await api.raw(TYPED[type_name])).get("data") or {}
            shown = _ids(typed) & every
            by_node = set()
            for gid in every:
                found = (await api(NODE, id=gid))["node"]
                if found is not None:
                    by_node.add(found["id"])
            assert by_node == shown, (type_name, who)
    # and the rules are the intended ones, not merely consistent
    inbox = {
        w: (await a("{ viewer { notifications { totalCount } } }")) for w, a in callers.items()
    }
    counts = {w: v["viewer"]["notifications"]["totalCount"] for w, v in inbox.items()}
    assert counts == {"admin": 0, "reviewer": 1, "viewer": 0, "other reviewer": 0}
    deliveries = {
        w: len(_ids((await a.raw(TYPED["NotificationDelivery"])).get("data") or {}))
        for w, a in callers.items()
    }
    # the template list's email on case.created, the assignee's on case.assigned
    assert deliveries == {"admin": 2, "reviewer": 0, "viewer": 0, "other reviewer": 0}
