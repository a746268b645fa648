"""Authentication by bearer key and the role x operation table, over HTTP."""

from app.domain.principal import Role
from tests.api import Api

VIEWER = "{ viewer { role } }"
INTROSPECTION = "{ __schema { queryType { name } } }"
TEMPLATE_CREATE = """
mutation { caseTemplateCreate(input: {name: "AML", key: "AML"}) {
  __typename ... on Error { code message } } }
"""
INQUIRY_CREATE = """
mutation { inquiryCreate(input: {referenceId: "u-1"}) { __typename ... on Error { code message } } }
"""
KEY_REVOKE = """
mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) {
  __typename ... on ApiKeyRevokePayload { apiKey { revokedAt } } ... on Error { code message } } }
"""
MY_KEY = "{ viewer { apiKey { id } } }"
VIEWER_USER = "{ viewer { role user { id } } }"
SERVICE_KEY_CREATE = """
mutation { apiKeyCreate(input: {name: "etl", role: VIEWER}) {
  ... on ApiKeyCreatePayload { secret apiKey { role user { id } } } } }
"""

UNAUTHENTICATED = {
    "data": None,
    "errors": [
        {
            "message": "authentication required: send `Authorization: Bearer <api key>`",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ],
}


async def test_no_key_gets_one_clear_error_and_no_data(client):
    response = await client.post("/graphql", json={"query": VIEWER})
    assert response.json() == UNAUTHENTICATED


async def test_unknown_and_malformed_keys_are_refused(client, admin):
    bad = Api(client, "cg_not-a-real-key")
    body = await bad.raw(VIEWER)
    assert body["errors"][0]["message"] == "invalid or revoked API key"
    assert body["data"] is None
    response = await client.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": "Token abc"}
    )
    assert response.json()["errors"][0]["message"] == (
        "malformed Authorization header: expected `Bearer <api key>`"
    )


async def test_introspection_needs_no_key_so_graphiql_can_load(client):
    response = await client.post("/graphql", json={"query": INTROSPECTION})
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_a_revoked_key_stops_working(admin):
    reviewer = await admin.as_role("r@acme.example", Role.REVIEWER)
    key_id = (await reviewer(MY_KEY))["viewer"]["apiKey"]["id"]
    revoked = await reviewer(KEY_REVOKE, id=key_id)
    assert revoked["apiKeyRevoke"]["__typename"] == "ApiKeyRevokePayload"
    body = await reviewer.raw(VIEWER)
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_users_may_revoke_only_their_own_keys(admin):
    admin_key = (await admin(MY_KEY))["viewer"]["apiKey"]["id"]
    reviewer = await admin.as_role("r@acme.example", Role.REVIEWER)
    data = await reviewer(KEY_REVOKE, id=admin_key)
    assert data["apiKeyRevoke"] == {
        "__typename": "PermissionDeniedError",
        "code": "PERMISSION_DENIED",
        "message": "role 'reviewer' may not manage api keys",
    }


async def test_viewers_read_but_change_nothing(admin):
    viewer = await admin.as_role("v@acme.example", Role.VIEWER)
    assert await viewer(VIEWER) == {"viewer": {"role": "VIEWER"}}
    data = await viewer(INQUIRY_CREATE)
    assert data["inquiryCreate"] == {
        "__typename": "PermissionDeniedError",
        "code": "PERMISSION_DENIED",
        "message": "role 'viewer' may not manage objects",
    }


async def test_reviewers_work_cases_but_do_not_manage_templates(admin):
    reviewer = await admin.as_role("r@acme.example", Role.REVIEWER)
    assert (await reviewer(INQUIRY_CREATE))["inquiryCreate"] == {"__typename": "InquiryPayload"}
    data = await reviewer(TEMPLATE_CREATE)
    assert data["caseTemplateCreate"] == {
        "__typename": "PermissionDeniedError",
        "code": "PERMISSION_DENIED",
        "message": "role 'reviewer' may not manage templates",
    }
    assert (await admin(TEMPLATE_CREATE))["caseTemplateCreate"] == {
        "__typename": "CaseTemplatePayload"
    }


async def test_a_service_key_acts_with_its_own_role(admin, client):
    data = await admin(SERVICE_KEY_CREATE)
    created = data["apiKeyCreate"]
    assert created["apiKey"] == {"role": "VIEWER", "user": None}
    service = Api(client, created["secret"])
    assert await service(VIEWER_USER) == {"viewer": {"role": "VIEWER", "user": None}}
