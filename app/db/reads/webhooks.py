"""Read helpers for webhooks and their deliveries."""

from tortoise.queryset import QuerySet

from app.db.models import Webhook, WebhookDelivery


def webhooks(organization_id: int) -> QuerySet[Webhook]:
    """The organization's webhooks."""
    return Webhook.filter(organization_id=organization_id)


def deliveries(
    organization_id: int,
    *,
    webhook_id: int | None = None,
    status: str | None = None,
    event_name: str | None = None,
) -> QuerySet[WebhookDelivery]:
    """Webhook deliveries matching every given condition."""
    query = WebhookDelivery.filter(organization_id=organization_id)
    if webhook_id is not None:
        query = query.filter(webhook_id=webhook_id)
    if status is not None:
        query = query.filter(status=status)
    if event_name is not None:
        query = query.filter(event_name=event_name)
    return query
