"""Case analytics: the result of ``caseAnalytics`` (formulas in the README)."""

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from app.db import models
from app.db.reads.analytics import Figures
from app.domain.analytics import AnalyticsInterval, AnalyticsQuery
from app.graphql.types.common import expose_enum
from app.graphql.types.tenancy import User

expose_enum(
    AnalyticsInterval,
    "Width of a series bucket; buckets start at UTC midnight (weeks on Monday).",
    {
        "DAY": "One UTC day.",
        "WEEK": "Monday to Sunday (UTC).",
        "TWO_WEEKS": "Two weeks from a Monday; pairs counted from Monday 1970-01-05.",
    },
)


@strawberry.input(description="Which cases and which period; every given condition must hold.")
class CaseAnalyticsFilter:
    template_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Cases of any of these templates (at most 100)."
    )
    assignee_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Cases now assigned to any of these users (at most 100)."
    )
    team_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="Cases now assigned to a member of any of these teams (at most 100).",
    )
    resolutions: list[str] | None = strawberry.field(
        default=None, description="Cases resolved with any of these end statuses (at most 100)."
    )
    from_: dt.datetime | None = strawberry.field(
        default=None,
        name="from",
        description="Start of the period (inclusive); default: to - 30 days.",
    )
    to: dt.datetime | None = strawberry.field(
        default=None, description="End of the period (exclusive); default: now. At most 366 days."
    )


@strawberry.type(description="Case counts of the period.")
class AnalyticsTotals:
    created: int = strawberry.field(description="Cases created in the period.")
    resolved: int = strawberry.field(description="Cases resolved in the period.")
    reopened: int = strawberry.field(description="case.reopened events in the period.")
    open: int = strawberry.field(description="Cases open at the end of the period.")


@strawberry.type(description="Cases now in one status.")
class StatusCount:
    status: str = strawberry.field(description="The status.")
    count: int = strawberry.field(description="Cases now in it.")


@strawberry.type(description="Cases resolved in the period with one resolution.")
class ResolutionCount:
    resolution: str = strawberry.field(description="The end status.")
    count: int = strawberry.field(description="Cases resolved with it in the period.")
    share: float = strawberry.field(description="count / cases resolved in the period.")


@strawberry.type(description="Distribution of durations in seconds (percentile_cont).")
class DurationStats:
    p50: float | None = strawberry.field(description="Median; null without data.")
    p75: float | None = strawberry.field(description="75th percentile; null without data.")
    p95: float | None = strawberry.field(description="95th percentile; null without data.")
    mean: float | None = strawberry.field(description="Arithmetic mean; null without data.")


@strawberry.type(description="Median and 95th percentile of durations in seconds.")
class DurationPercentiles:
    p50: float | None = strawberry.field(description="Median; null without data.")
    p95: float | None = strawberry.field(description="95th percentile; null without data.")


@strawberry.type(description="SLA outcome of the cases created in the period.")
class SlaFigures:
    with_sla: int = strawberry.field(description="Cases created in the period with a deadline.")
    met: int = strawberry.field(description="Of those, resolved before the deadline.")
    breached: int = strawberry.field(description="Of those, deadline passed while open.")
    attainment: float | None = strawberry.field(
        description="met / (met + breached); null when both are 0."
    )
    breached_open: int = strawberry.field(description="Open cases now past their deadline.")


@strawberry.type(description="One bucket of the series.")
class AnalyticsBucket:
    start: dt.datetime = strawberry.field(description="Start of the bucket (UTC).")
    created: int = strawberry.field(description="Cases created in the bucket (and period).")
    resolved: int = strawberry.field(description="Cases resolved in the bucket (and period).")
    open: int = strawberry.field(description="Cases open at the bucket's end (or the period's).")
    breached: int = strawberry.field(description="SLA deadlines breached in the bucket.")


@strawberry.type(description="Median resolution time of one reviewer's cases.")
class AssigneeResolutionTime:
    p50: float | None = strawberry.field(description="Median seconds; null without data.")


@strawberry.type(description="One reviewer's share of the work.")
class AssigneeFigures:
    user_id: strawberry.Private[int]
    assigned: int = strawberry.field(description="case.assigned events to them in the period.")
    resolved: int = strawberry.field(description="Cases they hold, resolved in the period.")
    open: int = strawberry.field(description="Open cases they hold now.")
    resolution_time: AssigneeResolutionTime = strawberry.field(
        description="Their cases resolved in the period: created -> resolved."
    )
    sla_attainment: float | None = strawberry.field(
        description="met / (met + breached) of their cases created in the period."
    )

    @strawberry.field(description="The reviewer.")
    async def user(self, info: Info) -> User | None:
        row = await info.context.loaders.rows(models.User).load(self.user_id)
        return User.from_row(row) if row else None


@strawberry.type(description="Time one user spent in each availability during the period.")
class AvailabilityFigures:
    user_id: strawberry.Private[int]
    available_seconds: float = strawberry.field(description="Seconds available.")
    busy_seconds: float = strawberry.field(description="Seconds busy.")
    unavailable_seconds: float = strawberry.field(description="Seconds unavailable.")

    @strawberry.field(description="The user.")
    async def user(self, info: Info) -> User | None:
        row = await info.context.loaders.rows(models.User).load(self.user_id)
        return User.from_row(row) if row else None


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


@strawberry.type(description="Cases analytics of a period, current to the last committed event.")
class CaseAnalytics:
    start: dt.datetime = strawberry.field(name="from", description="Start of the period.")
    end: dt.datetime = strawberry.field(name="to", description="End of the period.")
    totals: AnalyticsTotals = strawberry.field(description="Counts of the period.")
    open_now: int = strawberry.field(description="Cases open now.")
    by_status: list[StatusCount] = strawberry.field(description="Cases now in each status.")
    by_resolution: list[ResolutionCount] = strawberry.field(
        description="Cases resolved in the period, per resolution, most first."
    )
    resolution_rate: float | None = strawberry.field(
        description="Resolved in the period / created in the period; null when none created."
    )
    resolution_time: DurationStats = strawberry.field(
        description="Created -> resolved of cases resolved in the period, in seconds."
    )
    time_to_first_assignment: DurationPercentiles = strawberry.field(
        description="Created -> first assignment of cases created in the period, in seconds."
    )
    sla: SlaFigures = strawberry.field(description="SLA outcomes.")
    series: list[AnalyticsBucket] = strawberry.field(
        description="One bucket per interval overlapping the period, empty ones included."
    )
    by_assignee: list[AssigneeFigures] = strawberry.field(
        description="Assignment distribution per reviewer, by user id."
    )
    availability: list[AvailabilityFigures] = strawberry.field(
        description="Availability time per user in scope, by user id."
    )

    @classmethod
    def of(cls, query: AnalyticsQuery, f: Figures) -> "CaseAnalytics":
        """The API form of the database's figures."""
        t = f.totals
        width = query.interval.width
        return cls(
            start=query.start,
            end=query.end,
            totals=AnalyticsTotals(
                created=int(t["created"]),
                resolved=int(t["resolved"]),
                reopened=int(t["reopened"]),
                open=int(t["open"]),
            ),
            open_now=int(t["open_now"]),
            by_status=[StatusCount(status=r["status"], count=int(r["count"])) for r in f.by_status],
            by_resolution=[
                ResolutionCount(
                    resolution=r["resolution"], count=int(r["count"]), share=float(r["share"])
                )
                for r in f.by_resolution
            ],
            resolution_rate=_num(t["resolution_rate"]),
            resolution_time=DurationStats(
                p50=_num(f.resolution_time["p50"]),
                p75=_num(f.resolution_time["p75"]),
                p95=_num(f.resolution_time["p95"]),
                mean=_num(f.resolution_time["mean"]),
            ),
            time_to_first_assignment=DurationPercentiles(
                p50=_num(f.first_assignment["p50"]), p95=_num(f.first_assignment["p95"])
            ),
            sla=SlaFigures(
                with_sla=int(t["with_sla"]),
                met=int(t["met"]),
                breached=int(t["breached"]),
                attainment=_num(t["attainment"]),
                breached_open=int(t["breached_open"]),
            ),
            series=[
                AnalyticsBucket(
                    start=query.first_bucket + int(r["i"]) * width,
                    created=int(r["created"]),
                    resolved=int(r["resolved"]),
                    open=int(r["open"]),
                    breached=int(r["breached"]),
                )
                for r in f.series
            ],
            by_assignee=[
                AssigneeFigures(
                    user_id=uid,
                    assigned=row["assigned"],
                    resolved=row["resolved"],
                    open=row["open"],
                    resolution_time=AssigneeResolutionTime(p50=_num(row["p50"])),
                    sla_attainment=_num(row["sla_attainment"]),
                )
                for uid, row in sorted(f.by_assignee.items())
            ],
            availability=[
                AvailabilityFigures(
                    user_id=int(r["uid"]),
                    available_seconds=float(r["available"]),
                    busy_seconds=float(r["busy"]),
                    unavailable_seconds=float(r["unavailable"]),
                )
                for r in f.availability
            ],
        )
