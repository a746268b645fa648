"""strawberry's graphql-transport-ws handler, minus one object kept per connection, counted
for the collector policy (app.gc_policy: sweeps follow closed connections), and with the
HTTP deadline for queries and mutations sent over the socket (REQUEST_TIMEOUT_SECONDS: the
operation is cancelled and answered with one TIMEOUT error; subscriptions run until
completed).

strawberry starts a timer task per connection that closes it with 4408 when no
``connection_init`` arrives in time, cancels the task when one does, and keeps the cancelled
task for the life of the connection: with it its CancelledError, two tracebacks and two
frames (about 1 KiB, ten tracked objects; 10 MiB at 10,000 subscribers). This handler lets
go of the task once ``connection_init`` has been handled. It relies on the handler's
``connection_init_timeout_task`` attribute; strawberry is pinned to 0.341.x and
tests/test_transport_ws.py checks the attribute and the behaviour.
"""

import asyncio
import logging
from typing import Any

from graphql import GraphQLError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

from app.edge.deadline import timeout_result
from app.gc_policy import collector
from app.graphql.gate import parse_document

log = logging.getLogger("casegraph.edge")


def _deadline_applies(operation: Operation[Any, Any]) -> bool:
    """A query or a mutation (a document that does not parse is refused before execution)."""
    try:
        document = parse_document(operation.query)
        return get_operation_type(document, operation.operation_name) is not (
            OperationType.SUBSCRIPTION
        )
    except (GraphQLError, RuntimeError):
        return False


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

    async def run_operation(self, operation: Operation[Any, Any]) -> None:
        seconds = self.context.settings.request_timeout_seconds
        if seconds <= 0 or not _deadline_applies(operation):
            await super().run_operation(operation)
            return
        deadline = asyncio.timeout(seconds)
        try:
            async with deadline:
                await super().run_operation(operation)
        except TimeoutError:
            if not deadline.expired():
                raise
            log.warning("WebSocket operation cancelled at its deadline of %g s", seconds)
            errors = timeout_result(seconds).errors or []
            await operation.send_initial_errors(errors)
