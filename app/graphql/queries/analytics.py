"""Cases analytics (Persona's Productivity and Resolution tabs)."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from app.domain.analytics import AnalyticsInterval
from app.domain.errors import DomainError
from app.graphql.errors import as_graphql_error
from app.graphql.ids import decode_ids
from app.graphql.types.analytics import CaseAnalytics, CaseAnalyticsFilter
from app.services.analytics import analytics


@strawberry.type
class AnalyticsQueries:
    @strawberry.field(
        description="Cases analytics of a period (default: the last 30 days), computed by the "
        "database at the moment of the query; admins and reviewers."
    )
    async def case_analytics(
        self,
        info: Info,
        filter: Annotated[
            CaseAnalyticsFilter | None,
            strawberry.argument(description="Which cases and which period."),
        ] = None,
        interval: Annotated[
            AnalyticsInterval, strawberry.argument(description="Width of the series buckets.")
        ] = AnalyticsInterval.DAY,
    ) -> CaseAnalytics:
        f = filter or CaseAnalyticsFilter()
        try:
            query, figures = await analytics(
                actor=info.context.require_principal(),
                start=f.from_,
                end=f.to,
                interval=AnalyticsInterval(interval),
                template_ids=decode_ids(
                    f.template_ids or [], "CaseTemplate", field="filter.templateIds"
                ),
                assignee_ids=decode_ids(f.assignee_ids or [], "User", field="filter.assigneeIds"),
                team_ids=decode_ids(f.team_ids or [], "Team", field="filter.teamIds"),
                resolutions=f.resolutions,
            )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return CaseAnalytics.of(query, figures)
