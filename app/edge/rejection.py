"""A refusal at the edge: an HTTP status with one labelled error in a GraphQL-shaped body."""

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Send


class EdgeRejection(Exception):
    """A request refused before (or instead of) GraphQL execution."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def body(self) -> bytes:
        """``{"errors": [{"message": ..., "extensions": {"code": ...}}]}``."""
        error = {"message": self.message, "extensions": {"code": self.code}}
        return json.dumps({"errors": [error]}, separators=(",", ":")).encode()

    def response(self) -> Response:
        """The refusal as a Starlette response."""
        return Response(
            self.body(),
            status_code=self.status,
            headers=self.headers,
            media_type="application/json",
        )

    async def send(self, send: Send) -> None:
        """Answer with the refusal on a raw ASGI ``send``."""
        body = self.body()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *((k.lower().encode(), v.encode()) for k, v in self.headers.items()),
        ]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def rejection_handler(request: Request, exc: Exception) -> Response:
    """Starlette exception handler: an ``EdgeRejection`` raised by the view becomes its answer."""
    assert isinstance(exc, EdgeRejection)
    return exc.response()


EXCEPTION_HANDLERS = {EdgeRejection: rejection_handler}
"""Register with ``Starlette(exception_handlers=...)``."""
