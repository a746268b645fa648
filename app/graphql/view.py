"""The ASGI GraphQL endpoint: authenticates the bearer key into the context."""

from typing import Any

from cross_web import AsyncHTTPRequestAdapter
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.schema import BaseSchema
from strawberry.types.unset import UNSET, UnsetType

from app.domain.principal import Principal
from app.edge.deadline import within_deadline
from app.edge.json_body import decode_request_json, decode_strict
from app.edge.rate_limit import RateLimiter, client_address
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
        self,
        schema: BaseSchema,
        *,
        feeds: FeedHub,
        settings: Settings,
        rate_limiter: RateLimiter | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(schema, **kwargs)
        self.feeds = feeds
        self.settings = settings
        self.rate_limiter = rate_limiter

    def decode_json(self, data: str | bytes) -> object:
        """Strict JSON (WebSocket messages): a refusal is a JSONDecodeError (close 4400)."""
        return decode_strict(data, max_depth=self.settings.max_json_depth)

    def parse_json(self, data: str | bytes) -> Any:
        """Strict JSON (HTTP bodies, GET variables/extensions): 400 with a labelled error."""
        return decode_request_json(data, max_depth=self.settings.max_json_depth)

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> Any:
        """The operation, cancelled at REQUEST_TIMEOUT_SECONDS (a TIMEOUT error, HTTP 200)."""
        return await within_deadline(
            super().execute_operation(
                request=request,
                request_adapter=request_adapter,
                request_data=request_data,
                context=context,
                root_value=root_value,
                sub_response=sub_response,
            ),
            self.settings.request_timeout_seconds,
        )

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
        if token and principal is None:
            if self.rate_limiter is not None:
                await self.rate_limiter.note_rejected_key(client_address(request.scope))
            return None, "invalid or revoked API key"
        return principal, None

    async def get_root_value(self, request: Request | WebSocket) -> None:
        return None
