"""Query fields about the objects cases gather: inquiries, accounts, reports."""

from typing import Annotated

import strawberry

from app.db.reads import lists
from app.domain.bounds import at_most
from app.domain.errors import DomainError
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
)
from app.graphql.queries.core import list_connection_of, org_of
from app.graphql.types.common import InquiryStatus
from app.graphql.types.objects import Account, Inquiry, Report

MAX_FILTER_IDS = 100


@strawberry.input(description="Which inquiries to list; every given condition must hold.")
class InquiryFilter:
    external_ids: list[str] | None = strawberry.field(
        default=None,
        description="Inquiries with one of these Persona ids (inq_…), at most 100.",
    )


@strawberry.type
class ObjectQueries:
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
