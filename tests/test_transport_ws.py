"""app.graphql.transport_ws: the connection-init timer is let go once connection_init has
been handled, and depends on strawberry's handler as pinned."""

import asyncio
import inspect

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)

from app.graphql.transport_ws import TransportWSHandler
from app.graphql.view import GraphQLApp
from tests.waiting import eventually
from tests.ws import connect, ws_client


def test_the_strawberry_handler_is_what_the_override_expects():
    assert GraphQLApp.graphql_transport_ws_handler_class is TransportWSHandler
    source = inspect.getsource(BaseGraphQLTransportWSHandler)
    assert "self.connection_init_timeout_task.cancel()" in source
    assert "if self.connection_init_timeout_task:" in source  # shutdown skips None


async def test_an_acknowledged_connection_keeps_no_timer_task(app, admin, monkeypatch):
    handlers: list[TransportWSHandler] = []
    original = TransportWSHandler.handle_connection_init

    async def spy(self, message):
        handlers.append(self)
        await original(self, message)

    monkeypatch.setattr(TransportWSHandler, "handle_connection_init", spy)
    async with ws_client(app) as client, connect(client, admin.key) as ws:
        assert handlers and handlers[0].connection_init_timeout_task is None
        await ws.send_json({"type": "ping"})
        assert (await asyncio.wait_for(ws.receive_json(), 5))["type"] == "pong"


def test_every_handled_connection_ends_in_shutdown():
    source = inspect.getsource(BaseGraphQLTransportWSHandler.handle)
    assert "finally:\n            await self.shutdown()" in source


async def test_connections_are_counted_for_the_collector(app, admin):
    from app.gc_policy import collector

    opened, closed = collector.open, collector.closed
    async with ws_client(app) as client:
        async with connect(client, admin.key):
            assert collector.open == opened + 1
        await eventually(lambda: collector.closed == closed + 1, what="the close being counted")
    assert collector.open == opened
