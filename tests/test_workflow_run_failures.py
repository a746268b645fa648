"""Workflow runs that raise: recorded with their error and attempts, retried with backoff,
then dead, never stalling the other runs of their batch; claims fair across organizations;
a deep condition refused at save."""

import datetime as dt
import json

from tortoise.connection import get_connection

from app.db.models import Organization, WorkflowRun, WorkflowVersion
from app.services.cases import objects as case_objects
from app.services.workflow_runs import MAX_ERROR_LENGTH, describe
from app.workers.notifications import RetryPolicy
from app.workers.workflows import WorkflowExecutor, WorkflowTrigger
from tests.api import make_case, make_template

CREATE = """
mutation($name: String!, $definition: JSON!) {
  workflowCreate(input: {name: $name, definition: $definition}) {
    __typename
    ... on WorkflowPayload { workflow { id } }
    ... on ValidationError { problems { field message } }
  }
}
"""
PUBLISH = "mutation($id: ID!) { workflowPublish(input: {id: $id}) { __typename } }"
RUNS = """
query($status: String) {
  workflowRuns(filter: {status: $status}) {
    nodes { status attempts nextAttemptAt error route steps { id status } }
  }
}
"""
TAGS = "query($id: ID!) { case(id: $id) { tags comments { nodes { body } } } }"
T0 = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
TAG = {"id": "tag", "kind": "case_add_tags", "tags": ["auto"]}
NOTE = {"id": "note", "kind": "case_add_comment", "body": "hello"}


def _on_created(*steps, criteria=None):
    return {
        "trigger": "case.created",
        "criteria": criteria,
        "routes": [{"name": "all", "else": True, "steps": list(steps)}],
    }


async def _store_raw(version_id: int, definition: dict) -> None:
    """Write a definition as raw JSON text, past every check (and past encoders that refuse
    deep nesting), as an old row written before the limits existed would be."""
    connection = get_connection("default")
    marks = ("$1", "$2") if connection.capabilities.dialect == "postgres" else ("?", "?")
    await connection.execute_query(
        f"UPDATE workflow_version SET definition = {marks[0]} WHERE id = {marks[1]}",
        [json.dumps(definition), version_id],
    )


def _deep(levels):
    cond = {"path": "case.status", "op": "exists"}
    for _ in range(levels - 1):
        cond = {"all": [cond]}
    return cond


async def _publish(api, definition):
    created = (await api(CREATE, name="wf", definition=definition))["workflowCreate"]
    assert created["__typename"] == "WorkflowPayload", created
    workflow = created["workflow"]["id"]
    assert (await api(PUBLISH, id=workflow))["workflowPublish"]["__typename"] == "WorkflowPayload"
    return workflow


async def test_a_deep_condition_is_refused_at_save_naming_the_limit(admin):
    # 12 levels: deeper than the rule allows, shallow enough for the HTTP edge's JSON depth cap
    data = await admin(CREATE, name="deep", definition=_on_created(TAG, criteria=_deep(12)))
    assert data["workflowCreate"] == {
        "__typename": "ValidationError",
        "problems": [
            {
                "field": "definition.criteria" + ".all.0" * 10,
                "message": "conditions nest at most 10 levels deep",
            }
        ],
    }


async def test_a_run_that_raises_is_retried_then_dead_and_never_stalls_its_batch(
    admin, other_admin
):
    acme_template = await make_template(admin)
    globex_template = await make_template(other_admin)
    await _publish(admin, _on_created(TAG))
    await _publish(other_admin, _on_created(TAG))
    # a definition stored before conditions were bounded: evaluating it overflows the stack
    acme = await Organization.get(name="Acme")
    version = await WorkflowVersion.get(workflow__organization_id=acme.id)
    await _store_raw(version.id, _on_created(TAG, criteria=_deep(400)))
    acme_case = await make_case(admin, acme_template)
    globex_case = await make_case(other_admin, globex_template)
    await WorkflowTrigger(5).drain()
    executor = WorkflowExecutor(retry=RetryPolicy(base_seconds=5, max_attempts=3))

    assert await executor.run_once(now=T0) == 2  # one batch: the failing run comes first
    failing, other = await WorkflowRun.all().order_by("id")
    assert failing.organization_id == acme.id
    assert (failing.status, failing.attempts) == ("pending", 1)
    assert failing.error == "RecursionError: maximum recursion depth exceeded"
    assert failing.next_attempt_at == T0 + dt.timedelta(seconds=5)
    assert (failing.lease_until, failing.finished_at, failing.steps) == (None, None, [])
    assert (other.status, other.attempts, other.error) == ("succeeded", 1, None)
    assert (await other_admin(TAGS, id=globex_case["id"]))["case"]["tags"] == ["auto"]

    assert await executor.run_once(now=T0 + dt.timedelta(seconds=4.999)) == 0
    assert await executor.run_once(now=T0 + dt.timedelta(seconds=5)) == 1
    await failing.refresh_from_db()
    assert (failing.status, failing.attempts) == ("pending", 2)
    assert failing.next_attempt_at == T0 + dt.timedelta(seconds=15)  # 5 s, then 10 s
    assert await executor.run_once(now=T0 + dt.timedelta(seconds=14)) == 0
    assert await executor.run_once(now=T0 + dt.timedelta(seconds=15)) == 1
    await failing.refresh_from_db()
    assert (failing.status, failing.attempts) == ("dead", 3)
    assert (failing.next_attempt_at, failing.lease_until) == (None, None)
    assert failing.finished_at == T0 + dt.timedelta(seconds=15)
    assert await executor.run_once(now=T0 + dt.timedelta(days=1)) == 0
    assert (await admin(RUNS))["workflowRuns"]["nodes"] == [
        {
            "status": "dead",
            "attempts": 3,
            "nextAttemptAt": None,
            "error": "RecursionError: maximum recursion depth exceeded",
            "route": None,
            "steps": [],
        }
    ]
    assert (await admin(RUNS, status="dead"))["workflowRuns"]["nodes"][0]["attempts"] == 3
    assert (await admin(TAGS, id=acme_case["id"]))["case"]["tags"] == []


async def test_a_step_that_raises_rolls_back_and_the_retry_resumes_at_it(admin, monkeypatch):
    template = await make_template(admin)
    await _publish(admin, _on_created(TAG, NOTE))
    case = await make_case(admin, template)
    await WorkflowTrigger(5).drain()
    original = case_objects.add_comment

    async def broken(**kwargs):
        await original(**kwargs)
        raise RuntimeError("connection reset by peer")

    monkeypatch.setattr(case_objects, "add_comment", broken)
    executor = WorkflowExecutor()  # the defaults: 5 s, doubling, 5 attempts
    assert await executor.run_once(now=T0) == 1
    run = (await admin(RUNS))["workflowRuns"]["nodes"][0]
    assert run == {
        "status": "pending",
        "attempts": 1,
        "nextAttemptAt": "2026-11-25T12:00:05+00:00",
        "error": "RuntimeError: connection reset by peer",
        "route": "all",
        "steps": [{"id": "tag", "status": "succeeded"}, {"id": "note", "status": "pending"}],
    }
    assert (await admin(TAGS, id=case["id"]))["case"] == {
        "tags": ["auto"],
        "comments": {"nodes": []},
    }
    monkeypatch.setattr(case_objects, "add_comment", original)
    assert await executor.run_once(now=T0 + dt.timedelta(seconds=5)) == 1
    run = (await admin(RUNS))["workflowRuns"]["nodes"][0]
    assert (run["status"], run["attempts"], run["error"], run["nextAttemptAt"]) == (
        "succeeded",
        2,
        None,
        None,
    )
    assert (await admin(TAGS, id=case["id"]))["case"] == {
        "tags": ["auto"],
        "comments": {"nodes": [{"body": "hello"}]},
    }


async def test_claims_are_fair_across_organizations(admin, other_admin):
    acme_template = await make_template(admin)
    globex_template = await make_template(other_admin)
    await _publish(admin, _on_created(TAG))
    await _publish(other_admin, _on_created(TAG))
    for _ in range(50):
        await make_case(admin, acme_template)
    globex_case = await make_case(other_admin, globex_template)  # the newest run of all
    await WorkflowTrigger(5).drain()
    globex = await Organization.get(name="Globex")

    assert await WorkflowExecutor(per_organization=5).run_once(now=T0, limit=20) == 6
    done = await WorkflowRun.filter(status="succeeded").order_by("id")
    assert [r.organization_id == globex.id for r in done] == [False] * 5 + [True]
    assert await WorkflowRun.filter(status="pending").count() == 45
    assert (await other_admin(TAGS, id=globex_case["id"]))["case"]["tags"] == ["auto"]
    # round-robin within the batch: the limit counts across organizations
    assert await WorkflowExecutor(per_organization=30).run_once(now=T0, limit=20) == 20
    assert await WorkflowRun.filter(status="pending").count() == 25


def test_recorded_errors_are_bounded():
    assert describe(ValueError("x" * 1000)) == "ValueError: " + "x" * 487 + "…"
    assert len(describe(ValueError("x" * 1000))) == MAX_ERROR_LENGTH == 500
    assert describe(RecursionError()) == "RecursionError"
