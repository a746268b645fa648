"""The durable, append-only event log."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.tenancy import Organization


class Event(Model):
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="events", on_delete=fields.CASCADE
    )
    organization_id: int
    name = fields.CharField(max_length=64)
    subject_type = fields.CharField(max_length=32)
    subject_id = fields.IntField()
    actor_type = fields.CharField(max_length=32)
    actor_id = fields.CharField(max_length=64)
    payload = fields.JSONField()
    payload_version = fields.SmallIntField(default=1, db_default=1)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "event"
        ordering = ["id"]
        indexes = (
            Index(fields=("organization_id", "id"), name="idx_event_org_id"),
            Index(fields=("subject_type", "subject_id"), name="idx_event_subject"),
            Index(fields=("organization_id", "name", "created_at"), name="idx_event_org_name_at"),
            Index(
                fields=("subject_type", "subject_id", "name", "created_at"),
                name="idx_event_subject_name_at",
            ),
        )
