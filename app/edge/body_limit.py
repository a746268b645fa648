"""Request body size limit: refuse with 413 without reading past the limit."""

from collections.abc import Awaitable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.edge.rejection import EdgeRejection


class PayloadTooLarge(EdgeRejection):
    """The body is larger than the configured limit."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            413,
            "PAYLOAD_TOO_LARGE",
            f"request body exceeds the limit of {max_bytes} bytes",
            # the rest of the body stays unread: do not reuse the connection
            headers={"Connection": "close"},
        )


def declared_length(scope: Scope) -> int | None:
    """The Content-Length header as a number, when it is one."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware:
    """Pure ASGI middleware. A declared Content-Length over ``max_bytes`` is answered at
    once; otherwise (chunked bodies, or a client that lies) the bytes handed to the app are
    counted and reading stops at the first chunk that crosses the limit."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # a plain function, so that a WebSocket goes straight to the app and no frame of this
        # middleware stays suspended for a connection's lifetime
        if scope["type"] != "http" or self.max_bytes <= 0:
            return self.app(scope, receive, send)
        return self._limited(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        length = declared_length(scope)
        if length is not None and length > self.max_bytes:
            await PayloadTooLarge(self.max_bytes).send(send)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise PayloadTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except PayloadTooLarge as exc:
            if started:
                raise
            await exc.send(send)
