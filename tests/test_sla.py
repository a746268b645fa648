"""The SLA lifecycle through the API: a default deadline from the template, warning and breach
fired by the deadline worker within 2 s, pause and resume, resolution before and after the
deadline, moved and cleared deadlines, two racing workers, a worker that was down."""

import asyncio
import datetime as dt

from app.db.models import Case, SlaTimer
from app.db.models.cases import SLA_ORDER_NONE
from app.domain.principal import Role
from app.settings import Settings
from app.workers.runner import Workers
from app.workers.sla import SlaDeadlines
from tests.api import make_case, make_template

USERS = "{ users { nodes { id email } } }"
CASE = """
query($id: ID!) {
  node(id: $id) {
    ... on Case { name status slaState slaExpiresAt slaBreachedAt slaPausedAt assignee { email } }
  }
}
"""
SLA_EVENTS = """
{ events(first: 100, names: ["case.sla-warning", "case.sla-expired", "case.sla-updated"]) {
    nodes { name occurredAt subjectId
            data { ... on CaseSlaExpiredData { slaExpiresAt }
                   ... on CaseSlaWarningData { slaExpiresAt }
                   ... on CaseSlaUpdatedData { newDeadline: slaExpiresAt } } } } }
"""
SET_STATUS = """
mutation($id: ID!, $status: String!) {
  caseSetStatus(input: {id: $id, status: $status}) { __typename ... on Error { message } }
}
"""
SET_SLA = """
mutation($id: ID!, $seconds: Int) {
  caseUpdate(input: {id: $id, slaExpiresInSeconds: $seconds}) {
    __typename ... on CasePayload { case { slaExpiresAt slaState } }
  }
}
"""
TEMPLATE_UPDATE = """
mutation($input: CaseTemplateUpdateInput!) {
  caseTemplateUpdate(input: $input) {
    __typename
    ... on CaseTemplatePayload {
      caseTemplate { slaSeconds slaWarningSeconds slaPausedStatuses
                     businessHours { timezone weekdays start end } }
    }
    ... on ValidationError { problems { field message } }
  }
}
"""
LIST = """
query($states: [SlaState!], $order: CaseOrder) {
  cases(filter: {slaStates: $states}, orderBy: $order) { nodes { name slaState } }
}
"""
DELIVERIES = "{ notificationDeliveries { nodes { recipient subject } } }"


def _at(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


async def _sla_events(admin):
    return (await admin(SLA_EVENTS))["events"]["nodes"]


async def _case(admin, case_id):
    return (await admin(CASE, id=case_id))["node"]


async def _template(admin, **sla):
    template = await make_template(admin, notificationEmails=["leads@acme.example"])
    if not sla:
        return template
    result = (await admin(TEMPLATE_UPDATE, input={"id": template, **sla}))["caseTemplateUpdate"]
    assert result["__typename"] == "CaseTemplatePayload", result
    return template


async def test_template_settings_are_validated_and_shown(admin):
    template = await make_template(admin)
    bad = await admin(
        TEMPLATE_UPDATE,
        input={
            "id": template,
            "slaSeconds": 0,
            "businessHours": {
                "timezone": "Mars/Olympus",
                "weekdays": ["MONDAY"],
                "start": "09:00",
                "end": "17:00",
            },
        },
    )
    assert bad["caseTemplateUpdate"]["problems"] == [
        {"field": "slaSeconds", "message": "must be between 1 and 7776000 seconds"}
    ]
    bad = await admin(TEMPLATE_UPDATE, input={"id": template, "slaPausedStatuses": ["Approved"]})
    assert bad["caseTemplateUpdate"]["problems"] == [
        {
            "field": "slaPausedStatuses.0",
            "message": "'Approved' is an end status; resolved cases have no clock",
        }
    ]
    bad = await admin(
        TEMPLATE_UPDATE,
        input={
            "id": template,
            "businessHours": {
                "timezone": "Mars/Olympus",
                "weekdays": ["MONDAY"],
                "start": "09:00",
                "end": "17:00",
            },
        },
    )
    assert bad["caseTemplateUpdate"]["problems"] == [
        {"field": "businessHours.timezone", "message": "must be an IANA timezone name"}
    ]
    good = await admin(
        TEMPLATE_UPDATE,
        input={
            "id": template,
            "slaSeconds": 7200,
            "slaWarningSeconds": 600,
            "slaPausedStatuses": ["Pending"],
            "businessHours": {
                "timezone": "Europe/Berlin",
                "weekdays": ["FRIDAY", "MONDAY"],
                "start": "09:00",
                "end": "17:30",
            },
        },
    )
    assert good["caseTemplateUpdate"]["caseTemplate"] == {
        "slaSeconds": 7200,
        "slaWarningSeconds": 600,
        "slaPausedStatuses": ["Pending"],
        "businessHours": {
            "timezone": "Europe/Berlin",
            "weekdays": ["MONDAY", "FRIDAY"],
            "start": "09:00:00",
            "end": "17:30:00",
        },
    }


async def test_default_deadline_warning_and_breach_fire_within_two_seconds(admin):
    await admin.as_role("rev@acme.example", Role.REVIEWER)
    users = {u["email"]: u["id"] for u in (await admin(USERS))["users"]["nodes"]}
    template = await _template(admin, slaSeconds=2, slaWarningSeconds=1)
    case = await make_case(admin, template, assigneeId=users["rev@acme.example"])
    own = await make_case(admin, template, slaExpiresInSeconds=3600)
    created = await _case(admin, case["id"])
    assert created["slaState"] == "ON_TRACK"
    deadline = _at(created["slaExpiresAt"])
    assert _at((await _case(admin, own["id"]))["slaExpiresAt"]) - deadline > dt.timedelta(
        seconds=3500
    )
    workers = Workers(Settings(sla_poll_seconds=0.1, worker_poll_seconds=0.1))
    workers.start()
    try:
        for _ in range(60):
            await asyncio.sleep(0.1)
            if len(await _sla_events(admin)) == 2:
                break
        await asyncio.sleep(0.3)  # the notification fan-out catches up
    finally:
        await workers.stop()
    events = await _sla_events(admin)
    assert [(e["name"], e["subjectId"]) for e in events] == [
        ("case.sla-warning", case["id"]),
        ("case.sla-expired", case["id"]),
    ]
    warning, expired = events
    assert _at(warning["data"]["slaExpiresAt"]) == deadline
    assert _at(expired["data"]["slaExpiresAt"]) == deadline
    assert dt.timedelta(0) <= _at(warning["occurredAt"]) - (deadline - dt.timedelta(seconds=1))
    assert _at(warning["occurredAt"]) - (deadline - dt.timedelta(seconds=1)) < dt.timedelta(
        seconds=2
    )
    assert dt.timedelta(0) <= _at(expired["occurredAt"]) - deadline < dt.timedelta(seconds=2)
    after = await _case(admin, case["id"])
    assert (after["slaState"], _at(after["slaBreachedAt"])) == ("BREACHED", deadline)
    deliveries = (await admin(DELIVERIES))["notificationDeliveries"]["nodes"]
    sla_mail = sorted((d["recipient"], d["subject"]) for d in deliveries if "SLA" in d["subject"])
    assert sla_mail == [
        ("leads@acme.example", "SLA of case KYC-1 (KYC review) expired"),
        ("leads@acme.example", "SLA of case KYC-1 (KYC review) expires soon"),
        ("rev@acme.example", "SLA of case KYC-1 (KYC review) expired"),
        ("rev@acme.example", "SLA of case KYC-1 (KYC review) expires soon"),
    ]
    # nothing fires twice: a later pass finds no due timer
    assert await SlaDeadlines().run_once(now=deadline + dt.timedelta(minutes=10)) == 0
    assert await SlaTimer.all().count() == 2  # the other case's warning and expiry, an hour away


async def test_a_paused_status_stops_the_clock_and_resuming_moves_the_deadline(admin):
    template = await _template(admin, slaSeconds=3600, slaPausedStatuses=["Pending"])
    case = await make_case(admin, template)
    deadline = _at((await _case(admin, case["id"]))["slaExpiresAt"])
    await admin(SET_STATUS, id=case["id"], status="Pending")
    paused = await _case(admin, case["id"])
    assert (paused["slaState"], _at(paused["slaExpiresAt"])) == ("PAUSED", deadline)
    assert await SlaTimer.all().count() == 0
    assert await SlaDeadlines().run_once(now=deadline + dt.timedelta(hours=5)) == 0
    await asyncio.sleep(0.5)
    await admin(SET_STATUS, id=case["id"], status="Open")
    resumed = await _case(admin, case["id"])
    moved = _at(resumed["slaExpiresAt"]) - deadline
    assert resumed["slaState"] == "ON_TRACK" and resumed["slaPausedAt"] is None
    assert dt.timedelta(seconds=0.5) <= moved < dt.timedelta(seconds=1.5)
    names = [e["name"] for e in await _sla_events(admin)]
    assert names == ["case.sla-updated"]
    assert await SlaDeadlines().run_once(now=deadline + dt.timedelta(seconds=0.4)) == 0
    assert await SlaDeadlines().run_once(now=deadline + moved) == 1
    assert [e["name"] for e in await _sla_events(admin)][-1] == "case.sla-expired"


async def test_resolution_before_the_deadline_is_met_and_after_it_is_breached(admin):
    template = await _template(admin)
    early = await make_case(admin, template, slaExpiresInSeconds=3600)
    late = await make_case(admin, template, slaExpiresInSeconds=1)
    await admin(SET_STATUS, id=early["id"], status="Approved")
    await asyncio.sleep(1.1)
    deadline = _at((await _case(admin, late["id"]))["slaExpiresAt"])
    assert await SlaDeadlines().run_once() == 1  # the late case's breach
    await admin(SET_STATUS, id=late["id"], status="Declined")
    assert (await _case(admin, early["id"]))["slaState"] == "MET"
    resolved_late = await _case(admin, late["id"])
    assert (resolved_late["slaState"], _at(resolved_late["slaBreachedAt"])) == (
        "BREACHED",
        deadline,
    )
    assert await SlaDeadlines().run_once(now=deadline + dt.timedelta(days=2)) == 0
    assert [e["name"] for e in await _sla_events(admin)] == ["case.sla-expired"]


async def test_moved_and_cleared_deadlines_emit_nothing_for_the_old_moment(admin):
    template = await _template(admin, slaWarningSeconds=1)
    moved = await make_case(admin, template, slaExpiresInSeconds=2)
    cleared = await make_case(admin, template, slaExpiresInSeconds=2)
    first = _at((await _case(admin, moved["id"]))["slaExpiresAt"])
    later = (await admin(SET_SLA, id=moved["id"], seconds=3600))["caseUpdate"]["case"]
    assert later["slaState"] == "ON_TRACK"
    none = (await admin(SET_SLA, id=cleared["id"], seconds=None))["caseUpdate"]["case"]
    assert none == {"slaExpiresAt": None, "slaState": "NONE"}
    assert await SlaDeadlines().run_once(now=first + dt.timedelta(seconds=10)) == 0
    assert [e["name"] for e in await _sla_events(admin)] == ["case.sla-updated"] * 2
    # the moved deadline warns and expires at its new moment, once each
    new_deadline = _at(later["slaExpiresAt"])
    assert await SlaDeadlines().run_once(now=new_deadline) == 2
    assert [e["name"] for e in await _sla_events(admin)][2:] == [
        "case.sla-warning",
        "case.sla-expired",
    ]


async def test_two_racing_workers_fire_each_deadline_once(admin):
    template = await _template(admin, slaWarningSeconds=1)
    cases = [await make_case(admin, template, slaExpiresInSeconds=5) for _ in range(12)]
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=10)
    first, second = SlaDeadlines(batch=5), SlaDeadlines(batch=5)
    fired = await asyncio.gather(first.run_once(now=moment), second.run_once(now=moment))
    assert sum(fired) == 24
    events = await _sla_events(admin)
    assert sorted((e["name"], e["subjectId"]) for e in events) == sorted(
        [("case.sla-warning", c["id"]) for c in cases]
        + [("case.sla-expired", c["id"]) for c in cases]
    )
    assert await SlaTimer.all().count() == 0


async def test_a_worker_that_was_down_catches_up_on_start(admin):
    template = await _template(admin, slaSeconds=1)
    case = await make_case(admin, template)
    deadline = _at((await _case(admin, case["id"]))["slaExpiresAt"])
    await asyncio.sleep(1.2)  # the moment passes with no worker running
    assert await _sla_events(admin) == []
    assert (await _case(admin, case["id"]))["slaState"] == "BREACHED"  # already, by time
    workers = Workers(Settings(sla_poll_seconds=0.1))
    workers.start()
    try:
        for _ in range(30):
            await asyncio.sleep(0.1)
            if await _sla_events(admin):
                break
    finally:
        await workers.stop()
    [expired] = await _sla_events(admin)
    assert (expired["name"], _at(expired["data"]["slaExpiresAt"])) == (
        "case.sla-expired",
        deadline,
    )


async def test_cases_filter_by_sla_state_and_sort_by_deadline(admin):
    template = await _template(admin, slaWarningSeconds=600, slaPausedStatuses=["Pending"])
    await make_case(admin, template)  # KYC-1: no SLA
    await make_case(admin, template, slaExpiresInSeconds=7200)  # KYC-2: on track
    await make_case(admin, template, slaExpiresInSeconds=300)  # KYC-3: warning
    paused = await make_case(admin, template, slaExpiresInSeconds=3600)  # KYC-4
    await admin(SET_STATUS, id=paused["id"], status="Pending")
    met = await make_case(admin, template, slaExpiresInSeconds=60)  # KYC-5
    await admin(SET_STATUS, id=met["id"], status="Approved")
    await make_case(admin, template, slaExpiresInSeconds=1)  # KYC-6: breached
    await asyncio.sleep(1.1)
    ordered = (await admin(LIST, order={"field": "SLA_EXPIRES_AT"}))["cases"]["nodes"]
    assert [(c["name"], c["slaState"]) for c in ordered] == [
        ("KYC-6", "BREACHED"),
        ("KYC-5", "MET"),
        ("KYC-3", "WARNING"),
        ("KYC-4", "PAUSED"),
        ("KYC-2", "ON_TRACK"),
        ("KYC-1", "NONE"),
    ]
    for state, names in [
        ("NONE", ["KYC-1"]),
        ("ON_TRACK", ["KYC-2"]),
        ("WARNING", ["KYC-3"]),
        ("PAUSED", ["KYC-4"]),
        ("MET", ["KYC-5"]),
        ("BREACHED", ["KYC-6"]),
    ]:
        found = (await admin(LIST, states=[state]))["cases"]["nodes"]
        assert [c["name"] for c in found] == names, state
    both = (await admin(LIST, states=["WARNING", "BREACHED"]))["cases"]["nodes"]
    assert [c["name"] for c in both] == ["KYC-6", "KYC-3"]


async def test_a_deadline_set_before_the_sla_engine_is_scheduled_on_start(admin):
    template = await make_template(admin, "OLD")
    case = await make_case(admin, template, slaExpiresInSeconds=1)
    # as a row written before the SLA columns and timers existed: no order key, no timer
    row = await Case.get(name="OLD-1")
    await Case.filter(id=row.id).update(sla_order=SLA_ORDER_NONE, sla_warning_at=None)
    await SlaTimer.filter(case_id=row.id).delete()
    deadline = _at((await _case(admin, case["id"]))["slaExpiresAt"])
    worker = SlaDeadlines()
    assert await worker.run_once(now=deadline - dt.timedelta(seconds=1)) == 0
    assert [(t.kind, t.due_at) for t in await SlaTimer.filter(case_id=row.id)] == [
        ("expiry", deadline)
    ]
    assert (await Case.get(id=row.id)).sla_order != SLA_ORDER_NONE
    assert await worker.run_once(now=deadline) == 1
    [expired] = await _sla_events(admin)
    assert expired["name"] == "case.sla-expired"
