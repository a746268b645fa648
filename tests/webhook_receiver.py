"""A real HTTP receiver for webhook tests (starlette under uvicorn on loopback), and the
signature check written the way a Persona receiver writes it."""

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tests.servers import free_port


def verify_persona_signature(
    header: str, raw_body: bytes, secret: str, *, tolerance: int = 300
) -> bool:
    """Persona's recipe: each space-separated `t=...,v1=...` set is HMAC-SHA256(secret,
    "<t>.<raw body>") in hex; accept when any set matches and t is recent."""
    for signature_set in header.split(" "):
        parts = dict(item.split("=", 1) for item in signature_set.split(","))
        expected = hmac.new(
            secret.encode(), f"{parts['t']}.".encode() + raw_body, hashlib.sha256
        ).hexdigest()
        fresh = abs(time.time() - int(parts["t"])) <= tolerance
        if fresh and hmac.compare_digest(expected, parts["v1"]):
            return True
    return False


@dataclass
class Received:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        """The parsed body."""
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each POST by the next planned action (`ok`, `fail`, `hang`), then `ok`."""

    url: str = ""
    plan: list[str] = field(default_factory=list)
    always: str = "ok"
    received: list[Received] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def endpoint(self, request: Request) -> PlainTextResponse:
        self.received.append(Received(dict(request.headers), await request.body()))
        action = self.plan.pop(0) if self.plan else self.always
        if action == "hang":
            await self.release.wait()
        if action == "fail":
            return PlainTextResponse("try again later", status_code=500)
        return PlainTextResponse("ok")


@asynccontextmanager
async def receiver(*, plan: list[str] | None = None, always: str = "ok") -> AsyncIterator[Receiver]:
    """A receiver listening on 127.0.0.1 at ``<url>`` (path /hook) until the block ends."""
    port = free_port()
    r = Receiver(url=f"http://127.0.0.1:{port}/hook", plan=list(plan or []), always=always)
    app = Starlette(routes=[Route("/hook", r.endpoint, methods=["POST"])])
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):  # uvicorn exposes no event for "listening"
        if server.started:
            break
        await asyncio.sleep(0.01)
    assert server.started, "the receiver did not start"
    try:
        yield r
    finally:
        r.release.set()
        server.should_exit = True
        await task
