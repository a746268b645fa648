"""Notifications: email deliveries, the in-app inbox, and durable consumer positions."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.tenancy import Organization, User
from app.domain.deliveries import DeliveryStatus


class ConsumerPosition(Model):
    """How far a durable consumer has read the event log (one row per consumer)."""

    name = fields.CharField(max_length=64, primary_key=True)
    last_event_id = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "consumer_position"


class NotificationDelivery(Model):
    """One email to one recipient about one event; (event, recipient) is unique."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="notification_deliveries", on_delete=fields.CASCADE
    )
    organization_id: int
    event_id = fields.BigIntField()
    recipient = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=300)
    body = fields.TextField()
    status = fields.CharField(max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(null=True)
    next_attempt_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notification_delivery"
        unique_together = (("event_id", "recipient"),)
        indexes = (Index(fields=("status", "next_attempt_at"), name="idx_delivery_due"),)
        ordering = ["id"]


class Notification(Model):
    """An entry of a user's in-app inbox; (user, event) is unique."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="notifications", on_delete=fields.CASCADE
    )
    organization_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    user_id: int
    event_id = fields.BigIntField()
    name = fields.CharField(max_length=64)
    case_id = fields.IntField(null=True)
    message = fields.CharField(max_length=300)
    read_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notification"
        unique_together = (("user", "event_id"),)
        ordering = ["id"]
