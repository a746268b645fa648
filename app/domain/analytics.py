"""Case analytics: the period, its buckets, and the bounds of a query (pure rules).

Buckets are aligned to UTC midnight; weeks start on Monday; two-week buckets are Monday
aligned pairs counted from Monday 1970-01-05. A bucket ``[start, start + width)`` is part
of the series when it overlaps the period ``[from, to)``.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.errors import FieldProblem, ValidationError

MAX_PERIOD = dt.timedelta(days=366)
DEFAULT_PERIOD = dt.timedelta(days=30)
MAX_IDS = 100
_MONDAY = dt.datetime(1970, 1, 5, tzinfo=dt.UTC)


class AnalyticsInterval(StrEnum):
    """Width of a series bucket."""

    DAY = "day"
    WEEK = "week"
    TWO_WEEKS = "two_weeks"

    @property
    def width(self) -> dt.timedelta:
        """The bucket's length."""
        return {"day": dt.timedelta(days=1), "week": dt.timedelta(days=7)}.get(
            self.value, dt.timedelta(days=14)
        )


@dataclass(frozen=True)
class AnalyticsQuery:
    """What to compute: the organization's cases matching every given condition."""

    organization_id: int
    start: dt.datetime
    end: dt.datetime
    now: dt.datetime
    interval: AnalyticsInterval = AnalyticsInterval.DAY
    template_ids: list[int] = field(default_factory=list)
    assignee_ids: list[int] = field(default_factory=list)
    team_ids: list[int] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)

    @property
    def first_bucket(self) -> dt.datetime:
        """Start of the bucket that holds the period's start."""
        return bucket_start(self.start, self.interval)

    @property
    def bucket_count(self) -> int:
        """How many buckets overlap the period."""
        width = self.interval.width
        return -(-(self.end - self.first_bucket) // width)


def bucket_start(moment: dt.datetime, interval: AnalyticsInterval) -> dt.datetime:
    """The start of the bucket holding ``moment``."""
    width = interval.width
    if interval is AnalyticsInterval.DAY:
        anchor = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    else:
        anchor = _MONDAY
    return anchor + ((moment.astimezone(dt.UTC) - anchor) // width) * width


def period(
    start: dt.datetime | None, end: dt.datetime | None, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """The period ``[from, to)``: defaults to the 30 days up to now; at most 366 days."""
    problems: list[FieldProblem] = []
    for name, value in (("filter.from", start), ("filter.to", end)):
        if value is not None and value.tzinfo is None:
            problems.append(FieldProblem(name, "must carry a UTC offset"))
    if problems:
        raise ValidationError(problems)
    end = (end or now).astimezone(dt.UTC)
    start = (start or end - DEFAULT_PERIOD).astimezone(dt.UTC)
    if start >= end:
        raise ValidationError.of("filter.from", "must be before filter.to")
    if end - start > MAX_PERIOD:
        raise ValidationError.of("filter.to", "the period may span at most 366 days")
    return start, end


def bounded(values: list[str] | list[int], name: str) -> None:
    """Filter lists hold at most 100 values."""
    if len(values) > MAX_IDS:
        raise ValidationError.of(name, f"at most {MAX_IDS} values")
