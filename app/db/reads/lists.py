"""Organization-scoped list queries behind the top-level connections."""

import datetime as dt

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from app.db.models import (
    Account,
    ApiKey,
    CaseTemplate,
    Event,
    Inquiry,
    Notification,
    NotificationDelivery,
    Report,
    Team,
    User,
    Workflow,
    WorkflowRun,
)
from app.domain.objects import InquiryStatus


def templates(organization_id: int, *, include_archived: bool) -> QuerySet[CaseTemplate]:
    """Case templates, archived ones only when asked."""
    query = CaseTemplate.filter(organization_id=organization_id)
    return query if include_archived else query.filter(archived_at__isnull=True)


def inquiries(
    organization_id: int,
    *,
    status: InquiryStatus | None,
    reference_id: str | None,
    external_ids: list[str] | None = None,
) -> QuerySet[Inquiry]:
    """Inquiries, optionally of one status or reference id, or with one of Persona's ids."""
    query = Inquiry.filter(organization_id=organization_id)
    if external_ids is not None:
        query = query.filter(external_id__in=external_ids)
    if status is not None:
        query = query.filter(status=status)
    if reference_id is not None:
        query = query.filter(reference_id=reference_id)
    return query


def accounts(organization_id: int, *, reference_id: str | None) -> QuerySet[Account]:
    """Accounts, optionally with one reference id."""
    query = Account.filter(organization_id=organization_id)
    return query if reference_id is None else query.filter(reference_id=reference_id)


def reports(organization_id: int, *, report_type: str | None) -> QuerySet[Report]:
    """Reports, optionally of one type."""
    query = Report.filter(organization_id=organization_id)
    return query if report_type is None else query.filter(report_type=report_type)


def events(
    organization_id: int, *, names: list[str] | None, subject: tuple[str, int] | None
) -> QuerySet[Event]:
    """The event log, optionally of some names or about one subject."""
    query = Event.filter(organization_id=organization_id)
    if names:
        query = query.filter(name__in=names)
    if subject is not None:
        query = query.filter(subject_type=subject[0], subject_id=subject[1])
    return query


def users(organization_id: int) -> QuerySet[User]:
    """Users of the organization."""
    return User.filter(organization_id=organization_id)


def api_keys(organization_id: int, *, of_user: int | None, key: int | None) -> QuerySet[ApiKey]:
    """API keys of the organization: all of them, or (``of_user``/``key`` given) the keys of
    that user plus that key."""
    query = ApiKey.filter(organization_id=organization_id)
    if of_user is None and key is None:
        return query
    return query.filter(Q(user_id=of_user) | Q(id=key)) if of_user else query.filter(id=key)


def teams(organization_id: int) -> QuerySet[Team]:
    """Teams of the organization."""
    return Team.filter(organization_id=organization_id)


def notifications(
    organization_id: int, *, user_id: int | None, unread: bool | None
) -> QuerySet[Notification]:
    """A user's inbox (nothing for a service key)."""
    query = Notification.filter(organization_id=organization_id, user_id=user_id or -1)
    return query if unread is None else query.filter(read_at__isnull=unread)


def deliveries(organization_id: int, *, status: str | None) -> QuerySet[NotificationDelivery]:
    """Email deliveries, optionally of one status."""
    query = NotificationDelivery.filter(organization_id=organization_id)
    return query if status is None else query.filter(status=status)


async def event_time(organization_id: int, event_id: int) -> dt.datetime | None:
    """When an event of the organization was committed (None: no such event)."""
    row = (
        await Event.filter(id=event_id, organization_id=organization_id).only("created_at").first()
    )
    return row.created_at if row is not None else None


async def events_between(
    organization_id: int, after_id: int, upto_id: int, limit: int
) -> list[Event]:
    """Events with after_id < id <= upto_id, oldest first (feed replay)."""
    return await (
        Event.filter(organization_id=organization_id, id__gt=after_id, id__lte=upto_id)
        .order_by("id")
        .limit(limit)
    )


def workflows(organization_id: int) -> QuerySet[Workflow]:
    """Workflows of the organization."""
    return Workflow.filter(organization_id=organization_id)


def workflow_runs(
    organization_id: int,
    *,
    workflow_id: int | None,
    status: str | None,
    case_id: int | None,
    inquiry_id: int | None,
) -> QuerySet[WorkflowRun]:
    """Workflow runs matching every given condition."""
    query = WorkflowRun.filter(organization_id=organization_id)
    for column, value in (
        ("workflow_id", workflow_id),
        ("status", status),
        ("case_id", case_id),
        ("inquiry_id", inquiry_id),
    ):
        if value is not None:
            query = query.filter(**{column: value})
    return query
