"""Case templates: create, update, archive."""

import datetime as dt
from dataclasses import asdict, dataclass

from app.db.models import Case, CaseTemplate, Team, User
from app.domain.assignment import AssignmentPolicy
from app.domain.bounds import at_most
from app.domain.emails import normalize_email
from app.domain.errors import ValidationError
from app.domain.events import CaseTemplateArchived, CaseTemplateCreated, CaseTemplateUpdated
from app.domain.objects import MAX_SLA_SECONDS
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.sla import (
    BusinessHours,
    validate_business_hours,
    validate_paused_statuses,
    validate_warning_seconds,
)
from app.domain.templates import (
    DEFAULT_STATUSES,
    MAX_ASSIGNMENT_TEAMS,
    MAX_ASSIGNMENT_USERS,
    MAX_NOTIFICATION_EMAILS,
    FieldDef,
    FieldType,
    StatusDef,
    StatusType,
    validate_field_defs,
    validate_name,
    validate_statuses,
    validate_template_key,
)
from app.domain.values import KEEP, KeepType
from app.services.lookup import get_owned, get_owned_many
from app.services.uow import unit_of_work


def statuses_of(template: CaseTemplate) -> list[StatusDef]:
    """The template's statuses as domain values."""
    return [StatusDef(s["name"], StatusType(s["type"])) for s in template.statuses]


def field_defs_of(template: CaseTemplate) -> list[FieldDef]:
    """The template's custom field definitions as domain values."""
    return [
        FieldDef(f["key"], f["label"], FieldType(f["type"]), bool(f["required"]))
        for f in template.field_definitions
    ]


def _emails(emails: list[str]) -> list[str]:
    at_most(emails, MAX_NOTIFICATION_EMAILS, "notificationEmails", "emails")
    return list(
        dict.fromkeys(
            normalize_email(e, field=f"notificationEmails.{i}") for i, e in enumerate(emails)
        )
    )


def _status_rows(statuses: list[StatusDef]) -> list[dict[str, str]]:
    return [{"name": s.name.strip(), "type": s.type.value} for s in statuses]


def _field_rows(defs: list[FieldDef]) -> list[dict[str, object]]:
    return [{**asdict(d), "type": d.type.value, "label": d.label.strip()} for d in defs]


@dataclass(frozen=True)
class SlaSettings:
    """A template's SLA settings as given to a command (KEEP: leave as it is)."""

    seconds: int | KeepType | None = KEEP
    warning_seconds: int | KeepType | None = KEEP
    paused_statuses: list[str] | None = None
    business_hours: BusinessHours | KeepType | None = KEEP


def _apply_sla(template: CaseTemplate, settings: SlaSettings, changed: list[str]) -> None:
    if settings.seconds is not KEEP:
        seconds = settings.seconds
        if seconds is not None and not 1 <= seconds <= MAX_SLA_SECONDS:
            raise ValidationError.of(
                "slaSeconds", f"must be between 1 and {MAX_SLA_SECONDS} seconds"
            )
        template.sla_seconds = seconds
        changed.append("sla_seconds")
    if settings.warning_seconds is not KEEP:
        validate_warning_seconds(settings.warning_seconds)
        template.sla_warning_seconds = settings.warning_seconds
        changed.append("sla_warning_seconds")
    if settings.paused_statuses is not None:
        statuses = statuses_of(template)
        template.sla_paused_statuses = validate_paused_statuses(
            settings.paused_statuses,
            {st.name for st in statuses},
            {st.name for st in statuses if st.type is StatusType.END},
        )
        changed.append("sla_paused_statuses")
    if settings.business_hours is not KEEP:
        hours = settings.business_hours
        template.sla_business_hours = (
            None if hours is None else validate_business_hours(hours).to_json()
        )
        changed.append("sla_business_hours")


async def create_template(
    *,
    actor: Principal,
    name: str,
    key: str,
    statuses: list[StatusDef] | None = None,
    field_definitions: list[FieldDef] | None = None,
    notification_emails: list[str] | None = None,
    assignment_policy: AssignmentPolicy = AssignmentPolicy.MANUAL,
    sla: SlaSettings | None = None,
) -> CaseTemplate:
    """Create a template; statuses default to Open, Pending, Approved, Declined."""
    require(actor, Operation.MANAGE_TEMPLATES)
    name = validate_name(name)
    validate_template_key(key)
    statuses = list(statuses) if statuses is not None else list(DEFAULT_STATUSES)
    validate_statuses(statuses)
    defs = field_definitions or []
    validate_field_defs(defs)
    emails = _emails(notification_emails or [])
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        if await CaseTemplate.filter(organization_id=actor.organization_id, key=key).exists():
            raise ValidationError.of("key", f"a template with key '{key}' already exists")
        template = await CaseTemplate.create(
            organization_id=actor.organization_id,
            name=name,
            key=key,
            statuses=_status_rows(statuses),
            field_definitions=_field_rows(defs),
            notification_emails=emails,
            assignment_policy=assignment_policy.value,
            assignment_user_ids=[],
            assignment_team_ids=[],
        )
        if sla is not None:
            _apply_sla(template, sla, [])
            await template.save()
        await uow.emit(CaseTemplateCreated(subject_id=template.id, key=key, name=name))
    return template


async def update_template(
    *,
    actor: Principal,
    template_id: int,
    name: str | None = None,
    statuses: list[StatusDef] | None = None,
    field_definitions: list[FieldDef] | None = None,
    notification_emails: list[str] | None = None,
    assignment_policy: AssignmentPolicy | None = None,
    assignment_user_ids: list[int] | None = None,
    assignment_team_ids: list[int] | None = None,
    assignment_capacity: int | KeepType | None = KEEP,
    sla: SlaSettings | None = None,
) -> CaseTemplate:
    """Change a template; omitted arguments stay as they are. Applies to existing cases."""
    require(actor, Operation.MANAGE_TEMPLATES)
    changed: list[str] = []
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        template = await get_owned(CaseTemplate, actor, template_id, lock=True)
        if name is not None:
            template.name = validate_name(name)
            changed.append("name")
        if statuses is not None:
            validate_statuses(statuses)
            await _check_statuses_in_use(template, statuses)
            template.statuses = _status_rows(statuses)
            changed.append("statuses")
        if field_definitions is not None:
            validate_field_defs(field_definitions)
            template.field_definitions = _field_rows(field_definitions)
            changed.append("field_definitions")
        if notification_emails is not None:
            template.notification_emails = _emails(notification_emails)
            changed.append("notification_emails")
        if assignment_policy is not None:
            template.assignment_policy = assignment_policy.value
            changed.append("assignment_policy")
        if assignment_user_ids is not None:
            users = await get_owned_many(
                User,
                actor,
                list(
                    dict.fromkeys(
                        at_most(
                            assignment_user_ids, MAX_ASSIGNMENT_USERS, "assignmentUserIds", "users"
                        )
                    )
                ),
                field="assignmentUserIds",
            )
            template.assignment_user_ids = [u.id for u in users]
            changed.append("assignment_user_ids")
        if assignment_team_ids is not None:
            teams = await get_owned_many(
                Team,
                actor,
                list(
                    dict.fromkeys(
                        at_most(
                            assignment_team_ids, MAX_ASSIGNMENT_TEAMS, "assignmentTeamIds", "teams"
                        )
                    )
                ),
                field="assignmentTeamIds",
            )
            template.assignment_team_ids = [t.id for t in teams]
            changed.append("assignment_team_ids")
        if assignment_capacity is not KEEP:
            if assignment_capacity is not None and assignment_capacity < 1:
                raise ValidationError.of("assignmentCapacity", "must be at least 1, or null")
            template.assignment_capacity = assignment_capacity
            changed.append("assignment_capacity")
        if sla is not None:
            _apply_sla(template, sla, changed)
        if not changed:
            raise ValidationError.of("input", "nothing to update: give at least one setting")
        await template.save()
        await uow.emit(CaseTemplateUpdated(subject_id=template.id, changed=tuple(changed)))
    return template


async def archive_template(*, actor: Principal, template_id: int) -> CaseTemplate:
    """Archive a template: existing cases go on, no new case may use it."""
    require(actor, Operation.MANAGE_TEMPLATES)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        template = await get_owned(CaseTemplate, actor, template_id, lock=True)
        if template.archived_at is not None:
            raise ValidationError.of("id", "the template is already archived")
        template.archived_at = dt.datetime.now(dt.UTC)
        await template.save(update_fields=["archived_at", "updated_at"])
        await uow.emit(CaseTemplateArchived(subject_id=template.id))
    return template


async def _check_statuses_in_use(template: CaseTemplate, statuses: list[StatusDef]) -> None:
    kept = {s.name.strip() for s in statuses}
    in_use = set(
        await Case.filter(template_id=template.id).distinct().values_list("status", flat=True)
    )
    missing = sorted(str(s) for s in in_use - kept)
    if missing:
        raise ValidationError.of(
            "statuses", f"cases of this template are in status {', '.join(missing)}; keep it"
        )
