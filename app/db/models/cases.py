"""Cases, their comments and the objects they link."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.templates import CaseTemplate
from app.db.models.tenancy import Organization, User
from app.domain.case_status import CaseState
from app.domain.objects import ObjectType

SLA_ORDER_NONE = 2**62  # sorts after every real deadline


class Case(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="cases", on_delete=fields.CASCADE
    )
    organization_id: int
    template: fields.ForeignKeyRelation[CaseTemplate] = fields.ForeignKeyField(
        "models.CaseTemplate", related_name="cases", on_delete=fields.RESTRICT
    )
    template_id: int
    number = fields.IntField()
    name = fields.CharField(max_length=40)
    status = fields.CharField(max_length=100)
    state = fields.CharEnumField(CaseState, max_length=16, default=CaseState.OPEN)
    resolution = fields.CharField(max_length=100, null=True)
    assignee: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assigned_cases", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    creator_type = fields.CharField(max_length=32)
    creator_id = fields.CharField(max_length=64)
    assigner_type = fields.CharField(max_length=32, null=True)
    assigner_id = fields.CharField(max_length=64, null=True)
    resolver_type = fields.CharField(max_length=32, null=True)
    resolver_id = fields.CharField(max_length=64, null=True)
    updater_type = fields.CharField(max_length=32, null=True)
    updater_id = fields.CharField(max_length=64, null=True)
    tags = fields.JSONField()
    # "|tag1|tag2|": lets both SQLite and PostgreSQL filter by tag with LIKE
    tag_index = fields.TextField(default="")
    fields_data = fields.JSONField(source_field="fields")
    sla_expires_at = fields.DatetimeField(null=True)
    # the deadline as a sortable number (epoch microseconds; SLA_ORDER_NONE when no deadline)
    sla_order = fields.BigIntField(default=SLA_ORDER_NONE, db_default=SLA_ORDER_NONE)
    sla_warning_at = fields.DatetimeField(null=True)
    sla_paused_at = fields.DatetimeField(null=True)
    sla_breached_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    assigned_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    version = fields.IntField(default=1)

    class Meta:
        table = "case"
        unique_together = (("template", "number"),)
        indexes = (
            Index(fields=("organization_id", "created_at"), name="idx_case_org_created"),
            Index(fields=("organization_id", "assignee_id", "state"), name="idx_case_org_assignee"),
            Index(fields=("organization_id", "resolved_at"), name="idx_case_org_resolved"),
            Index(fields=("organization_id", "state", "status"), name="idx_case_org_state"),
            Index(fields=("organization_id", "sla_order"), name="idx_case_org_sla"),
            Index(fields=("organization_id", "sla_breached_at"), name="idx_case_org_breached"),
        )


class CaseComment(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="case_comments", on_delete=fields.CASCADE
    )
    organization_id: int
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="comments", on_delete=fields.CASCADE
    )
    case_id: int
    author_type = fields.CharField(max_length=32)
    author_id = fields.CharField(max_length=64)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "case_comment"
        ordering = ["id"]


class CaseObject(Model):
    """A link from a case to one object; (case, type, object id) is unique."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="object_links", on_delete=fields.CASCADE
    )
    case_id: int
    object_type = fields.CharEnumField(ObjectType, max_length=16)
    object_id = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "case_object"
        unique_together = (("case", "object_type", "object_id"),)
        indexes = (Index(fields=("object_type", "object_id"), name="idx_case_object_target"),)
        ordering = ["id"]
