"""The executor strawberry uses: planned field execution, a fix for long-lived subscriptions,
and one execution per event for every subscriber that asked the same thing."""

import asyncio
import json
from typing import Any, cast

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from app.graphql.planned import PlannedExecution


class PerEventExecutor(PlannedExecution, StrawberryGraphQLCoreExecutionContext):
    """Fields run planned (``app.graphql.planned``: plain attributes and source-only resolvers
    without graphql-core's per-field resolve info and strawberry's wrapper).

    graphql-core 3.3's per-event executors are shallow copies of the subscription's
    executor and share its subfield memo, keyed by the identity of lists built afresh for
    every event: each delivered event adds entries that live as long as the subscription
    (a leak proportional to subscribers x events). Each event gets its own memo instead."""

    def build_per_event_executor(self, payload: Any) -> Any:
        executor = cast(PerEventExecutor, super().build_per_event_executor(payload))
        executor._relevant_sub_fields = {}
        executor.fresh_plans()  # keyed by the same per-event lists: one memo per event too
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        """A feed event executed once per (document, operation, variables, role) in this
        process: subscribers of one organization that sent the same subscription share the
        result, so fan-out costs one execution plus one send per subscriber. Only roots that
        opt in (a ``feed_shared`` dict, one per event and organization) are shared; their
        results depend on nothing but the event (authorization and filters run before the
        yield)."""
        shared = getattr(self.root_value, "feed_shared", None)
        if shared is None:
            return super().execute_operation(serially)
        try:
            variables = json.dumps(self.variable_values, sort_keys=True, default=str)
        except TypeError:
            return super().execute_operation(serially)
        principal = getattr(self.context_value, "principal", None)
        role = getattr(principal, "role", None)
        key = ("execution", id(self.operation), variables, role)
        if key not in shared:
            result = super().execute_operation(serially)
            if not self.is_awaitable(result):
                shared[key] = result
                return result
            shared[key] = asyncio.ensure_future(result)
        cached = shared[key]
        if isinstance(cached, asyncio.Future):
            return asyncio.shield(cached)
        return cached


class ReferenceExecutor(PerEventExecutor):
    """graphql-core's own field execution: what the planned one is compared with."""

    planned = False
    compiled = False
