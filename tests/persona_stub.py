"""A local stand-in for Persona: signed event bodies as Persona posts them, and a stub of
Persona's inquiry-action API (starlette under uvicorn on loopback)."""

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.domain.persona import sign
from tests.servers import free_port

SECRET = "wbhsec_persona_test_secret"
API_KEY = "persona_sandbox_key_123"


def event_body(
    event_id: str,
    name: str,
    obj: dict[str, Any],
    *,
    created_at: str = "2026-01-05T10:00:00.000Z",
) -> bytes:
    """Persona's event object around ``obj`` (kebab-case keys)."""
    body = {
        "data": {
            "type": "event",
            "id": event_id,
            "attributes": {
                "name": name,
                "created-at": created_at,
                "payload": {"data": obj, "included": []},
            },
        }
    }
    return json.dumps(body).encode()


def inquiry(
    inquiry_id: str, status: str, updated_at: str, account: str | None = None, **attributes: Any
) -> dict[str, Any]:
    """A Persona inquiry object."""
    obj: dict[str, Any] = {
        "type": "inquiry",
        "id": inquiry_id,
        "attributes": {"status": status, "updated-at": updated_at, **attributes},
    }
    if account is not None:
        obj["relationships"] = {"account": {"data": {"type": "account", "id": account}}}
    return obj


def signed(body: bytes, secret: str = SECRET, *, at: int | None = None) -> dict[str, str]:
    """Headers of a delivery signed now (or at ``at``)."""
    stamp = int(time.time()) if at is None else at
    return {"Persona-Signature": sign(secret, stamp, body), "Content-Type": "application/json"}


@dataclass
class Call:
    """One request the stub API got."""

    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class PersonaApi:
    """Answers each action by the next planned status code, then ``always``."""

    url: str = ""
    plan: list[int] = field(default_factory=list)
    always: int = 200
    calls: list[Call] = field(default_factory=list)

    async def action(self, request: Request) -> JSONResponse:
        self.calls.append(
            Call(request.url.path, dict(request.headers), json.loads(await request.body()))
        )
        status = self.plan.pop(0) if self.plan else self.always
        inquiry_id = request.path_params["inquiry"]
        if status >= 400:
            return JSONResponse({"errors": [{"title": "Bad Request"}]}, status_code=status)
        return JSONResponse({"data": {"type": "inquiry", "id": inquiry_id}}, status_code=status)


@asynccontextmanager
async def persona_api(*, plan: list[int] | None = None) -> AsyncIterator[PersonaApi]:
    """The stub API on 127.0.0.1 at ``<url>`` until the block ends."""
    port = free_port()
    api = PersonaApi(url=f"http://127.0.0.1:{port}", plan=list(plan or []))
    app = Starlette(
        routes=[Route("/api/v1/inquiries/{inquiry}/{action}", api.action, methods=["POST"])]
    )
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    assert server.started, "the Persona stub did not start"
    try:
        yield api
    finally:
        server.should_exit = True
        await task
