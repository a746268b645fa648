"""A graphql-transport-ws (and legacy graphql-ws) client for tests, over httpx-ws."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport
from starlette.applications import Starlette

from app.events.feed import FeedHub, Subscriber
from app.graphql.view import GraphQLApp
from tests.waiting import eventually

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"
# How long a test listens to show that an event does NOT arrive. Nothing can signal an
# absence, so this one wait is deliberate: over two of the tests' feed catch-up polls
# (FAST_FEEDS: 0.2 s), so an event the feed would deliver late has had its chance.
QUIET_SECONDS = 0.5


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


def feed_hub(app: Starlette) -> FeedHub:
    """The app's live-feed hub (the GraphQL endpoint holds it), to see who is subscribed."""
    endpoints = [getattr(route, "endpoint", None) for route in app.routes]
    return next(e.feeds for e in endpoints if isinstance(e, GraphQLApp))


def _subscribers(hub: FeedHub) -> set[Subscriber]:
    return {sub for feed in list(hub.feeds.values()) for sub in feed.subscribers}


@contextlib.asynccontextmanager
async def registers_a_subscriber(hub: FeedHub) -> AsyncIterator[None]:
    """On leaving the block, wait until a subscriber that was not there before has joined the
    hub: from then on every committed event reaches it. (graphql-transport-ws has no
    'subscribed' acknowledgement, and a ping's pong may overtake the operation's task.)"""
    before = _subscribers(hub)
    yield
    await eventually(lambda: _subscribers(hub) - before, what="the subscription registering")


async def start(ws: AsyncWebSocketSession, op_id: str, query: str, **variables: Any) -> None:
    """Send a graphql-transport-ws subscribe message and return at once."""
    await ws.send_json(
        {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
    )


async def subscribe(
    hub: FeedHub, ws: AsyncWebSocketSession, op_id: str, query: str, **variables: Any
) -> None:
    """Start an operation and return once it is registered with the feed hub."""
    async with registers_a_subscriber(hub):
        await start(ws, op_id, query, **variables)


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
