"""strawberry's graphql-transport-ws handler, minus one object kept per connection, and
counted for the collector policy (app.gc_policy: sweeps follow closed connections).

strawberry starts a timer task per connection that closes it with 4408 when no
``connection_init`` arrives in time, cancels the task when one does, and keeps the cancelled
task for the life of the connection: with it its CancelledError, two tracebacks and two
frames (about 1 KiB, ten tracked objects; 10 MiB at 10,000 subscribers). This handler lets
go of the task once ``connection_init`` has been handled. It relies on the handler's
``connection_init_timeout_task`` attribute; strawberry is pinned to 0.341.x and
tests/test_transport_ws.py checks the attribute and the behaviour.
"""

from typing import Any

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from app.gc_policy import collector


class TransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        collector.connection_opened()

    async def shutdown(self) -> None:  # the end of ``handle``, however the connection ends
        try:
            await super().shutdown()
        finally:
            collector.connection_closed()

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        if self.connection_init_received:  # the timer was cancelled: it ends on its own
            self.connection_init_timeout_task = None
