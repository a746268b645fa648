"""Who may see which row, applied on every path to an object: ``node(id:)``, typed root
fields, nested fields and subscriptions all ask ``visible``. The rules are the domain's
(app/domain/permissions.py); this table says which rule guards which kind of row."""

from collections.abc import Callable
from typing import Any

from tortoise.models import Model

from app.db import models
from app.domain.permissions import (
    may_read_api_key,
    may_read_delivery,
    may_read_integrations,
    may_read_notification,
    may_read_webhooks,
)
from app.domain.principal import Principal

RULES: dict[type[Model], Callable[[Principal, Any], bool]] = {
    models.Notification: lambda p, row: may_read_notification(p, row.user_id),
    models.NotificationDelivery: lambda p, row: may_read_delivery(p),
    models.ApiKey: lambda p, row: may_read_api_key(p, row.id, row.user_id),
    models.Webhook: lambda p, row: may_read_webhooks(p),
    models.WebhookDelivery: lambda p, row: may_read_webhooks(p),
    models.PersonaIntegration: lambda p, row: may_read_integrations(p),
    models.PersonaAction: lambda p, row: may_read_integrations(p),
}


def visible(principal: Principal, row: Model) -> bool:
    """Whether the caller may see this row (tenancy is checked where rows are loaded)."""
    rule = RULES.get(type(row))
    return rule is None or rule(principal, row)
