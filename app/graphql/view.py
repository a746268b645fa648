"""The ASGI GraphQL endpoint: authenticates the bearer key into the context, answers in the
media type the client accepts, and renders casegraph's own GraphiQL page."""

import asyncio
import weakref
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from app.domain.principal import Principal
from app.edge.deadline import within_deadline
from app.edge.json_body import decode_request_json, decode_strict
from app.edge.rate_limit import RateLimiter, client_address
from app.events.feed import FeedHub
from app.graphiql.page import graphiql_html
from app.graphql.context import Context
from app.graphql.document_limits import LimitError
from app.graphql.gate import unauthenticated
from app.graphql.idempotency import idempotent
from app.graphql.json_post import POST_OPERATIONS, is_direct, json_request
from app.graphql.media_types import CONTENT_TYPES, JSON, http_body, json_bytes, negotiate
from app.graphql.transport_ws import TransportWSHandler
from app.services.auth import authenticate
from app.services.revocations import Revoked, revocations
from app.settings import Introspection, Settings

REVOKED_REASON = "the API key was revoked or its user's role changed"


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class GraphQLApp(GraphQL[Context, None]):
    """strawberry's ASGI app with casegraph's context."""

    graphql_transport_ws_handler_class = TransportWSHandler
    direct_json_post = True  # app.graphql.json_post; False: every request through strawberry

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
        # open WebSockets by context id; an entry goes when its connection (context) does
        self.sockets: weakref.WeakValueDictionary[int, Context] = weakref.WeakValueDictionary()
        self._closing: set[asyncio.Task[None]] = set()
        revocations.listen(self._revoked)

    def encode_json(self, data: object) -> str:
        """Responses and WebSocket messages as compact JSON (``media_types.json_bytes``)."""
        return json_bytes(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        """Strict JSON (WebSocket messages): a refusal is a JSONDecodeError (close 4400)."""
        return decode_strict(data, max_depth=self.settings.max_json_depth)

    def parse_json(self, data: str | bytes) -> Any:
        """Strict JSON (HTTP bodies, GET variables/extensions): 400 with a labelled error."""
        return decode_request_json(data, max_depth=self.settings.max_json_depth)

    def _revoked(self, revoked: Revoked) -> None:
        """Close every open WebSocket of a key just revoked or a user whose role changed
        (4403: the client reconnects, and authenticates anew)."""
        for context in list(self.sockets.values()):
            principal, socket = context.principal, context.request
            if principal is None or not revoked.covers(principal.api_key_id, principal.user_id):
                continue
            if isinstance(socket, WebSocket):
                task = asyncio.get_running_loop().create_task(
                    socket.close(code=4403, reason=REVOKED_REASON)
                )
                self._closing.add(task)
                task.add_done_callback(self._closing.discard)

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
        self.sockets[id(context)] = context
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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.direct_json_post
            and scope["type"] == "http"
            and scope["method"] == "POST"
            and is_direct(scope["headers"])
        ):
            await self._answer_json_post(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)

    async def _answer_json_post(self, scope: Scope, receive: Receive, send: Send) -> None:
        """One JSON GraphQL request answered without strawberry's view (``app.graphql.json_post``):
        the same steps in its order (authenticate, read and decode the body, refuse, execute
        within the deadline, answer in the negotiated media type)."""
        request = Request(scope, receive)
        context = await self.get_context(request)
        parsed = json_request(self.parse_json(await request.body()))
        if parsed is None:
            return await self._answer_by_view(request, context, send)
        refusal = self._refusal(context, [parsed.query])
        if refusal is not None:
            result: Any = ExecutionResult(data=None, errors=[refusal])
        else:
            try:
                result = await within_deadline(
                    self.schema.execute(
                        parsed.query,
                        variable_values=parsed.variables,
                        context_value=context,
                        operation_name=parsed.operation_name,
                        allowed_operation_types=POST_OPERATIONS,
                        operation_extensions=parsed.extensions,
                    ),
                    self.settings.request_timeout_seconds,
                )
            except (CannotGetOperationTypeError, InvalidOperationTypeError):
                # raised before execution: the view answers them with its own 400s
                return await self._answer_by_view(request, context, send)
        media_type = negotiate(request.headers.get("accept"))
        status, body = http_body(result, media_type)
        payload = json_bytes(body)
        headers = [
            (b"content-length", str(len(payload)).encode()),
            (b"content-type", CONTENT_TYPES[media_type]),
        ]
        if status == 401:
            headers.append((b"www-authenticate", b"Bearer"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    async def _answer_by_view(self, request: Request, context: Context, send: Send) -> None:
        """strawberry's view answers a request the direct path does not take, with the context
        already built (the body is already read: the request keeps it)."""
        try:
            response = await self.run(request, context)
        except HTTPException as exc:
            response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        await response(request.scope, request.receive, send)

    def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        """A POST with an Idempotency-Key goes through app.graphql.idempotency. Not a
        coroutine itself: it hands back strawberry's, so an open WebSocket keeps no frame of
        this method for its whole life."""
        if (
            isinstance(request, Request)
            and request.method == "POST"
            and "idempotency-key" in (request.headers)
        ):
            return idempotent(
                request,
                lambda: super(GraphQLApp, self).run(request, context, root_value),
                settings=self.settings,
                token=bearer_token(request.headers.get("authorization")),
            )
        return super().run(request, context, root_value)

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> Any:
        """Refuse before parsing: an anonymous caller that may not introspect (or sends more
        than an introspection document's worth), and any document over the size limit."""
        items = request_data if isinstance(request_data, list) else [request_data]
        refusal = self._refusal(context, [item.query or "" for item in items])
        if refusal is not None:
            results = [ExecutionResult(data=None, errors=[refusal]) for _ in items]
            return results if isinstance(request_data, list) else results[0]
        # the operation is cancelled at REQUEST_TIMEOUT_SECONDS (a TIMEOUT error, HTTP 200)
        return await within_deadline(
            super().execute_operation(
                request, request_adapter, request_data, context, root_value, sub_response
            ),
            self.settings.request_timeout_seconds,
        )

    def _refusal(self, context: Context, documents: list[str]) -> GraphQLError | None:
        settings = self.settings
        size = max((len(d.encode()) for d in documents), default=0)
        if context.principal is None:
            if settings.introspection is not Introspection.PUBLIC:
                return unauthenticated(context.auth_error)
            if size > settings.max_anonymous_document_bytes:
                return unauthenticated(context.auth_error)
        if size > settings.max_document_bytes:
            return LimitError(
                "size",
                f"the document has {size} bytes; at most {settings.max_document_bytes} "
                "(comments included) are allowed",
                maximum=settings.max_document_bytes,
                actual=size,
            ).to_graphql()
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
        """``http_body``, its status set on the response being built."""
        sub_response: Response | None = getattr(request.state, "sub_response", None)
        media_type = JSON if sub_response is None else str(sub_response.media_type)
        status, body = http_body(result, media_type)
        if sub_response is not None and status != 200:
            sub_response.status_code = status
            if status == 401:
                sub_response.headers["WWW-Authenticate"] = "Bearer"
        return body  # type: ignore[return-value]

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        """The JSON body in the negotiated media type."""
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type != JSON:
            response.headers["content-type"] = CONTENT_TYPES[str(sub_response.media_type)].decode()
        return response
