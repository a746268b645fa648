"""Users, teams, API keys, and the wall between organizations."""

from tests.api import make_case, make_inquiry, make_template

USER_CREATE = """
mutation($input: UserCreateInput!) {
  userCreate(input: $input) {
    __typename
    ... on UserCreatePayload { user { id email name role availability } }
    ... on Error { code message }
  }
}
"""

TEAM_CREATE = """
mutation($input: TeamCreateInput!) {
  teamCreate(input: $input) {
    __typename
    ... on TeamPayload { team { id name members { email } } }
    ... on Error { code message }
  }
}
"""

TEAM_SET = """
mutation($input: TeamSetMembersInput!) {
  teamSetMembers(input: $input) {
    __typename
    ... on TeamPayload { team { members { email } } }
    ... on Error { code message }
  }
}
"""

KEY_CREATE = """
mutation($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) {
    __typename
    ... on ApiKeyCreatePayload { apiKey { name role prefix } secret }
    ... on Error { code message }
  }
}
"""

TEAMS = "{ teams { totalCount nodes { name members { email } } } }"
NODE = "query($id: ID!) { node(id: $id) { id __typename } }"
CASE = "query($id: ID!) { case(id: $id) { name } }"
CASES = """
{ cases { totalCount } inquiries { totalCount } caseTemplates { totalCount } users { totalCount } }
"""
SET_STATUS = """
mutation($id: ID!) {
  caseSetStatus(input: {id: $id, status: "Approved"}) { __typename ... on Error { message } }
}
"""


async def _user(admin, email, role="REVIEWER"):
    data = await admin(
        USER_CREATE, input={"email": email, "name": email.split("@")[0], "role": role}
    )
    return data["userCreate"]


async def test_users_are_unique_per_organization(admin, other_admin):
    created = await _user(admin, "Rev@Acme.example")
    assert created["user"]["email"] == "rev@acme.example"
    assert (created["user"]["role"], created["user"]["availability"]) == ("REVIEWER", "AVAILABLE")
    dup = await _user(admin, "rev@acme.example")
    assert dup == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "email: a user with email rev@acme.example already exists",
    }
    elsewhere = await _user(other_admin, "rev@acme.example")
    assert elsewhere["__typename"] == "UserCreatePayload"
    bad = await _user(admin, "not-an-email")
    assert bad["message"] == "email: 'not-an-email' is not a valid email address"


async def test_teams_and_their_members(admin, other_admin):
    a = (await _user(admin, "a@acme.example"))["user"]["id"]
    b = (await _user(admin, "b@acme.example"))["user"]["id"]
    team = await admin(TEAM_CREATE, input={"name": "L1", "memberIds": [a, a]})
    assert team["teamCreate"]["team"]["members"] == [{"email": "a@acme.example"}]
    team_id = team["teamCreate"]["team"]["id"]
    changed = await admin(TEAM_SET, input={"id": team_id, "memberIds": [b]})
    assert changed["teamSetMembers"] == {
        "__typename": "TeamPayload",
        "team": {"members": [{"email": "b@acme.example"}]},
    }
    dup = await admin(TEAM_CREATE, input={"name": "L1"})
    assert dup["teamCreate"]["message"] == "name: a team named 'L1' already exists"
    stranger = (await _user(other_admin, "x@globex.example"))["user"]["id"]
    foreign = await admin(TEAM_SET, input={"id": team_id, "memberIds": [stranger]})
    assert foreign["teamSetMembers"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": "memberIds: User not found",
    }
    assert await admin(TEAMS) == {
        "teams": {
            "totalCount": 1,
            "nodes": [{"name": "L1", "members": [{"email": "b@acme.example"}]}],
        }
    }


async def test_api_keys_for_users_and_services(admin):
    user = (await _user(admin, "rev@acme.example"))["user"]["id"]
    for_user = await admin(KEY_CREATE, input={"name": "laptop", "userId": user})
    key = for_user["apiKeyCreate"]
    assert key["apiKey"]["role"] == "REVIEWER"
    assert key["secret"].startswith("cg_") and key["secret"].startswith(key["apiKey"]["prefix"])
    both = await admin(KEY_CREATE, input={"name": "x", "userId": user, "role": "ADMIN"})
    assert (
        both["apiKeyCreate"]["message"] == "role: a user's key acts with the user's role; omit role"
    )
    neither = await admin(KEY_CREATE, input={"name": "x"})
    assert neither["apiKeyCreate"]["message"] == "role: a service key (no userId) needs a role"


async def test_another_organization_sees_and_touches_nothing(admin, other_admin):
    template = await make_template(admin)
    inquiry = await make_inquiry(admin)
    case = await make_case(admin, template, objectIds=[inquiry])
    for ident in (template, inquiry, case["id"]):
        assert await other_admin(NODE, id=ident) == {"node": None}
    assert await other_admin(CASE, id=case["id"]) == {"case": None}
    assert await other_admin(CASES) == {
        "cases": {"totalCount": 0},
        "inquiries": {"totalCount": 0},
        "caseTemplates": {"totalCount": 0},
        "users": {"totalCount": 1},
    }
    touched = await other_admin(SET_STATUS, id=case["id"])
    assert touched["caseSetStatus"] == {
        "__typename": "NotFoundError",
        "message": "id: Case not found",
    }
    assert await admin(NODE, id=case["id"]) == {"node": {"id": case["id"], "__typename": "Case"}}
