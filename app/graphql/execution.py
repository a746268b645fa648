"""The executor strawberry uses, with one fix for long-lived subscriptions."""

from typing import Any

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class PerEventExecutor(StrawberryGraphQLCoreExecutionContext):
    """graphql-core 3.3's per-event executors are shallow copies of the subscription's
    executor and share its subfield memo, keyed by the identity of lists built afresh for
    every event: each delivered event adds entries that live as long as the subscription
    (a leak proportional to subscribers x events). Each event gets its own memo instead."""

    def build_per_event_executor(self, payload: Any) -> Any:
        executor = super().build_per_event_executor(payload)
        executor._relevant_sub_fields = {}
        return executor
