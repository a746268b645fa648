"""Persona integrations: credentials, the events Persona posted, and calls back to Persona."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.objects import Inquiry
from app.db.models.tenancy import Organization
from app.domain.persona import ActionStatus, InboundStatus


class PersonaIntegration(Model):
    """One Persona environment feeding an organization; its secrets are stored encrypted
    (Fernet, ENCRYPTION_KEY) and never returned by the API."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="persona_integrations", on_delete=fields.CASCADE
    )
    organization_id: int
    api_base_url = fields.CharField(max_length=2048)
    webhook_secret_encrypted = fields.TextField()
    api_key_encrypted = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "persona_integration"
        ordering = ["id"]


class PersonaInboundEvent(Model):
    """One event Persona posted; (integration, Persona event id) is unique: a redelivery is a
    no-op. Unknown names and out-of-order events are recorded too."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="persona_inbound_events", on_delete=fields.CASCADE
    )
    organization_id: int
    integration: fields.ForeignKeyRelation[PersonaIntegration] = fields.ForeignKeyField(
        "models.PersonaIntegration", related_name="inbound_events", on_delete=fields.CASCADE
    )
    integration_id: int
    persona_event_id = fields.CharField(max_length=64)
    name = fields.CharField(max_length=100)
    object_id = fields.CharField(max_length=64, null=True)
    status = fields.CharEnumField(InboundStatus, max_length=16)
    detail = fields.CharField(max_length=500, default="")
    persona_created_at = fields.DatetimeField(null=True)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "persona_inbound_event"
        unique_together = (("integration", "persona_event_id"),)
        indexes = (Index(fields=("organization_id", "id"), name="idx_persona_inbound_org"),)
        ordering = ["id"]


class PersonaAction(Model):
    """An inquiry action to call on Persona's API (approve, decline, mark-for-review), queued
    from one casegraph event (unique) and sent with retries; every attempt is kept."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="persona_actions", on_delete=fields.CASCADE
    )
    organization_id: int
    integration: fields.ForeignKeyRelation[PersonaIntegration] = fields.ForeignKeyField(
        "models.PersonaIntegration", related_name="actions", on_delete=fields.CASCADE
    )
    integration_id: int
    inquiry: fields.ForeignKeyRelation[Inquiry] = fields.ForeignKeyField(
        "models.Inquiry", related_name="persona_actions", on_delete=fields.CASCADE
    )
    inquiry_id: int
    persona_inquiry_id = fields.CharField(max_length=64)
    action = fields.CharField(max_length=32)
    comment = fields.CharField(max_length=1000)
    event_id = fields.BigIntField(unique=True)
    status = fields.CharEnumField(ActionStatus, max_length=16, default=ActionStatus.PENDING)
    attempts = fields.IntField(default=0)
    attempt_log = fields.JSONField(default=list)
    next_attempt_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "persona_action"
        indexes = (
            Index(fields=("status", "next_attempt_at"), name="idx_persona_action_due"),
            Index(fields=("organization_id", "id"), name="idx_persona_action_org"),
        )
        ordering = ["id"]
