"""Query fields about cases: one case, case lists (filters, order), case templates."""

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry
from strawberry import relay

from app.db import models
from app.db.reads import lists
from app.db.reads.cases import CaseFilter, filter_cases
from app.db.reads.pagination import Ordering
from app.domain.errors import DomainError
from app.domain.sla import SlaState
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_ids, decode_optional, row_id
from app.graphql.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    query_connection,
)
from app.graphql.queries.core import list_connection_of, org_of
from app.graphql.selections import node_fields, object_fields
from app.graphql.types.cases import Case
from app.graphql.types.common import CaseState
from app.graphql.types.templates import CaseTemplate
from app.graphql.visibility import visible


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


@strawberry.type
class CaseQueries:
    @strawberry.field(description="One case by global id; null when absent or not visible.")
    async def case(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The case.")],
    ) -> Case | None:
        if id.type_name != "Case":
            return None
        if "template" not in object_fields(info):
            (node,) = await Case.resolve_nodes(info=info, node_ids=[id.node_id])
            return node
        # the case and its template in one statement (the usual case-detail read)
        ident = row_id(id.node_id)
        if ident is None:
            return None
        row = await info.context.loaders.row_with_parent(
            models.Case, ident, models.CaseTemplate, "template_id"
        )
        if row is None or not visible(info.context.require_principal(), row):
            return None
        return Case.from_row(row)

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
