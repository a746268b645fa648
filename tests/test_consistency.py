"""Concurrency and atomicity: gapless names under concurrent creates, no event without its
change, no change without its event."""

import asyncio

from app.db.models import Case, Event
from app.services.cases import change as case_changes
from tests.api import CASE_CREATE, make_case, make_template

BAD_STATUS = """
mutation($id: ID!) { caseSetStatus(input: {id: $id, status: "Nope"}) { __typename } }
"""
EVENT_COUNT = "{ events { totalCount } }"
SET_STATUS = """
mutation($id: ID!) {
  caseSetStatus(input: {id: $id, status: "Approved", comment: "ok"}) { __typename }
}
"""


async def test_fifty_concurrent_creates_get_gapless_unique_names(admin):
    template = await make_template(admin)
    other = await make_template(admin, "AML")
    calls = [admin(CASE_CREATE, input={"templateId": template}) for _ in range(50)]
    calls += [admin(CASE_CREATE, input={"templateId": other}) for _ in range(10)]
    results = await asyncio.gather(*calls)
    names = sorted(r["caseCreate"]["case"]["name"] for r in results)
    assert names == sorted([f"KYC-{i}" for i in range(1, 51)] + [f"AML-{i}" for i in range(1, 11)])
    assert await Event.filter(name="case.created").count() == 60


async def test_a_failing_change_leaves_no_event_and_no_row(admin, monkeypatch, caplog):
    case = await make_case(admin, await make_template(admin))
    before = (await admin(EVENT_COUNT))["events"]["totalCount"]

    async def broken_comment(**kwargs):
        raise RuntimeError("disk full")

    # fail after the case row and its status events were written, inside the transaction
    monkeypatch.setattr(case_changes.CaseComment, "create", broken_comment)
    body = await admin.raw(SET_STATUS, id=case["id"])
    error = body["errors"][0]
    error_id = error["extensions"]["errorId"]
    assert body["data"] is None
    assert error["message"] == f"internal error (id {error_id}): the operators' log has the details"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "errorId": error_id}
    logged = [r for r in caplog.records if r.name == "casegraph.errors"]
    assert [r.getMessage() for r in logged] == [
        f"internal error {error_id} at caseSetStatus: RuntimeError: disk full"
    ]
    assert logged[0].exc_info is not None  # the traceback is in the log, not the response
    monkeypatch.undo()
    assert (await admin(EVENT_COUNT))["events"]["totalCount"] == before
    row = await Case.get(name="KYC-1")
    assert (row.status, row.version, row.resolution) == ("Open", 1, None)


async def test_a_refused_change_leaves_no_event(admin):
    case = await make_case(admin, await make_template(admin))
    before = await Event.all().count()
    data = await admin(
        'mutation($id: ID!) { caseSetStatus(input: {id: $id, status: "Nope"}) { __typename } }',
        id=case["id"],
    )
    assert data == {"caseSetStatus": {"__typename": "ValidationError"}}
    assert await Event.all().count() == before
