"""Webhooks and their deliveries (admins)."""

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from app.db.reads import webhooks as reads
from app.domain.errors import DomainError
from app.domain.permissions import Operation, require
from app.domain.webhooks import WebhookDeliveryStatus
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_optional
from app.graphql.pagination import After, Before, Connection, First, Last
from app.graphql.queries.core import list_connection_of, org_of
from app.graphql.types.webhooks import Webhook, WebhookDelivery


@strawberry.input(description="Which deliveries to list; every given condition must hold.")
class WebhookDeliveryFilter:
    webhook_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Deliveries of this webhook."
    )
    status: WebhookDeliveryStatus | None = strawberry.field(
        default=None, description="Only this status."
    )
    event_name: str | None = strawberry.field(
        default=None, description="Only deliveries of this event name."
    )


def _admin(info: Info) -> int:
    try:
        require(info.context.require_principal(), Operation.MANAGE_WEBHOOKS)
    except DomainError as exc:
        raise as_graphql_error(exc) from None
    return org_of(info)


@strawberry.type
class WebhookQueries:
    @strawberry.field(description="The organization's webhooks, oldest first (admins).")
    async def webhooks(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Webhook]:
        query = reads.webhooks(_admin(info))
        return await list_connection_of(query, Webhook, first, after, last, before, newest=False)

    @strawberry.field(description="One webhook by global id; null when absent (admins).")
    async def webhook(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The webhook.")],
    ) -> Webhook | None:
        _admin(info)
        if id.type_name != "Webhook":
            return None
        return (await Webhook.resolve_nodes(info=info, node_ids=[id.node_id]))[0]

    @strawberry.field(description="Webhook deliveries with every attempt, newest first (admins).")
    async def webhook_deliveries(
        self,
        info: Info,
        filter: Annotated[
            WebhookDeliveryFilter | None, strawberry.argument(description="Conditions to match.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WebhookDelivery]:
        organization_id = _admin(info)
        f = filter or WebhookDeliveryFilter()
        try:
            webhook_id = decode_optional(f.webhook_id, "Webhook", field="filter.webhookId")
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        query = reads.deliveries(
            organization_id,
            webhook_id=webhook_id,
            status=f.status.value if f.status else None,
            event_name=f.event_name,
        )
        return await list_connection_of(query, WebhookDelivery, first, after, last, before)
