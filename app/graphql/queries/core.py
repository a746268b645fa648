"""Read entry points. Every read goes through loaders or read helpers scoped to the caller."""

import datetime as dt
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import relay

from app.db import models
from app.db.reads import lists
from app.db.reads.cases import CaseFilter, filter_cases
from app.db.reads.pagination import Ordering
from app.domain.bounds import at_most
from app.domain.errors import DomainError, ValidationError
from app.domain.events import SubjectType
from app.domain.permissions import Operation, allowed
from app.domain.sla import SlaState
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_ids, decode_optional
from app.graphql.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    node_fields,
    query_connection,
)
from app.graphql.types.cases import Case
from app.graphql.types.common import CaseState, InquiryStatus, RowNode
from app.graphql.types.events import Event
from app.graphql.types.objects import Account, Inquiry, Report
from app.graphql.types.templates import CaseTemplate
from app.graphql.types.tenancy import ApiKey, Organization, Team, User, Viewer


@strawberry.input(description="Which cases to list; every given condition must hold.")
class CaseFilterInput:
    statuses: list[str] | None = strawberry.field(
        default=None, description="Any of these statuses."
    )
    state: CaseState | None = strawberry.field(default=None, description="Open or resolved.")
    template_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Any of these templates."
    )
    assignee_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Assigned to any of these users."
    )
    unassigned: bool | None = strawberry.field(
        default=None,
        description="true: only unassigned cases (with assigneeIds: those too); "
        "false: only assigned ones.",
    )
    tag: str | None = strawberry.field(default=None, description="Carries this tag.")
    inquiry_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Links this inquiry."
    )
    account_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Links this account."
    )
    reference_id: str | None = strawberry.field(
        default=None, description="Links an inquiry or account with this reference id."
    )
    created_after: dt.datetime | None = strawberry.field(
        default=None, description="Created at or after this instant."
    )
    created_before: dt.datetime | None = strawberry.field(
        default=None, description="Created before this instant."
    )
    sla_states: list[SlaState] | None = strawberry.field(
        default=None, description="In any of these SLA states now."
    )


@strawberry.enum(description="Sort key of a case list.")
class CaseOrderField(Enum):
    CREATED_AT = strawberry.enum_value("created_at", description="Creation time.")
    UPDATED_AT = strawberry.enum_value("updated_at", description="Time of the last change.")
    SLA_EXPIRES_AT = strawberry.enum_value(
        "sla_order",
        description="SLA deadline: earliest first by default, cases without a deadline last.",
    )


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Oldest or smallest first.")
    DESC = strawberry.enum_value("desc", description="Newest or largest first.")


@strawberry.input(description="How to sort a case list (ties broken by id).")
class CaseOrder:
    field: CaseOrderField = strawberry.field(
        default=CaseOrderField.CREATED_AT, description="Sort key."
    )
    direction: OrderDirection | None = strawberry.field(
        default=None,
        description="Default: newest first (DESC) for times, earliest first (ASC) for the SLA "
        "deadline.",
    )


def _case_filter(f: CaseFilterInput | None) -> CaseFilter:
    if f is None:
        return CaseFilter()
    return CaseFilter(
        statuses=list(f.statuses or []),
        state=f.state,
        template_ids=decode_ids(f.template_ids or [], "CaseTemplate", field="filter.templateIds"),
        assignee_ids=decode_ids(f.assignee_ids or [], "User", field="filter.assigneeIds"),
        unassigned=f.unassigned,
        tag=f.tag,
        inquiry_id=decode_optional(f.inquiry_id, "Inquiry", field="filter.inquiryId"),
        account_id=decode_optional(f.account_id, "Account", field="filter.accountId"),
        reference_id=f.reference_id,
        created_after=f.created_after,
        created_before=f.created_before,
        sla_states=[SlaState(s) for s in (f.sla_states or [])[:6]],
    )


def org_of(info: Info) -> int:
    return int(info.context.require_principal().organization_id)


MAX_FILTER_IDS = 100


@strawberry.input(description="Which inquiries to list; every given condition must hold.")
class InquiryFilter:
    external_ids: list[str] | None = strawberry.field(
        default=None,
        description="Inquiries with one of these Persona ids (inq_…), at most 100.",
    )


@strawberry.type
class CoreQueries:
    node: relay.Node | None = relay.node(
        description="Fetch any object by its global id; null when absent or not visible."
    )

    @strawberry.field(description="The caller: organization, role, user and key.")
    async def viewer(self, info: Info) -> Viewer:
        p = info.context.require_principal()
        loaders = info.context.loaders
        org = await loaders.row(models.Organization, p.organization_id)
        user = await loaders.rows(models.User).load(p.user_id) if p.user_id else None
        key = await loaders.rows(models.ApiKey).load(p.api_key_id) if p.api_key_id else None
        return Viewer(
            organization=Organization.from_row(org),
            role=p.role,
            user=User.from_row(user) if user else None,
            api_key=ApiKey.from_row(key) if key else None,
            user_id=p.user_id,
        )

    @strawberry.field(description="One case by global id; null when absent or not visible.")
    async def case(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The case.")],
    ) -> Case | None:
        if id.type_name != "Case":
            return None
        nodes = await Case.resolve_nodes(info=info, node_ids=[id.node_id])
        return nodes[0]

    @strawberry.field(description="Cases, newest first unless ordered otherwise; 1-100 a page.")
    async def cases(
        self,
        info: Info,
        filter: Annotated[
            CaseFilterInput | None, strawberry.argument(description="Conditions to match.")
        ] = None,
        order_by: Annotated[
            CaseOrder | None, strawberry.argument(description="Sort order; newest first.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Case]:
        order = order_by or CaseOrder()
        column = "id" if order.field is CaseOrderField.CREATED_AT else order.field.value
        direction = order.direction or (
            OrderDirection.ASC
            if order.field is CaseOrderField.SLA_EXPIRES_AT
            else OrderDirection.DESC
        )
        ordering = Ordering(column, descending=direction is OrderDirection.DESC)
        try:
            case_filter = _case_filter(filter)
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        query = filter_cases(org_of(info), case_filter)
        page = await query_connection(
            query, ordering, Case.from_row, first=first, after=after, last=last, before=before
        )
        cases = [edge.node.row for edge in page.edges]
        await info.context.loaders.preload_cases(cases, node_fields(info))
        return page

    @strawberry.field(description="Case templates, oldest first.")
    async def case_templates(
        self,
        info: Info,
        include_archived: Annotated[
            bool, strawberry.argument(description="Include archived templates.")
        ] = False,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CaseTemplate]:
        query = lists.templates(org_of(info), include_archived=include_archived)
        return await list_connection_of(
            query, CaseTemplate, first, after, last, before, newest=False
        )

    @strawberry.field(description="Inquiries, newest first.")
    async def inquiries(
        self,
        info: Info,
        status: Annotated[
            InquiryStatus | None, strawberry.argument(description="Only this status.")
        ] = None,
        reference_id: Annotated[
            str | None, strawberry.argument(description="Only this reference id.")
        ] = None,
        filter: Annotated[
            InquiryFilter | None, strawberry.argument(description="More conditions to match.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Inquiry]:
        external_ids = filter.external_ids if filter is not None else None
        if external_ids is not None:
            try:
                at_most(external_ids, MAX_FILTER_IDS, "filter.externalIds", "ids")
            except DomainError as exc:
                raise as_graphql_error(exc) from None
        query = lists.inquiries(
            org_of(info), status=status, reference_id=reference_id, external_ids=external_ids
        )
        return await list_connection_of(query, Inquiry, first, after, last, before)

    @strawberry.field(description="Accounts, newest first.")
    async def accounts(
        self,
        info: Info,
        reference_id: Annotated[
            str | None, strawberry.argument(description="Only this reference id.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Account]:
        query = lists.accounts(org_of(info), reference_id=reference_id)
        return await list_connection_of(query, Account, first, after, last, before)

    @strawberry.field(description="Reports, newest first.")
    async def reports(
        self,
        info: Info,
        report_type: Annotated[
            str | None, strawberry.argument(description="Only this report type.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Report]:
        query = lists.reports(org_of(info), report_type=report_type)
        return await list_connection_of(query, Report, first, after, last, before)

    @strawberry.field(description="The organization's event log, oldest first.")
    async def events(
        self,
        info: Info,
        names: Annotated[
            list[str] | None, strawberry.argument(description="Only these event names.")
        ] = None,
        subject_id: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only events about this object."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        subject = None
        if subject_id is not None:
            subject_type = SubjectType.of_node_type(subject_id.type_name)
            if subject_type is None or not subject_id.node_id.isdigit():
                raise as_graphql_error(ValidationError.of("subjectId", "is not an object id"))
            subject = (subject_type.value, int(subject_id.node_id))
        query = lists.events(org_of(info), names=names, subject=subject)
        return await list_connection_of(query, Event, first, after, last, before, newest=False)

    @strawberry.field(description="Users of the organization, oldest first.")
    async def users(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[User]:
        query = lists.users(org_of(info))
        return await list_connection_of(query, User, first, after, last, before, newest=False)

    @strawberry.field(
        description="API keys, oldest first: every key of the organization for admins, the "
        "caller's own keys (and the key in use) for everyone else."
    )
    async def api_keys(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ApiKey]:
        p = info.context.require_principal()
        everything = allowed(p, Operation.MANAGE_API_KEYS)
        query = lists.api_keys(
            p.organization_id,
            of_user=None if everything else p.user_id,
            key=None if everything else (p.api_key_id or -1),
        )
        return await list_connection_of(query, ApiKey, first, after, last, before, newest=False)

    @strawberry.field(description="Teams of the organization, oldest first.")
    async def teams(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Team]:
        query = lists.teams(org_of(info))
        return await list_connection_of(query, Team, first, after, last, before, newest=False)


async def list_connection_of(
    query: Any,
    node: type[RowNode],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    newest: bool = True,
) -> Connection[Any]:
    return await query_connection(
        query,
        Ordering("id", descending=newest),
        node.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )
