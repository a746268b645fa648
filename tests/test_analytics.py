"""caseAnalytics against a known history with fixed timestamps: every figure, exactly, on
SQLite and PostgreSQL; filters, buckets, bounds and permissions."""

import datetime as dt
from typing import Any

from app.db.models import Case, CaseTemplate, Event, Organization, User
from app.domain.principal import Role
from tests.api import make_template

ANALYTICS = """
query($filter: CaseAnalyticsFilter, $interval: AnalyticsInterval) {
  caseAnalytics(filter: $filter, interval: $interval) {
    from to
    totals { created resolved reopened open }
    openNow
    byStatus { status count }
    byResolution { resolution count share }
    resolutionRate
    resolutionTime { p50 p75 p95 mean }
    timeToFirstAssignment { p50 p95 }
    sla { withSla met breached attainment breachedOpen }
    series { start created resolved open breached }
    byAssignee { user { email } assigned resolved open resolutionTime { p50 } slaAttainment }
    availability { user { email } availableSeconds busySeconds unavailableSeconds }
  }
}
"""
TOTALS = """
query($filter: CaseAnalyticsFilter) {
  caseAnalytics(filter: $filter) { totals { created resolved open } openNow }
}
"""
TEAM = 'mutation($ids: [ID!]!) { teamCreate(input: {name: "L1", memberIds: $ids}) { __typename } }'
USERS = "{ users { nodes { id email } } }"
TEMPLATES = "{ caseTemplates { nodes { id key } } }"
TEAMS = "{ teams { nodes { id name } } }"

FROM, TO = "2026-03-02T00:00:00+00:00", "2026-03-09T00:00:00+00:00"
PERIOD = {"from": FROM, "to": TO}


def t(day: int, hour: int = 0, minute: int = 0, second: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, second, tzinfo=dt.UTC)


def lerp(values: list[float], p: float) -> float:
    """percentile_cont, as PostgreSQL defines it."""
    k = p * (len(values) - 1)
    lo = int(k)
    hi = values[min(lo + 1, len(values) - 1)]
    return values[lo] + (k - lo) * (hi - values[lo])


async def _event(org: int, name: str, subject: tuple[str, int], at: dt.datetime, **payload: Any):
    row = await Event.create(
        organization_id=org,
        name=name,
        subject_type=subject[0],
        subject_id=subject[1],
        actor_type="system",
        actor_id="test",
        payload=payload,
    )
    await Event.filter(id=row.id).update(created_at=at)


async def _case(org, template, number, created, *, status, resolved=None, assignee=None, **sla):
    row = await Case.create(
        organization_id=org,
        template_id=template.id,
        number=number,
        name=f"{template.key}-{number}",
        status=status,
        state="resolved" if resolved else "open",
        resolution=status if resolved else None,
        assignee_id=assignee,
        creator_type="system",
        creator_id="test",
        tags=[],
        fields_data={},
        resolved_at=resolved,
        **sla,
    )
    await Case.filter(id=row.id).update(created_at=created)
    return row.id


async def _history(admin) -> dict[str, Any]:
    await admin.as_role("ann@acme.example", Role.REVIEWER)
    await admin.as_role("bob@acme.example", Role.REVIEWER)
    await make_template(admin, "KYC")
    await make_template(admin, "AML")
    users = {u["email"]: u["id"] for u in (await admin(USERS))["users"]["nodes"]}
    await admin(TEAM, ids=[users["ann@acme.example"]])
    org = (await Organization.get(name="Acme")).id
    ann = (await User.get(email="ann@acme.example")).id
    bob = (await User.get(email="bob@acme.example")).id
    kyc = await CaseTemplate.get(organization_id=org, key="KYC")
    aml = await CaseTemplate.get(organization_id=org, key="AML")
    c1 = await _case(org, kyc, 1, t(1), status="Approved", resolved=t(2, 6), assignee=ann)
    c2 = await _case(
        org, kyc, 2, t(2, 10), status="Approved", resolved=t(2, 12), assignee=ann,
        sla_expires_at=t(2, 14),
    )  # fmt: skip
    c3 = await _case(
        org, kyc, 3, t(3), status="Declined", resolved=t(4), assignee=bob,
        sla_expires_at=t(3, 12), sla_breached_at=t(3, 12),
    )  # fmt: skip
    c4 = await _case(
        org, kyc, 4, t(4, 8), status="Pending", assignee=ann,
        sla_expires_at=t(4, 9), sla_breached_at=t(4, 9),
    )  # fmt: skip
    c5 = await _case(org, aml, 1, t(5), status="Approved", resolved=t(5, 1), assignee=bob)
    c6 = await _case(
        org, kyc, 5, t(6), status="Open", sla_expires_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    )
    await _case(org, kyc, 6, t(10), status="Open", assignee=ann)
    case, user = "case", "user"
    await _event(org, "case.assigned", (case, c1), t(1, 0, 5), assignee_id=ann)
    await _event(org, "user.availability-updated", (user, ann), t(2, month=2),
                 availability="busy", previous="available")  # fmt: skip
    await _event(org, "case.assigned", (case, c2), t(2, 10, 30), assignee_id=ann)
    await _event(org, "case.assigned", (case, c3), t(3, 1), assignee_id=bob)
    await _event(org, "user.availability-updated", (user, ann), t(3),
                 availability="available", previous="busy")  # fmt: skip
    await _event(org, "case.reopened", (case, c3), t(3, 18))
    await _event(org, "case.assigned", (case, c4), t(4, 8, 0, 10), assignee_id=bob)
    await _event(org, "user.availability-updated", (user, bob), t(4),
                 availability="available", previous="unavailable")  # fmt: skip
    await _event(org, "case.assigned", (case, c4), t(4, 10), assignee_id=ann)
    await _event(org, "case.assigned", (case, c5), t(5, 0, 5), assignee_id=bob)
    await _event(org, "user.availability-updated", (user, ann), t(5, 12),
                 availability="unavailable", previous="available")  # fmt: skip
    await _event(org, "case.assigned", (case, c6), t(6, 1), assignee_id=None)
    await _event(org, "case.reopened", (case, c3), t(10))
    await _event(org, "user.availability-updated", (user, bob), t(12),
                 availability="busy", previous="available")  # fmt: skip
    await User.filter(id=ann).update(availability="unavailable")
    await User.filter(id=bob).update(availability="busy")
    return users


DAY = 86400.0


async def test_every_figure_of_a_known_week(admin):
    await _history(admin)
    data = (await admin(ANALYTICS, filter=PERIOD))["caseAnalytics"]
    resolution_times = [3600.0, 7200.0, 86400.0, 108000.0]
    first_assignments = [10.0, 300.0, 1800.0, 3600.0]
    assert data == {
        "from": "2026-03-02T00:00:00+00:00",
        "to": "2026-03-09T00:00:00+00:00",
        "totals": {"created": 5, "resolved": 4, "reopened": 1, "open": 2},
        "openNow": 3,
        "byStatus": [
            {"status": "Approved", "count": 3},
            {"status": "Open", "count": 2},
            {"status": "Declined", "count": 1},
            {"status": "Pending", "count": 1},
        ],
        "byResolution": [
            {"resolution": "Approved", "count": 3, "share": 0.75},
            {"resolution": "Declined", "count": 1, "share": 0.25},
        ],
        "resolutionRate": 0.8,
        "resolutionTime": {
            "p50": 46800.0,
            "p75": 91800.0,
            "p95": lerp(resolution_times, 0.95),
            "mean": 51300.0,
        },
        "timeToFirstAssignment": {"p50": 1050.0, "p95": lerp(first_assignments, 0.95)},
        "sla": {"withSla": 4, "met": 1, "breached": 2, "attainment": 1 / 3, "breachedOpen": 1},
        "series": [
            {
                "start": "2026-03-02T00:00:00+00:00",
                "created": 1,
                "resolved": 2,
                "open": 0,
                "breached": 0,
            },
            {
                "start": "2026-03-03T00:00:00+00:00",
                "created": 1,
                "resolved": 0,
                "open": 1,
                "breached": 1,
            },
            {
                "start": "2026-03-04T00:00:00+00:00",
                "created": 1,
                "resolved": 1,
                "open": 1,
                "breached": 1,
            },
            {
                "start": "2026-03-05T00:00:00+00:00",
                "created": 1,
                "resolved": 1,
                "open": 1,
                "breached": 0,
            },
            {
                "start": "2026-03-06T00:00:00+00:00",
                "created": 1,
                "resolved": 0,
                "open": 2,
                "breached": 0,
            },
            {
                "start": "2026-03-07T00:00:00+00:00",
                "created": 0,
                "resolved": 0,
                "open": 2,
                "breached": 0,
            },
            {
                "start": "2026-03-08T00:00:00+00:00",
                "created": 0,
                "resolved": 0,
                "open": 2,
                "breached": 0,
            },
        ],
        "byAssignee": [
            {
                "user": {"email": "ann@acme.example"},
                "assigned": 2,
                "resolved": 2,
                "open": 2,
                "resolutionTime": {"p50": 57600.0},
                "slaAttainment": 0.5,
            },
            {
                "user": {"email": "bob@acme.example"},
                "assigned": 3,
                "resolved": 2,
                "open": 0,
                "resolutionTime": {"p50": 45000.0},
                "slaAttainment": 0.0,
            },
        ],
        "availability": [
            {
                "user": {"email": "admin@acme.example"},
                "availableSeconds": 7 * DAY,
                "busySeconds": 0.0,
                "unavailableSeconds": 0.0,
            },
            {
                "user": {"email": "ann@acme.example"},
                "availableSeconds": 2.5 * DAY,
                "busySeconds": DAY,
                "unavailableSeconds": 3.5 * DAY,
            },
            {
                "user": {"email": "bob@acme.example"},
                "availableSeconds": 5 * DAY,
                "busySeconds": 0.0,
                "unavailableSeconds": 2 * DAY,
            },
        ],
    }


async def test_weeks_and_two_weeks_align_to_mondays(admin):
    await _history(admin)
    week = (await admin(ANALYTICS, filter=PERIOD, interval="WEEK"))["caseAnalytics"]["series"]
    assert week == [
        {"start": "2026-03-02T00:00:00+00:00", "created": 5, "resolved": 4, "open": 2,
         "breached": 2},
    ]  # fmt: skip
    period = {"from": "2026-03-04T00:00:00+00:00", "to": "2026-03-24T00:00:00+00:00"}
    two = (await admin(ANALYTICS, filter=period, interval="TWO_WEEKS"))["caseAnalytics"]
    # 2026-03-02 is a Monday 2,930 weeks (an even number) after Monday 1970-01-05
    assert [(b["start"], b["created"], b["resolved"], b["open"]) for b in two["series"]] == [
        ("2026-03-02T00:00:00+00:00", 4, 2, 3),
        ("2026-03-16T00:00:00+00:00", 0, 0, 3),
    ]


async def test_filters_narrow_every_figure(admin):
    users = await _history(admin)
    templates = {t["key"]: t["id"] for t in (await admin(TEMPLATES))["caseTemplates"]["nodes"]}
    team = (await admin(TEAMS))["teams"]["nodes"][0]["id"]
    cases = [
        ({"teamIds": [team]}, (2, 2, 1), 2),
        ({"assigneeIds": [users["bob@acme.example"]]}, (2, 2, 0), 0),
        ({"templateIds": [templates["AML"]]}, (1, 1, 0), 0),
        ({"resolutions": ["Declined"]}, (1, 1, 0), 0),
    ]
    for condition, (created, resolved, open_), open_now in cases:
        data = (await admin(TOTALS, filter={**PERIOD, **condition}))["caseAnalytics"]
        assert data == {
            "totals": {"created": created, "resolved": resolved, "open": open_},
            "openNow": open_now,
        }, condition
    only_ann = (await admin(ANALYTICS, filter={**PERIOD, "teamIds": [team]}))["caseAnalytics"]
    assert [a["user"]["email"] for a in only_ann["availability"]] == ["ann@acme.example"]


async def test_the_default_period_is_the_last_thirty_days_of_the_caller_only(admin, other_admin):
    await _history(admin)
    now = dt.datetime.now(dt.UTC)
    data = (await other_admin(ANALYTICS))["caseAnalytics"]
    start, end = dt.datetime.fromisoformat(data["from"]), dt.datetime.fromisoformat(data["to"])
    assert end - start == dt.timedelta(days=30) and abs(end - now) < dt.timedelta(seconds=10)
    assert (data["totals"], data["openNow"], data["byStatus"]) == (
        {"created": 0, "resolved": 0, "reopened": 0, "open": 0},
        0,
        [],
    )
    assert data["resolutionRate"] is None and data["resolutionTime"]["p50"] is None
    assert len(data["series"]) == 31


async def test_bad_periods_lists_and_roles_are_refused(admin, other_admin):
    viewer = await admin.as_role("viewer@acme.example", Role.VIEWER)
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    await make_template(other_admin, "GLX")
    foreign = (await other_admin(TEMPLATES))["caseTemplates"]["nodes"][0]["id"]
    refusals = [
        (admin, {"from": "2025-01-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"},
         "BAD_USER_INPUT", "filter.to: the period may span at most 366 days"),
        (admin, {"from": TO, "to": FROM},
         "BAD_USER_INPUT", "filter.from: must be before filter.to"),
        (admin, {"resolutions": ["x"] * 101}, "BAD_USER_INPUT",
         "filter.resolutions: at most 100 values"),
        (admin, {"templateIds": [foreign]},
         "NOT_FOUND", "filter.templateIds: CaseTemplate not found"),
        (viewer, {}, "FORBIDDEN", "role 'viewer' may not view analytics"),
    ]  # fmt: skip
    for caller, condition, code, message in refusals:
        body = await caller.raw(TOTALS, filter=condition)
        [error] = body["errors"]
        assert (error["extensions"]["code"], error["message"]) == (code, message), condition
    assert (await reviewer(TOTALS))["caseAnalytics"]["openNow"] == 0
