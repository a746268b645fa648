"""The assignment engine through the API: policies, pool, availability, capacity,
explanations, previews, and explicit assignments winning."""

from app.domain.principal import Role
from app.workers.assignment_backlog import AssignmentBacklog
from tests.api import CASE_CREATE, make_case, make_inquiry, make_template

USER_CREATE = """
mutation($email: String!) {
  userCreate(input: {email: $email, name: "R", role: REVIEWER}) {
    ... on UserCreatePayload { user { id } }
  }
}
"""

TEAM_CREATE = """
mutation($ids: [ID!]!) {
  teamCreate(input: {name: "L1", memberIds: $ids}) { ... on TeamPayload { team { id } } }
}
"""

TEMPLATE_UPDATE = """
mutation($input: CaseTemplateUpdateInput!) {
  caseTemplateUpdate(input: $input) {
    __typename
    ... on CaseTemplatePayload {
      caseTemplate { assignmentPolicy assignmentCapacity assignmentUsers { email }
                     assignmentTeams { name } }
    }
    ... on Error { code message }
  }
}
"""

AVAILABILITY = """
mutation($user: ID!, $availability: Availability!) {
  userSetAvailability(input: {userId: $user, availability: $availability}) {
    __typename
    ... on UserSetAvailabilityPayload { user { availability } }
    ... on Error { code message }
  }
}
"""

CASE = """
query($id: ID!) {
  case(id: $id) {
    name assignee { email } assigner { type }
    events { nodes { name actor { type } payload } }
  }
}
"""

PREVIEW = """
query($id: ID!) {
  caseAssignmentPreview(id: $id) {
    policy reason chosen { email }
    candidates { user { email } availability openCases excluded }
  }
}
"""

AUTO = """
mutation($id: ID!) {
  caseAutoAssign(input: {id: $id}) {
    __typename
    ... on CaseAutoAssignPayload { case { assignee { email } } assignment { reason } }
    ... on Error { code message }
  }
}
"""

ASSIGN = """
mutation($id: ID!, $user: ID) {
  caseAssign(input: {id: $id, assigneeId: $user}) { __typename }
}
"""

MY_USER = "{ viewer { user { id } } }"

SET_STATUS = """
mutation($id: ID!) { caseSetStatus(input: {id: $id, status: "Approved"}) { __typename } }
"""


async def _users(admin, *names):
    ids = {}
    for name in names:
        data = await admin(USER_CREATE, email=f"{name}@acme.example")
        ids[name] = data["userCreate"]["user"]["id"]
    return ids


async def _policy(admin, template, policy, **extra):
    data = await admin(TEMPLATE_UPDATE, input={"id": template, "assignmentPolicy": policy, **extra})
    assert data["caseTemplateUpdate"]["__typename"] == "CaseTemplatePayload", data
    return data["caseTemplateUpdate"]


async def _assignee(admin, case_id):
    assignee = (await admin(CASE, id=case_id))["case"]["assignee"]
    return assignee["email"].split("@")[0] if assignee else None


async def test_round_robin_over_users_and_team_members(admin):
    users = await _users(admin, "ann", "bob", "cat")
    team = (await admin(TEAM_CREATE, ids=[users["cat"]]))["teamCreate"]["team"]["id"]
    template = await make_template(admin)
    updated = await _policy(
        admin,
        template,
        "ROUND_ROBIN",
        assignmentUserIds=[users["ann"], users["bob"]],
        assignmentTeamIds=[team],
    )
    assert updated["caseTemplate"]["assignmentUsers"] == [
        {"email": "ann@acme.example"},
        {"email": "bob@acme.example"},
    ]
    cases = [await make_case(admin, template) for _ in range(4)]
    assert [await _assignee(admin, c["id"]) for c in cases] == ["ann", "bob", "cat", "ann"]
    detail = (await admin(CASE, id=cases[1]["id"]))["case"]
    assert detail["assigner"] == {"type": "ASSIGNMENT_POLICY"}
    assigned = detail["events"]["nodes"][1]
    assert assigned["name"] == "case.assigned"
    assert assigned["actor"] == {"type": "ASSIGNMENT_POLICY"}
    explanation = assigned["payload"]["explanation"]
    assert (explanation["policy"], explanation["reason"]) == ("round_robin", "next in rotation")
    assert [c["open_cases"] for c in explanation["candidates"]] == [1, 0, 0]


async def test_fewest_cases_and_exclusions_explained(admin):
    users = await _users(admin, "ann", "bob", "cat")
    template = await make_template(admin)
    await _policy(admin, template, "FEWEST_CASES", assignmentUserIds=list(users.values()))
    # ann already holds two cases of another template, bob is busy
    other = await make_template(admin, "AML")
    for _ in range(2):
        await make_case(admin, other, assigneeId=users["ann"])
    await admin(AVAILABILITY, user=users["bob"], availability="BUSY")
    manual = await make_case(admin, template, assigneeId=users["ann"])
    await admin(ASSIGN, id=manual["id"], user=None)
    preview = (await admin(PREVIEW, id=manual["id"]))["caseAssignmentPreview"]
    assert preview == {
        "policy": "FEWEST_CASES",
        "reason": "fewest open cases (0); ties broken by rotation",
        "chosen": {"email": "cat@acme.example"},
        "candidates": [
            {
                "user": {"email": "ann@acme.example"},
                "availability": "AVAILABLE",
                "openCases": 2,
                "excluded": None,
            },
            {
                "user": {"email": "bob@acme.example"},
                "availability": "BUSY",
                "openCases": 0,
                "excluded": "BUSY",
            },
            {
                "user": {"email": "cat@acme.example"},
                "availability": "AVAILABLE",
                "openCases": 0,
                "excluded": None,
            },
        ],
    }
    done = await admin(AUTO, id=manual["id"])
    assert done["caseAutoAssign"] == {
        "__typename": "CaseAutoAssignPayload",
        "case": {"assignee": {"email": "cat@acme.example"}},
        "assignment": {"reason": "fewest open cases (0); ties broken by rotation"},
    }
    again = await admin(AUTO, id=manual["id"])
    assert again["caseAutoAssign"]["message"] == (
        "id: case KYC-1 is already assigned; unassign it to re-run the policy"
    )


async def test_creator_policies(admin):
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    template = await make_template(admin)
    await _policy(admin, template, "CASE_CREATOR")
    by_key = await make_case(reviewer, template)
    assert await _assignee(admin, by_key["id"]) == "rev"
    inquiry_template = await make_template(admin, "INQ")
    await _policy(admin, inquiry_template, "INQUIRY_CREATOR")
    inquiry = await make_inquiry(reviewer, referenceId="x")
    case = await make_case(admin, inquiry_template, objectIds=[inquiry])
    assert await _assignee(admin, case["id"]) == "rev"
    lonely = await make_case(admin, inquiry_template)
    detail = (await admin(CASE, id=lonely["id"]))["case"]
    assert detail["assignee"] is None
    assert detail["events"]["nodes"][-1]["name"] == "case.assignment-deferred"
    assert detail["events"]["nodes"][-1]["payload"]["explanation"]["reason"] == (
        "no user created the inquiry"
    )


async def test_an_explicit_assignee_wins_over_the_policy(admin):
    users = await _users(admin, "ann", "bob")
    template = await make_template(admin)
    await _policy(admin, template, "ROUND_ROBIN", assignmentUserIds=[users["ann"]])
    case = await make_case(admin, template, assigneeId=users["bob"])
    assert await _assignee(admin, case["id"]) == "bob"
    events = (await admin(CASE, id=case["id"]))["case"]["events"]["nodes"]
    assert [e["actor"]["type"] for e in events if e["name"] == "case.assigned"] == ["API_KEY"]


async def test_unavailable_hands_cases_back_and_available_picks_the_backlog_up(admin):
    users = await _users(admin, "ann", "bob")
    template = await make_template(admin)
    await _policy(admin, template, "ROUND_ROBIN", assignmentUserIds=list(users.values()))
    first, second = [await make_case(admin, template) for _ in range(2)]
    assert [await _assignee(admin, c["id"]) for c in (first, second)] == ["ann", "bob"]
    away = await admin(AVAILABILITY, user=users["ann"], availability="UNAVAILABLE")
    assert away["userSetAvailability"]["user"] == {"availability": "UNAVAILABLE"}
    assert await _assignee(admin, first["id"]) == "bob"
    await admin(AVAILABILITY, user=users["bob"], availability="UNAVAILABLE")
    assert [await _assignee(admin, c["id"]) for c in (first, second)] == [None, None]
    backlog = AssignmentBacklog()
    await backlog.drain()
    assert [await _assignee(admin, c["id"]) for c in (first, second)] == [None, None]
    await admin(AVAILABILITY, user=users["ann"], availability="AVAILABLE")
    await backlog.drain()
    assert [await _assignee(admin, c["id"]) for c in (first, second)] == ["ann", "ann"]


async def test_capacity_defers_and_a_resolved_case_frees_a_slot_oldest_first(admin):
    users = await _users(admin, "ann")
    template = await make_template(admin)
    await _policy(
        admin, template, "ROUND_ROBIN", assignmentUserIds=[users["ann"]], assignmentCapacity=1
    )
    held, waiting_1, waiting_2 = [await make_case(admin, template) for _ in range(3)]
    assert [await _assignee(admin, c["id"]) for c in (held, waiting_1, waiting_2)] == [
        "ann",
        None,
        None,
    ]
    deferred = (await admin(CASE, id=waiting_1["id"]))["case"]["events"]["nodes"][-1]
    assert deferred["payload"]["explanation"]["candidates"][0]["excluded"] == "at_capacity"
    await admin(SET_STATUS, id=held["id"])
    await AssignmentBacklog().drain()
    assert [await _assignee(admin, c["id"]) for c in (waiting_1, waiting_2)] == ["ann", None]


async def test_template_pool_errors_are_typed(admin, other_admin):
    template = await make_template(admin)
    stranger = (await _users(other_admin, "x"))["x"]
    foreign = await admin(TEMPLATE_UPDATE, input={"id": template, "assignmentUserIds": [stranger]})
    assert foreign["caseTemplateUpdate"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": "assignmentUserIds: User not found",
    }
    zero = await admin(TEMPLATE_UPDATE, input={"id": template, "assignmentCapacity": 0})
    assert (
        zero["caseTemplateUpdate"]["message"] == "assignmentCapacity: must be at least 1, or null"
    )
    wrong = await admin(TEMPLATE_UPDATE, input={"id": template, "assignmentTeamIds": [template]})
    assert wrong["caseTemplateUpdate"]["code"] == "VALIDATION_ERROR"


async def test_only_admins_change_someone_elses_availability(admin):
    users = await _users(admin, "ann")
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    denied = await reviewer(AVAILABILITY, user=users["ann"], availability="BUSY")
    assert denied["userSetAvailability"] == {
        "__typename": "PermissionDeniedError",
        "code": "PERMISSION_DENIED",
        "message": "only admins may change another user's availability",
    }
    me = (await reviewer(MY_USER))["viewer"]["user"]["id"]
    mine = await reviewer(AVAILABILITY, user=me, availability="BUSY")
    assert mine["userSetAvailability"]["user"] == {"availability": "BUSY"}


async def test_cases_created_without_a_pool_wait_with_a_reason(admin):
    template = await make_template(admin)
    await _policy(admin, template, "ROUND_ROBIN")
    data = await admin(CASE_CREATE, input={"templateId": template})
    case = data["caseCreate"]["case"]
    event = (await admin(CASE, id=case["id"]))["case"]["events"]["nodes"][-1]
    assert (event["name"], event["payload"]["explanation"]["reason"]) == (
        "case.assignment-deferred",
        "the pool is empty",
    )
