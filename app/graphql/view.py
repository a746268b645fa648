"""The ASGI GraphQL endpoint: authenticates the bearer key into the context, answers in the
media type the client accepts, and renders casegraph's own GraphiQL page."""

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.types.execution import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from app.events.feed import FeedHub
from app.graphiql.page import graphiql_html
from app.graphql.context import Context
from app.graphql.media_types import (
    GRAPHQL_RESPONSE_JSON,
    is_request_error,
    negotiate,
    request_error_status,
    without_data,
)
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

    def __init__(self, schema: Any, *, feeds: FeedHub, settings: Settings, **kwargs: Any) -> None:
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
        common: dict[str, Any] = {"request": request, "response": response, "feeds": self.feeds}
        common["settings"] = self.settings
        if isinstance(request, WebSocket):
            return Context(principal=None, auth_error="not authenticated", **common)
        header = request.headers.get("authorization")
        token = bearer_token(header)
        if header and token is None:
            return Context(
                principal=None,
                auth_error="malformed Authorization header: expected `Bearer <api key>`",
                **common,
            )
        principal = await authenticate(token) if token else None
        error = "invalid or revoked API key" if token and principal is None else None
        return Context(principal=principal, auth_error=error, **common)

    async def get_root_value(self, request: Any) -> None:
        return None

    async def render_graphql_ide(self, request: Request) -> Response:
        """casegraph's GraphiQL page; its scripts come from /graphiql/, never a CDN."""
        return HTMLResponse(graphiql_html())

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        """Remember the negotiated media type on the response being built."""
        sub_response = await super().get_sub_response(request)
        if isinstance(request, Request):
            sub_response.media_type = negotiate(request.headers.get("accept"))
            request.state.sub_response = sub_response
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Under application/graphql-response+json a request error (the document did not
        parse or validate, the variables did not coerce, no valid key) gets a 4xx status and
        no `data` entry; application/json keeps 200 and `data: null`."""
        body = await super().process_result(request, result)
        sub_response: Response | None = getattr(request.state, "sub_response", None)
        if (
            sub_response is not None
            and sub_response.media_type == GRAPHQL_RESPONSE_JSON
            and is_request_error(result)
        ):
            sub_response.status_code = request_error_status(result)
            if sub_response.status_code == 401:
                sub_response.headers["WWW-Authenticate"] = "Bearer"
            return without_data(dict(body))  # type: ignore[return-value]
        return body

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        """The JSON body in the negotiated media type."""
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE_JSON:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
        return response
