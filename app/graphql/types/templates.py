"""Case templates."""

import datetime as dt

import strawberry

from app.db import models
from app.domain.sla import BusinessHours as BusinessHoursValue
from app.graphql.context import Info
from app.graphql.types.common import AssignmentPolicy, FieldType, RowNode, StatusType
from app.graphql.types.sla import BusinessHours
from app.graphql.types.tenancy import Team, User


@strawberry.type(description="A status of a template.")
class CaseStatusDefinition:
    name: str = strawberry.field(description="Status name, e.g. Open or Approved.")
    type: StatusType = strawberry.field(description="Initial, intermediate or end.")


@strawberry.type(description="A custom field of a template.")
class CaseFieldDefinition:
    key: str = strawberry.field(description="Key used in a case's `fields`.")
    label: str = strawberry.field(description="Label shown to reviewers.")
    type: FieldType = strawberry.field(description="Value type.")
    required: bool = strawberry.field(description="Whether every case must hold a value.")


@strawberry.type(description="A kind of case (e.g. KYC review): statuses, fields, routing.")
class CaseTemplate(RowNode[models.CaseTemplate]):
    MODEL = models.CaseTemplate
    COLUMNS = (
        "name",
        "key",
    )

    name: str = strawberry.field(description="Display name.")

    key: str = strawberry.field(description="Short key; cases are named KEY-1, KEY-2, ...")

    @strawberry.field(description="Statuses in display order; exactly one is initial.")
    def statuses(self) -> list[CaseStatusDefinition]:
        return [
            CaseStatusDefinition(name=s["name"], type=StatusType(s["type"]))
            for s in self.row.statuses
        ]

    @strawberry.field(description="Custom field definitions.")
    def field_definitions(self) -> list[CaseFieldDefinition]:
        return [
            CaseFieldDefinition(
                key=f["key"], label=f["label"], type=FieldType(f["type"]), required=f["required"]
            )
            for f in self.row.field_definitions
        ]

    @strawberry.field(description="Addresses emailed when a case of this template is created.")
    def notification_emails(self) -> list[str]:
        return list(self.row.notification_emails)

    @strawberry.field(description="Who receives new cases of this template.")
    def assignment_policy(self) -> AssignmentPolicy:
        return AssignmentPolicy(self.row.assignment_policy)

    @strawberry.field(description="Users in the assignment pool.")
    async def assignment_users(self, info: Info) -> list[User]:
        rows = await info.context.loaders.rows(models.User).load_many(self.row.assignment_user_ids)
        return [User.from_row(r) for r in rows if r is not None]

    @strawberry.field(description="Teams whose members are in the assignment pool.")
    async def assignment_teams(self, info: Info) -> list[Team]:
        rows = await info.context.loaders.rows(models.Team).load_many(self.row.assignment_team_ids)
        return [Team.from_row(r) for r in rows if r is not None]

    @strawberry.field(
        description="Most open cases a pool member may hold to receive another; null: no limit."
    )
    def assignment_capacity(self) -> int | None:
        return self.row.assignment_capacity

    @strawberry.field(
        description="Default SLA of new cases in seconds (business time when business hours "
        "are set); null: no default. A case's own slaExpiresInSeconds overrides it."
    )
    def sla_seconds(self) -> int | None:
        return self.row.sla_seconds

    @strawberry.field(
        description="Emit case.sla-warning this many seconds before a deadline; null: never."
    )
    def sla_warning_seconds(self) -> int | None:
        return self.row.sla_warning_seconds

    @strawberry.field(description="Statuses during which the SLA clock stands still.")
    def sla_paused_statuses(self) -> list[str]:
        return list(self.row.sla_paused_statuses or [])

    @strawberry.field(description="When SLA time runs; null: around the clock.")
    def business_hours(self) -> BusinessHours | None:
        return BusinessHours.of(BusinessHoursValue.from_json(self.row.sla_business_hours))

    @strawberry.field(description="Whether the template is archived (no new cases).")
    def archived(self) -> bool:
        return self.row.archived_at is not None

    @strawberry.field(description="When it was archived.")
    def archived_at(self) -> dt.datetime | None:
        return self.row.archived_at

    @strawberry.field(description="When it was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="When it last changed.")
    def updated_at(self) -> dt.datetime:
        return self.row.updated_at
