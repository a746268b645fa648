"""Outbound webhooks and their deliveries (one per webhook and event)."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.tenancy import Organization
from app.domain.webhooks import WebhookDeliveryStatus, WebhookStatus


class Webhook(Model):
    """Where an organization wants events posted, and the secrets that sign them."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="webhooks", on_delete=fields.CASCADE
    )
    organization_id: int
    url = fields.CharField(max_length=2048)
    description = fields.CharField(max_length=500, default="")
    enabled_events = fields.JSONField()
    status = fields.CharEnumField(WebhookStatus, max_length=16, default=WebhookStatus.ENABLED)
    # HMAC needs the secret itself: it is stored, and shown once
    secret = fields.CharField(max_length=64)
    previous_secret = fields.CharField(max_length=64, null=True)
    previous_secret_expires_at = fields.DatetimeField(null=True)
    failing_since = fields.DatetimeField(null=True)
    disabled_at = fields.DatetimeField(null=True)
    disabled_reason = fields.CharField(max_length=16, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook"
        ordering = ["id"]
        indexes = (Index(fields=("organization_id", "status"), name="idx_webhook_org_status"),)


class WebhookDelivery(Model):
    """One event posted to one webhook, with every attempt; (webhook, event) is unique."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="webhook_deliveries", on_delete=fields.CASCADE
    )
    organization_id: int
    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.CASCADE
    )
    webhook_id: int
    event_id = fields.BigIntField()
    event_name = fields.CharField(max_length=64)
    body = fields.TextField()
    status = fields.CharEnumField(
        WebhookDeliveryStatus, max_length=16, default=WebhookDeliveryStatus.PENDING
    )
    attempts = fields.IntField(default=0)
    # every recorded attempt (the last ATTEMPTS_KEPT): started_at, duration_ms,
    # response_status, response_body (first bytes), error
    attempt_log = fields.JSONField(default=list)
    next_attempt_at = fields.DatetimeField(null=True)
    first_attempted_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook_delivery"
        unique_together = (("webhook", "event_id"),)
        indexes = (
            Index(fields=("status", "next_attempt_at"), name="idx_webhook_delivery_due"),
            Index(fields=("organization_id", "id"), name="idx_webhook_delivery_org"),
        )
        ordering = ["id"]
