"""The case list filter, as a queryset."""

import datetime as dt
from dataclasses import dataclass, field

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from app.db.models import Account, Case, CaseObject, Inquiry
from app.db.reads.sla import sla_states_condition
from app.domain.case_status import CaseState
from app.domain.objects import ObjectType
from app.domain.sla import SlaState


@dataclass(frozen=True)
class CaseFilter:
    """Every condition holds (AND); list conditions match any of their values (OR)."""

    statuses: list[str] = field(default_factory=list)
    state: CaseState | None = None
    template_ids: list[int] = field(default_factory=list)
    assignee_ids: list[int] = field(default_factory=list)
    unassigned: bool | None = None
    tag: str | None = None
    inquiry_id: int | None = None
    account_id: int | None = None
    reference_id: str | None = None
    created_after: dt.datetime | None = None
    created_before: dt.datetime | None = None
    sla_states: list[SlaState] = field(default_factory=list)
    now: dt.datetime | None = None  # when SLA states are evaluated (default: the query's time)


def _linked(object_type: ObjectType, object_ids: Subquery | list[int]) -> Subquery:
    key = "object_id__in"
    return Subquery(
        CaseObject.filter(object_type=object_type, **{key: object_ids}).values("case_id")
    )


def filter_cases(organization_id: int, f: CaseFilter) -> QuerySet[Case]:
    """The cases of one organization matching the filter."""
    q = Case.filter(organization_id=organization_id)
    if f.statuses:
        q = q.filter(status__in=f.statuses)
    if f.state is not None:
        q = q.filter(state=f.state)
    if f.template_ids:
        q = q.filter(template_id__in=f.template_ids)
    if f.assignee_ids and f.unassigned:
        q = q.filter(Q(assignee_id__in=f.assignee_ids) | Q(assignee_id__isnull=True))
    elif f.assignee_ids:
        q = q.filter(assignee_id__in=f.assignee_ids)
    elif f.unassigned is not None:
        q = q.filter(assignee_id__isnull=f.unassigned)
    if f.tag is not None:
        q = q.filter(tag_index__contains=f"|{f.tag}|")
    if f.inquiry_id is not None:
        q = q.filter(id__in=_linked(ObjectType.INQUIRY, [f.inquiry_id]))
    if f.account_id is not None:
        q = q.filter(id__in=_linked(ObjectType.ACCOUNT, [f.account_id]))
    if f.reference_id is not None:
        inquiries = Subquery(
            Inquiry.filter(organization_id=organization_id, reference_id=f.reference_id).values(
                "id"
            )
        )
        accounts = Subquery(
            Account.filter(organization_id=organization_id, reference_id=f.reference_id).values(
                "id"
            )
        )
        q = q.filter(
            Q(id__in=_linked(ObjectType.INQUIRY, inquiries))
            | Q(id__in=_linked(ObjectType.ACCOUNT, accounts))
        )
    if f.created_after is not None:
        q = q.filter(created_at__gte=f.created_after)
    if f.created_before is not None:
        q = q.filter(created_at__lt=f.created_before)
    if f.sla_states:
        q = q.filter(sla_states_condition(f.sla_states, f.now or dt.datetime.now(dt.UTC)))
    return q
