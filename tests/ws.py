"""A graphql-transport-ws (and legacy graphql-ws) client for tests, over httpx-ws."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"


@contextlib.asynccontextmanager
async def ws_client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client whose transport speaks HTTP and WebSocket to the ASGI app."""
    async with httpx.AsyncClient(
        transport=ASGIWebSocketTransport(app=app), base_url="http://test"
    ) as client:
        yield client


@contextlib.asynccontextmanager
async def connect(
    client: httpx.AsyncClient, key: str | None, protocol: str = TRANSPORT_WS
) -> AsyncIterator[AsyncWebSocketSession]:
    """An acknowledged connection (connection_init with the bearer key)."""
    async with aconnect_ws("http://test/graphql", client, subprotocols=[protocol]) as ws:
        payload = {"authorization": f"Bearer {key}"} if key else {}
        await ws.send_json({"type": "connection_init", "payload": payload})
        ack = await asyncio.wait_for(ws.receive_json(), 5)
        assert ack["type"] == "connection_ack", ack
        yield ws


async def subscribe(ws: AsyncWebSocketSession, op_id: str, query: str, **variables: Any) -> None:
    """Start an operation; waits briefly, since the protocol has no 'subscribed' ack."""
    await ws.send_json(
        {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
    )
    await asyncio.sleep(0.15)


async def receive(ws: AsyncWebSocketSession, wait: float = 5) -> dict[str, Any]:
    """The next message that is not a keep-alive (TimeoutError after ``wait`` seconds)."""
    while True:
        message: dict[str, Any] = await asyncio.wait_for(ws.receive_json(), wait)
        if message["type"] not in ("ka", "ping", "pong"):
            return message


async def nothing_within(ws: AsyncWebSocketSession, seconds: float) -> bool:
    """True when no message arrives for ``seconds``."""
    try:
        await receive(ws, wait=seconds)
    except TimeoutError:
        return True
    return False
