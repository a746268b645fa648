"""Workflows, their published versions, and their runs."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.tenancy import Organization
from app.domain.workflow_status import WorkflowRunStatus, WorkflowStatus


class Workflow(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="workflows", on_delete=fields.CASCADE
    )
    organization_id: int
    name = fields.CharField(max_length=200)
    # the trigger of the newest published version; runs are looked up by it
    trigger = fields.CharField(max_length=64, null=True)
    status = fields.CharField(max_length=16, default=WorkflowStatus.ACTIVE)
    draft = fields.JSONField()
    published_version = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "workflow"
        ordering = ["id"]
        indexes = (Index(fields=("organization_id", "trigger"), name="idx_workflow_trigger"),)


class WorkflowVersion(Model):
    id = fields.IntField(primary_key=True)
    workflow: fields.ForeignKeyRelation[Workflow] = fields.ForeignKeyField(
        "models.Workflow", related_name="versions", on_delete=fields.CASCADE
    )
    workflow_id: int
    version = fields.IntField()
    definition = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "workflow_version"
        unique_together = (("workflow", "version"),)
        ordering = ["version"]


class WorkflowRun(Model):
    """One run of one workflow version for one event: (workflow, version, event) is unique."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="workflow_runs", on_delete=fields.CASCADE
    )
    organization_id: int
    workflow: fields.ForeignKeyRelation[Workflow] = fields.ForeignKeyField(
        "models.Workflow", related_name="runs", on_delete=fields.CASCADE
    )
    workflow_id: int
    version = fields.IntField()
    event_id = fields.BigIntField()
    event_name = fields.CharField(max_length=64)
    subject_type = fields.CharField(max_length=32)
    subject_id = fields.IntField()
    case_id = fields.IntField(null=True)
    inquiry_id = fields.IntField(null=True)
    depth = fields.IntField(default=0)
    status = fields.CharField(max_length=16, default=WorkflowRunStatus.PENDING)
    route = fields.CharField(max_length=200, null=True)
    # [{"id", "kind", "status", "input", "output", "error", "started_at", "finished_at"}]
    steps = fields.JSONField()
    error = fields.TextField(null=True)
    lease_until = fields.DatetimeField(null=True)
    # claims so far; an attempt that raises is retried at next_attempt_at, the last one is dead
    attempts = fields.IntField(default=0, db_default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "workflow_run"
        unique_together = (("workflow", "version", "event_id"),)
        indexes = (
            Index(fields=("status", "lease_until"), name="idx_run_due"),
            Index(fields=("status", "next_attempt_at"), name="idx_run_retry"),
        )
        ordering = ["id"]
