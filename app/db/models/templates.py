"""Case templates: statuses, custom fields, notification and assignment settings."""

from tortoise import fields
from tortoise.models import Model

from app.db.models.tenancy import Organization


class CaseTemplate(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="case_templates", on_delete=fields.CASCADE
    )
    organization_id: int
    name = fields.CharField(max_length=200)
    key = fields.CharField(max_length=16)
    # [{"name": "Open", "type": "initial"}, ...] in display order
    statuses = fields.JSONField()
    # [{"key": "risk", "label": "Risk", "type": "string", "required": false}, ...]
    field_definitions = fields.JSONField()
    notification_emails = fields.JSONField()
    assignment_policy = fields.CharField(max_length=32, default="manual")
    assignment_user_ids = fields.JSONField()
    assignment_team_ids = fields.JSONField()
    assignment_capacity = fields.IntField(null=True)
    # user id of the last policy assignment: where round robin continues
    assignment_cursor = fields.IntField(null=True)
    # the last case number handed out; incremented under a row lock
    last_case_number = fields.IntField(default=0)
    # SLA settings: default deadline of new cases, warning lead time, statuses that stop the
    # clock ([] when null) and business hours ({"timezone", "weekdays", "start", "end"} or null)
    sla_seconds = fields.IntField(null=True)
    sla_warning_seconds = fields.IntField(null=True)
    sla_paused_statuses = fields.JSONField(null=True)
    sla_business_hours = fields.JSONField(null=True)
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "case_template"
        unique_together = (("organization", "key"),)
        ordering = ["id"]
