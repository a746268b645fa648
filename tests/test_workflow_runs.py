"""Workflow runs: every step kind, continue-on-error, versions, pause, dry run, loop guard,
and exactly-once execution when a worker dies mid-run."""

import contextlib
import datetime as dt

from app.db.models import CaseComment, Event, NotificationDelivery, WorkflowRun
from app.services.cases import objects as case_objects
from app.settings import Settings
from app.workers.runner import Workers
from app.workers.workflows import LEASE, WorkflowExecutor, WorkflowTrigger
from tests.api import database_id, make_case, make_inquiry, make_template

CREATE = """
mutation($name: String!, $definition: JSON!) {
  workflowCreate(input: {name: $name, definition: $definition}) {
    __typename
    ... on WorkflowPayload { workflow { id } }
    ... on ValidationError { problems { field message } }
  }
}
"""
UPDATE = """
mutation($id: ID!, $definition: JSON!) {
  workflowUpdateDraft(input: {id: $id, definition: $definition}) { __typename }
}
"""
PUBLISH = """
mutation($id: ID!) { workflowPublish(input: {id: $id}) { __typename } }
"""
PAUSE = (
    "mutation($id: ID!) { workflowPause(input: {id: $id}) { __typename ... on Error { message } } }"
)
RESUME = "mutation($id: ID!) { workflowResume(input: {id: $id}) { __typename } }"
RUNS = """
query($id: ID) {
  workflowRuns(filter: {workflowId: $id}) {
    nodes {
      version status route depth error eventName
      steps { id kind status input output error startedAt finishedAt }
    }
  }
}
"""
CASE = """
query($id: ID!) {
  case(id: $id) {
    status tags fields slaExpiresAt assignee { email }
    comments { nodes { body author { type } } }
    inquiries { referenceId }
    workflowRuns { route status }
  }
}
"""
WORKFLOW = """
query($id: ID!) {
  workflow(id: $id) { name status trigger publishedVersion versions { version } draft }
}
"""
DRY_RUN = """
query($workflow: ID!, $event: ID!, $version: Int) {
  workflowDryRun(workflowId: $workflow, eventId: $event, version: $version) {
    route steps { id kind input }
  }
}
"""
EVENTS = "query($names: [String!]) { events(names: $names) { nodes { id name } } }"
USER = """
mutation($email: String!) {
  userCreate(input: {email: $email, name: "R", role: REVIEWER}) {
    ... on UserCreatePayload { user { id } }
  }
}
"""
TEAM = """
mutation($ids: [ID!]!) { teamCreate(input: {name: "L2", memberIds: $ids}) { __typename } }
"""
INQUIRY_STATUS = """
mutation($id: ID!, $s: InquiryStatus!) {
  inquirySetStatus(input: {id: $id, status: $s}) { __typename }
}
"""
CASE_NAMES = "{ cases { nodes { name } } }"
TAGS = 'mutation($id: ID!) { caseSetTags(input: {id: $id, tags: ["start"]}) { __typename } }'


def _workers(**overrides: object) -> Workers:
    return Workers(Settings(**overrides))


async def _publish(admin, definition, name="wf"):
    created = (await admin(CREATE, name=name, definition=definition))["workflowCreate"]
    assert created["__typename"] == "WorkflowPayload", created
    workflow = created["workflow"]["id"]
    assert (await admin(PUBLISH, id=workflow))["workflowPublish"]["__typename"] == "WorkflowPayload"
    return workflow


def _on_created(*steps, criteria=None):
    return {
        "trigger": "case.created",
        "criteria": criteria,
        "routes": [
            {"name": "all", "when": {"path": "case.status", "op": "exists"}, "steps": list(steps)}
        ],
    }


async def test_every_case_step_kind(admin):
    template = await make_template(admin)
    await make_template(admin, "AML")
    await admin(USER, email="ann@acme.example")
    bob = (await admin(USER, email="bob@acme.example"))["userCreate"]["user"]["id"]
    await admin(TEAM, ids=[bob])
    await _publish(
        admin,
        _on_created(
            {"id": "tag", "kind": "case_set_tags", "tags": ["auto"]},
            {"id": "more", "kind": "case_add_tags", "tags": ["vip"]},
            {"id": "note", "kind": "case_add_comment", "body": "opened by automation"},
            {"id": "sla", "kind": "case_set_sla", "seconds": 3600},
            {"id": "nosla", "kind": "case_clear_sla"},
            {"id": "sla2", "kind": "case_set_sla", "seconds": 7200},
            {"id": "who", "kind": "case_assign", "user": "ann@acme.example"},
            {"id": "status", "kind": "case_set_status", "status": "Pending", "comment": "queued"},
            {"id": "mail", "kind": "notify", "emails": ["ops@acme.example"],
             "users": ["bob@acme.example"], "subject": "New case", "body": "Look at it"},
            criteria={"path": "case.template.key", "op": "eq", "value": "KYC"},
        ),
    )  # fmt: skip
    inquiry = await make_inquiry(admin, referenceId="r-1")
    case = await make_case(admin, template)
    before = dt.datetime.now(dt.UTC)
    await _workers().run_once()
    after = dt.datetime.now(dt.UTC)
    detail = (await admin(CASE, id=case["id"]))["case"]
    assert detail["tags"] == ["auto", "vip"]
    assert detail["status"] == "Pending"
    two_hours = dt.timedelta(hours=2)  # the last SLA step: sla2
    assert (
        before + two_hours <= dt.datetime.fromisoformat(detail["slaExpiresAt"]) <= after + two_hours
    )
    assert detail["assignee"] == {"email": "ann@acme.example"}
    assert detail["comments"]["nodes"] == [
        {"body": "opened by automation", "author": {"type": "WORKFLOW_RUN"}},
        {"body": "queued", "author": {"type": "WORKFLOW_RUN"}},
    ]
    assert detail["workflowRuns"] == [{"route": "all", "status": "succeeded"}]
    recipients = sorted(
        await NotificationDelivery.filter(subject="New case").values_list("recipient", flat=True)
    )
    assert recipients == ["bob@acme.example", "ops@acme.example"]
    # team and policy assignment, object attachment, inquiry trigger data into fields
    await _publish(
        admin,
        {
            "trigger": "inquiry.completed",
            "routes": [{"name": "open", "else": True, "steps": [
                {"id": "open", "kind": "case_create", "template": "AML", "link_trigger": False,
                 "fields": {}, "tags": [{"path": "inquiry.reference_id"}], "sla_seconds": 60},
                {"id": "attach", "kind": "case_attach_objects", "case": "steps.open"},
                {"id": "team", "kind": "case_assign", "case": "steps.open", "team": "L2"},
            ]}],
        },
        name="aml",
    )  # fmt: skip
    for status in ("PENDING", "COMPLETED"):
        await admin(INQUIRY_STATUS, id=inquiry, s=status)
    before = dt.datetime.now(dt.UTC)
    await _workers().run_once()
    after = dt.datetime.now(dt.UTC)
    runs = (await admin(RUNS))["workflowRuns"]["nodes"]
    aml_run = next(r for r in runs if r["eventName"] == "inquiry.completed")
    assert [(s["id"], s["status"]) for s in aml_run["steps"]] == [
        ("open", "succeeded"), ("attach", "succeeded"), ("team", "succeeded"),
    ]  # fmt: skip
    aml_case = aml_run["steps"][0]["output"]
    assert aml_case["case_name"] == "AML-1"
    assert aml_run["steps"][0]["input"]["tags"] == ["r-1"]
    assert aml_run["steps"][2]["output"]["assignee_id"] == database_id(bob)  # L2's only member
    for step in aml_run["steps"]:
        started = dt.datetime.fromisoformat(step["startedAt"])
        finished = dt.datetime.fromisoformat(step["finishedAt"])
        assert before <= started <= finished <= after


async def test_continue_on_error_and_failure(admin):
    template = await make_template(admin)
    await _publish(
        admin,
        _on_created(
            {
                "id": "bad",
                "kind": "case_assign",
                "user": "nobody@acme.example",
                "continue_on_error": True,
            },
            {"id": "good", "kind": "case_add_tags", "tags": ["after"]},
            {"id": "fatal", "kind": "case_assign", "user": "nobody@acme.example"},
            {"id": "never", "kind": "case_add_tags", "tags": ["never"]},
        ),
    )
    case = await make_case(admin, template)
    await _workers().run_once()
    run = (await admin(RUNS))["workflowRuns"]["nodes"][0]
    assert run["status"] == "failed"
    assert run["error"] == "step 'fatal' failed: user: User not found"
    assert [(s["id"], s["status"]) for s in run["steps"]] == [
        ("bad", "failed"), ("good", "succeeded"), ("fatal", "failed"), ("never", "pending"),
    ]  # fmt: skip
    assert (await admin(CASE, id=case["id"]))["case"]["tags"] == ["after"]


async def test_versions_pause_and_resume(admin):
    template = await make_template(admin)
    workflow = await _publish(
        admin, _on_created({"id": "a", "kind": "case_add_tags", "tags": ["v1"]})
    )
    await admin(
        UPDATE,
        id=workflow,
        definition=_on_created({"id": "a", "kind": "case_add_tags", "tags": ["v2"]}),
    )
    first = await make_case(admin, template)
    await _workers().run_once()
    assert (await admin(CASE, id=first["id"]))["case"]["tags"] == ["v1"]  # the draft is not live
    await admin(PUBLISH, id=workflow)
    assert (await admin(PAUSE, id=workflow))["workflowPause"]["__typename"] == "WorkflowPayload"
    assert (await admin(PAUSE, id=workflow))["workflowPause"][
        "message"
    ] == "id: the workflow is already paused"
    paused = await make_case(admin, template)
    await _workers().run_once()
    assert (await admin(CASE, id=paused["id"]))["case"]["tags"] == []
    await admin(RESUME, id=workflow)
    third = await make_case(admin, template)
    await _workers().run_once()
    assert (await admin(CASE, id=third["id"]))["case"]["tags"] == ["v2"]
    info = (await admin(WORKFLOW, id=workflow))["workflow"]
    assert (info["status"], info["publishedVersion"], info["trigger"]) == (
        "active",
        2,
        "case.created",
    )
    assert info["versions"] == [{"version": 1}, {"version": 2}]
    assert [r["version"] for r in (await admin(RUNS, id=workflow))["workflowRuns"]["nodes"]] == [
        2,
        1,
    ]


async def test_dry_run_writes_nothing(admin):
    template = await make_template(admin)
    workflow = await _publish(
        admin, _on_created({"id": "t", "kind": "case_set_tags", "tags": [{"path": "case.name"}]})
    )
    await make_case(admin, template)
    event = (await admin(EVENTS, names=["case.created"]))["events"]["nodes"][0]["id"]
    before = await Event.all().count()
    plan = (await admin(DRY_RUN, workflow=workflow, event=event, version=1))["workflowDryRun"]
    assert plan == {
        "route": "all",
        "steps": [{"id": "t", "kind": "case_set_tags", "input": {"tags": ["KYC-1"]}}],
    }
    assert await Event.all().count() == before
    assert await WorkflowRun.all().count() == 0


async def test_invalid_definitions_are_rejected_naming_the_place(admin):
    bad = _on_created({"id": "x", "kind": "case_create", "template": "NOPE"})
    data = await admin(CREATE, name="bad", definition=bad)
    assert data["workflowCreate"] == {
        "__typename": "ValidationError",
        "problems": [
            {"field": "definition.routes.0.steps.0.template", "message": "unknown template 'NOPE'"}
        ],
    }


async def test_the_loop_guard_stops_a_runaway_chain(admin):
    template = await make_template(admin)
    # every tag change flips the tags: a chain that would never end
    await _publish(
        admin,
        {
            "trigger": "case.updated-tags",
            "routes": [
                {"name": "to b", "when": {"path": "case.tags", "op": "contains", "value": "a"},
                 "steps": [{"id": "t", "kind": "case_set_tags", "tags": ["b"]}]},
                {"name": "to a", "else": True,
                 "steps": [{"id": "t", "kind": "case_set_tags", "tags": ["a"]}]},
            ],
        },
    )  # fmt: skip
    case = await make_case(admin, template)
    await admin(TAGS, id=case["id"])
    workers = _workers(workflow_max_depth=2)
    for _ in range(6):
        await workers.run_once()
    runs = (await admin(RUNS))["workflowRuns"]["nodes"]
    assert [r["depth"] for r in runs][::-1][:4] == [0, 1, 2, 3]
    guarded = next(r for r in runs if r["depth"] == 3)
    assert guarded["status"] == "failed"
    assert (
        guarded["error"]
        == "loop guard: chain of workflow-caused events 3 deep exceeds the limit of 2"
    )
    assert len(runs) == 4


async def test_a_worker_killed_between_steps_resumes_without_repeating(admin):
    await make_template(admin)
    await _publish(
        admin,
        {
            "trigger": "inquiry.completed",
            "routes": [{"name": "open", "else": True, "steps": [
                {"id": "open", "kind": "case_create", "template": "KYC"},
                {"id": "note", "kind": "case_add_comment", "case": "steps.open", "body": "hi"},
            ]}],
        },
    )  # fmt: skip
    inquiry = await make_inquiry(admin)
    for status in ("PENDING", "COMPLETED"):
        await admin(INQUIRY_STATUS, id=inquiry, s=status)
    await WorkflowTrigger(5).drain()

    class Killed(BaseException):
        pass

    async def die(run, index):
        raise Killed

    now = dt.datetime.now(dt.UTC)
    with contextlib.suppress(Killed):
        await WorkflowExecutor(after_step=die).run_once(now=now)
    run = await WorkflowRun.get()
    assert (run.status, [s["status"] for s in run.steps]) == ("running", ["succeeded", "pending"])
    # within the lease nobody else takes it over
    assert await WorkflowExecutor().run_once(now=now + dt.timedelta(seconds=5)) == 0
    # a worker dying inside a step rolls that step back entirely
    original = case_objects.add_comment

    async def comment_then_die(**kwargs):
        await original(**kwargs)
        raise Killed

    case_objects.add_comment = comment_then_die
    try:
        await WorkflowExecutor().run_once(now=now + LEASE + dt.timedelta(seconds=1))
    except Killed:
        pass
    finally:
        case_objects.add_comment = original
    assert await CaseComment.all().count() == 0
    await WorkflowExecutor().run_once(now=now + 2 * LEASE + dt.timedelta(seconds=2))
    run = await WorkflowRun.get()
    assert (run.status, [s["status"] for s in run.steps]) == (
        "succeeded",
        ["succeeded", "succeeded"],
    )
    assert await CaseComment.all().count() == 1
    cases = (await admin(CASE_NAMES))["cases"]["nodes"]
    assert cases == [{"name": "KYC-1"}]


POLICY = """
mutation($id: ID!, $users: [ID!]!) {
  caseTemplateUpdate(input: {id: $id, assignmentPolicy: ROUND_ROBIN, assignmentUserIds: $users}) {
    __typename
  }
}
"""
ACCOUNT = """
mutation { accountCreate(input: {referenceId: "acct", fields: {tier: "gold"}}) {
  ... on AccountPayload { account { id } } } }
"""


COMMENT = """
mutation($id: ID!) { caseCommentAdd(input: {id: $id, body: "please route"}) { __typename } }
"""
ASSIGNEE = "query($id: ID!) { case(id: $id) { assignee { email } } }"


async def test_assign_by_the_templates_policy(admin):
    template = await make_template(admin)
    ann = (await admin(USER, email="ann@acme.example"))["userCreate"]["user"]["id"]
    await admin(POLICY, id=template, users=[])
    case = await make_case(admin, template)  # nobody in the pool yet: it waits
    await admin(POLICY, id=template, users=[ann])
    await _publish(
        admin,
        {
            "trigger": "case.commented",
            "routes": [{"name": "route",
                        "when": {"path": "case.assignee_id", "op": "exists", "value": False},
                        "steps": [{"id": "route", "kind": "case_assign", "policy": True}]}],
        },
    )  # fmt: skip
    await admin(COMMENT, id=case["id"])
    await WorkflowTrigger(5).drain()
    await WorkflowExecutor().run_once()
    assert (await admin(ASSIGNEE, id=case["id"]))["case"]["assignee"] == {
        "email": "ann@acme.example"
    }


async def test_conditions_read_the_inquirys_account(admin):
    await make_template(admin)
    account = (await admin(ACCOUNT))["accountCreate"]["account"]["id"]
    await _publish(
        admin,
        {
            "trigger": "inquiry.completed",
            "routes": [{"name": "gold",
                        "when": {"path": "account.fields.tier", "op": "eq", "value": "gold"},
                        "steps": [{"id": "open", "kind": "case_create", "template": "KYC"}]}],
        },
    )  # fmt: skip
    gold = await make_inquiry(admin, accountId=account)
    plain = await make_inquiry(admin)
    for inquiry in (gold, plain):
        for status in ("PENDING", "COMPLETED"):
            await admin(INQUIRY_STATUS, id=inquiry, s=status)
    await _workers().run_once()
    runs = (await admin(RUNS))["workflowRuns"]["nodes"]
    # newest first: the plain inquiry completed last
    assert [(r["route"], r["status"]) for r in runs] == [(None, "skipped"), ("gold", "succeeded")]
    assert (await admin(CASE_NAMES))["cases"]["nodes"] == [{"name": "KYC-1"}]
