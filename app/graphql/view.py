"""The ASGI GraphQL endpoint: authenticates the bearer key into the context."""

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.schema import BaseSchema
from strawberry.types.unset import UNSET, UnsetType

from app.domain.principal import Principal
from app.events.feed import FeedHub
from app.graphql.context import Context
from app.services.auth import authenticate
from app.settings import Settings


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class GraphQLApp(GraphQL[Context, None]):
    """strawberry's ASGI app with casegraph's context."""

    def __init__(
        self, schema: BaseSchema, *, feeds: FeedHub, settings: Settings, **kwargs: Any
    ) -> None:
        super().__init__(schema, **kwargs)
        self.feeds = feeds
        self.settings = settings

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate a WebSocket from its connection_init payload."""
        params = context.connection_params or {}
        header = params.get("authorization") or params.get("Authorization")
        token = bearer_token(header) if isinstance(header, str) else None
        principal = await authenticate(token) if token else None
        if principal is None:
            reason = (
                "invalid or revoked API key"
                if token
                else (
                    'authentication required: connection_init payload {"authorization": '
                    '"Bearer <api key>"}'
                )
            )
            raise ConnectionRejectionError({"message": reason, "code": "UNAUTHENTICATED"})
        context.principal = principal
        context.auth_error = None
        return UNSET

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None = None
    ) -> Context:
        principal, auth_error = await self._authenticate(request)
        return Context(
            principal=principal,
            auth_error=auth_error,
            request=request,
            response=response if isinstance(response, Response) else None,
            feeds=self.feeds,
            settings=self.settings,
        )

    async def _authenticate(
        self, request: Request | WebSocket
    ) -> tuple[Principal | None, str | None]:
        """The caller of an HTTP request and, when there is none, why (a WebSocket
        authenticates later, from its connection_init payload)."""
        if isinstance(request, WebSocket):
            return None, "not authenticated"
        header = request.headers.get("authorization")
        token = bearer_token(header)
        if header and token is None:
            return None, "malformed Authorization header: expected `Bearer <api key>`"
        principal = await authenticate(token) if token else None
        return principal, "invalid or revoked API key" if token and principal is None else None

    async def get_root_value(self, request: Request | WebSocket) -> None:
        return None
