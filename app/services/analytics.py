"""Case analytics: check the caller and the filter, then let the database compute."""

import datetime as dt

from app.db.models import CaseTemplate, Team, User
from app.db.reads.analytics import Figures, case_analytics
from app.domain.analytics import AnalyticsInterval, AnalyticsQuery, bounded, period
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.services.lookup import get_owned_many


async def analytics(
    *,
    actor: Principal,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    interval: AnalyticsInterval = AnalyticsInterval.DAY,
    template_ids: list[int] | None = None,
    assignee_ids: list[int] | None = None,
    team_ids: list[int] | None = None,
    resolutions: list[str] | None = None,
    now: dt.datetime | None = None,
) -> tuple[AnalyticsQuery, Figures]:
    """Every analytics figure of the caller's organization for the period (default: the last
    30 days) and filter; admins and reviewers."""
    require(actor, Operation.VIEW_ANALYTICS)
    now = now or dt.datetime.now(dt.UTC)
    start, end = period(start, end, now)
    lists: dict[str, list[int] | list[str]] = {
        "filter.templateIds": template_ids or [],
        "filter.assigneeIds": assignee_ids or [],
        "filter.teamIds": team_ids or [],
        "filter.resolutions": resolutions or [],
    }
    for name, values in lists.items():
        bounded(values, name)
    templates = list(dict.fromkeys(template_ids or []))
    users = list(dict.fromkeys(assignee_ids or []))
    teams = list(dict.fromkeys(team_ids or []))
    await get_owned_many(CaseTemplate, actor, templates, field="filter.templateIds")
    await get_owned_many(User, actor, users, field="filter.assigneeIds")
    await get_owned_many(Team, actor, teams, field="filter.teamIds")
    query = AnalyticsQuery(
        organization_id=actor.organization_id,
        start=start,
        end=end,
        now=now,
        interval=interval,
        template_ids=templates,
        assignee_ids=users,
        team_ids=teams,
        resolutions=list(dict.fromkeys(r.strip() for r in resolutions or [])),
    )
    return query, await case_analytics(query)
