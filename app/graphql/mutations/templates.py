"""Case template mutations (admins)."""

from typing import Annotated

import strawberry
from strawberry import relay

from app.db import models
from app.domain.templates import FieldDef, StatusDef
from app.graphql.context import Info
from app.graphql.errors import (
    RESULT_DESCRIPTION,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.ids import decode_id, decode_ids
from app.graphql.inputs import INPUT, keep_unset, principal
from app.graphql.types.common import AssignmentPolicy, FieldType, StatusType
from app.graphql.types.sla import BusinessHoursInput
from app.graphql.types.templates import CaseTemplate
from app.services import templates as service
from app.services.templates import SlaSettings


@strawberry.input(description="A status of a template.")
class CaseStatusInput:
    name: str = strawberry.field(description="Status name, unique within the template.")
    type: StatusType = strawberry.field(description="Initial (exactly one), intermediate or end.")


@strawberry.input(description="A custom field of a template.")
class CaseFieldDefinitionInput:
    key: str = strawberry.field(description="Lower-case key, e.g. risk_score.")
    label: str = strawberry.field(description="Label shown to reviewers.")
    type: FieldType = strawberry.field(description="Value type.")
    required: bool = strawberry.field(default=False, description="Every case must hold a value.")


@strawberry.input(description="A new case template.")
class CaseTemplateCreateInput:
    name: str = strawberry.field(description="Display name.")
    key: str = strawberry.field(description="1-16 upper-case letters/digits; names cases KEY-N.")
    statuses: list[CaseStatusInput] | None = strawberry.field(
        default=None,
        description="Defaults to Open (initial), Pending, Approved (end), Declined (end).",
    )
    field_definitions: list[CaseFieldDefinitionInput] | None = strawberry.field(
        default=None, description="Custom fields."
    )
    notification_emails: list[str] | None = strawberry.field(
        default=None, description="Emailed when a case of this template is created."
    )
    assignment_policy: AssignmentPolicy = strawberry.field(
        default=AssignmentPolicy.MANUAL, description="Who receives new cases."
    )

    sla_seconds: int | None = strawberry.field(
        default=None,
        description="Default SLA of new cases in seconds (1 to 90 days); null: none.",
    )
    sla_warning_seconds: int | None = strawberry.field(
        default=None, description="Warn this many seconds before a deadline; null: never."
    )
    sla_paused_statuses: list[str] | None = strawberry.field(
        default=None, description="Statuses (not end statuses) during which the clock stops."
    )
    business_hours: BusinessHoursInput | None = strawberry.field(
        default=None, description="Count SLA time only inside these hours; null: always."
    )


@strawberry.input(description="Changes to a template; omitted fields stay as they are.")
class CaseTemplateUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The template.")
    name: str | None = strawberry.field(default=None, description="New display name.")
    statuses: list[CaseStatusInput] | None = strawberry.field(
        default=None, description="All statuses (replaces the list)."
    )
    field_definitions: list[CaseFieldDefinitionInput] | None = strawberry.field(
        default=None, description="All field definitions (replaces the list)."
    )
    notification_emails: list[str] | None = strawberry.field(
        default=None, description="All notification addresses (replaces the list)."
    )
    assignment_policy: AssignmentPolicy | None = strawberry.field(
        default=None, description="New assignment policy."
    )
    assignment_user_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Users in the assignment pool (replaces the list)."
    )
    assignment_team_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Teams whose members join the pool (replaces the list)."
    )
    assignment_capacity: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Most open cases a member may hold to receive another; null: no limit.",
    )
    sla_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="Default SLA of new cases in seconds; null: none."
    )
    sla_warning_seconds: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Warn this many seconds before a deadline; null: never.",
    )
    sla_paused_statuses: list[str] | None = strawberry.field(
        default=None, description="Statuses that stop the clock (replaces the list)."
    )
    business_hours: BusinessHoursInput | None = strawberry.field(
        default=strawberry.UNSET, description="Business hours; null: around the clock."
    )


@strawberry.input(description="The template to archive.")
class CaseTemplateArchiveInput:
    id: relay.GlobalID = strawberry.field(description="The template.")


@strawberry.type(description="The template after the change.")
class CaseTemplatePayload:
    case_template: CaseTemplate = strawberry.field(description="The template.")


CaseTemplateCreateResult = Annotated[
    CaseTemplatePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("CaseTemplateCreateResult", description=RESULT_DESCRIPTION),
]
CaseTemplateUpdateResult = Annotated[
    CaseTemplatePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("CaseTemplateUpdateResult", description=RESULT_DESCRIPTION),
]
CaseTemplateArchiveResult = Annotated[
    CaseTemplatePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("CaseTemplateArchiveResult", description=RESULT_DESCRIPTION),
]


def _statuses(items: list[CaseStatusInput] | None) -> list[StatusDef] | None:
    return None if items is None else [StatusDef(s.name, s.type) for s in items]


def _fields(items: list[CaseFieldDefinitionInput] | None) -> list[FieldDef] | None:
    if items is None:
        return None
    return [FieldDef(f.key, f.label, f.type, f.required) for f in items]


def _gids(gids: list[relay.GlobalID] | None, type_name: str, field: str) -> list[int] | None:
    return None if gids is None else decode_ids(gids, type_name, field=field)


def _sla(seconds: object, warning: object, paused: list[str] | None, hours: object) -> SlaSettings:
    business = keep_unset(hours)
    return SlaSettings(
        seconds=keep_unset(seconds),
        warning_seconds=keep_unset(warning),
        paused_statuses=paused,
        business_hours=business.value() if isinstance(business, BusinessHoursInput) else business,
    )


def _payload(row: models.CaseTemplate) -> CaseTemplatePayload:
    return CaseTemplatePayload(case_template=CaseTemplate.from_row(row))


@strawberry.type
class TemplateMutations:
    @strawberry.mutation(description="Create a case template (admin).")
    @errors_as_union
    async def case_template_create(
        self, info: Info, input: Annotated[CaseTemplateCreateInput, INPUT]
    ) -> CaseTemplateCreateResult:
        row = await service.create_template(
            actor=principal(info),
            name=input.name,
            key=input.key,
            statuses=_statuses(input.statuses),
            field_definitions=_fields(input.field_definitions),
            notification_emails=input.notification_emails,
            assignment_policy=input.assignment_policy,
            sla=_sla(
                input.sla_seconds,
                input.sla_warning_seconds,
                input.sla_paused_statuses,
                input.business_hours,
            ),
        )
        return _payload(row)

    @strawberry.mutation(description="Change a case template (admin); applies to existing cases.")
    @errors_as_union
    async def case_template_update(
        self, info: Info, input: Annotated[CaseTemplateUpdateInput, INPUT]
    ) -> CaseTemplateUpdateResult:
        row = await service.update_template(
            actor=principal(info),
            template_id=decode_id(input.id, "CaseTemplate", field="id"),
            name=input.name,
            statuses=_statuses(input.statuses),
            field_definitions=_fields(input.field_definitions),
            notification_emails=input.notification_emails,
            assignment_policy=input.assignment_policy,
            assignment_user_ids=_gids(input.assignment_user_ids, "User", "assignmentUserIds"),
            assignment_team_ids=_gids(input.assignment_team_ids, "Team", "assignmentTeamIds"),
            assignment_capacity=keep_unset(input.assignment_capacity),
            sla=_sla(
                input.sla_seconds,
                input.sla_warning_seconds,
                input.sla_paused_statuses,
                input.business_hours,
            ),
        )
        return _payload(row)

    @strawberry.mutation(description="Archive a case template (admin): no new cases may use it.")
    @errors_as_union
    async def case_template_archive(
        self, info: Info, input: Annotated[CaseTemplateArchiveInput, INPUT]
    ) -> CaseTemplateArchiveResult:
        row = await service.archive_template(
            actor=principal(info), template_id=decode_id(input.id, "CaseTemplate", field="id")
        )
        return _payload(row)
