"""Due SLA moments: one row per (case, kind), written by the SLA service, claimed by the
deadline worker."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from app.db.models.cases import Case
from app.db.models.tenancy import Organization
from app.domain.sla import TimerKind


class SlaTimer(Model):
    """A warning or expiry that fires at ``due_at`` for the deadline it was scheduled for."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="sla_timers", on_delete=fields.CASCADE
    )
    organization_id: int
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="sla_timers", on_delete=fields.CASCADE
    )
    case_id: int
    kind = fields.CharEnumField(TimerKind, max_length=16)
    due_at = fields.DatetimeField()
    # the case's sla_expires_at when this was scheduled: firing compares and sets on it
    deadline = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sla_timer"
        unique_together = (("case", "kind"),)
        indexes = (Index(fields=("due_at",), name="idx_sla_timer_due"),)
