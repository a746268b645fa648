"""A tiny GraphQL client for tests: POSTs documents to /graphql with a bearer key."""

from dataclasses import dataclass
from typing import Any

import httpx
from strawberry import relay

from app.domain.principal import Role
from app.services.tenancy import bootstrap_api_key


@dataclass
class Api:
    """One caller of the API."""

    client: httpx.AsyncClient
    key: str

    async def raw(self, query: str, **variables: Any) -> dict[str, Any]:
        """The whole GraphQL response body."""
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        """The ``data`` of a response that must have no top-level errors."""
        body = await self.raw(query, **variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def as_role(self, email: str, role: Role) -> "Api":
        """Another user of this caller's organization (created here), with a key."""
        data = await self(USER_AND_KEY, email=email, role=role.name)
        user_id = data["userCreate"]["user"]["id"]
        key = await self(KEY_FOR_USER, userId=user_id)
        return Api(self.client, key["apiKeyCreate"]["secret"])


USER_AND_KEY = """
mutation($email: String!, $role: Role!) {
  userCreate(input: {email: $email, name: "Test user", role: $role}) {
    __typename
    ... on UserCreatePayload { user { id } }
  }
}
"""

KEY_FOR_USER = """
mutation($userId: ID!) {
  apiKeyCreate(input: {name: "test", userId: $userId}) {
    __typename
    ... on ApiKeyCreatePayload { secret }
  }
}
"""


def database_id(global_id: str) -> int:
    """The row id inside a global id, as event payloads record it (``CaseTemplate:7`` -> 7)."""
    return int(relay.GlobalID.from_id(global_id).node_id)


async def new_org(client: httpx.AsyncClient, name: str) -> Api:
    """An admin API caller of a new organization (provisioned like the CLI does)."""
    issued = await bootstrap_api_key(
        organization_name=name,
        email=f"admin@{name.lower()}.example",
        role=Role.ADMIN,
        create_org=True,
    )
    return Api(client, issued.secret)


TEMPLATE_CREATE = """
mutation($input: CaseTemplateCreateInput!) {
  caseTemplateCreate(input: $input) {
    __typename
    ... on CaseTemplatePayload { caseTemplate { id key } }
    ... on Error { message code }
  }
}
"""

INQUIRY_CREATE = """
mutation($input: InquiryCreateInput!) {
  inquiryCreate(input: $input) {
    __typename
    ... on InquiryPayload { inquiry { id status } }
    ... on Error { message code }
  }
}
"""

CASE_CREATE = """
mutation($input: CaseCreateInput!) {
  caseCreate(input: $input) {
    __typename
    ... on CasePayload { case { id name status state version } }
    ... on ValidationError { message code field problems { field message } }
    ... on Error { message code }
  }
}
"""


async def make_template(api: Api, key: str = "KYC", **extra: Any) -> str:
    """Create a template and return its global id."""
    data = await api(TEMPLATE_CREATE, input={"name": f"{key} review", "key": key, **extra})
    result = data["caseTemplateCreate"]
    assert result["__typename"] == "CaseTemplatePayload", result
    return str(result["caseTemplate"]["id"])


async def make_inquiry(api: Api, **fields: Any) -> str:
    """Create an inquiry and return its global id."""
    data = await api(INQUIRY_CREATE, input=fields)
    result = data["inquiryCreate"]
    assert result["__typename"] == "InquiryPayload", result
    return str(result["inquiry"]["id"])


async def make_case(api: Api, template_id: str, **extra: Any) -> dict[str, Any]:
    """Create a case and return id, name, status, state and version."""
    data = await api(CASE_CREATE, input={"templateId": template_id, **extra})
    result = data["caseCreate"]
    assert result["__typename"] == "CasePayload", result
    case: dict[str, Any] = result["case"]
    return case
