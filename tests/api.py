"""A tiny GraphQL client for tests: POSTs documents to /graphql with a bearer key."""

from dataclasses import dataclass
from typing import Any

import httpx

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


async def new_org(client: httpx.AsyncClient, name: str) -> Api:
    """An admin API caller of a new organization (provisioned like the CLI does)."""
    issued = await bootstrap_api_key(
        organization_name=name, email=f"admin@{name.lower()}.example", role=Role.ADMIN
    )
    return Api(client, issued.secret)
