"""The ASGI GraphQL endpoint: authenticates the bearer key into the context."""

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from app.graphql.context import Context
from app.services.auth import authenticate


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class GraphQLApp(GraphQL[Context, None]):
    """strawberry's ASGI app with casegraph's context."""

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None = None
    ) -> Context:
        header = request.headers.get("authorization")
        token = bearer_token(header)
        if header and token is None:
            return Context(
                principal=None,
                auth_error="malformed Authorization header: expected `Bearer <api key>`",
                request=request,
                response=response,
            )
        principal = await authenticate(token) if token else None
        error = "invalid or revoked API key" if token and principal is None else None
        return Context(principal=principal, auth_error=error, request=request, response=response)

    async def get_root_value(self, request: Any) -> None:
        return None
