"""SLA arithmetic: business hours, deadlines, pauses and the state of a case's SLA (pure).

With no business hours, SLA seconds are wall-clock seconds. With business hours (a timezone,
weekdays and a daily start and end time), only time inside those windows counts: a deadline
``seconds`` from ``start`` is the instant at which ``seconds`` of business time have passed.
Windows are computed per local date with zoneinfo, so daylight-saving changes move them with
the wall clock.
"""

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import FieldProblem, ValidationError

MAX_WARNING_SECONDS = 90 * 24 * 3600
MAX_PAUSED_STATUSES = 20
MIN_WINDOW = dt.timedelta(minutes=15)
_UTC = dt.UTC


class SlaState(StrEnum):
    """Where a case stands against its deadline."""

    NONE = "none"
    ON_TRACK = "on_track"
    WARNING = "warning"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"


class TimerKind(StrEnum):
    """The moments the deadline worker fires."""

    WARNING = "warning"
    EXPIRY = "expiry"


@dataclass(frozen=True)
class BusinessHours:
    """When SLA time runs: ``weekdays`` (0 = Monday) from ``start`` to ``end`` local time."""

    timezone: str
    weekdays: frozenset[int]
    start: dt.time
    end: dt.time

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The timezone as a tzinfo."""
        return zoneinfo.ZoneInfo(self.timezone)

    def to_json(self) -> dict[str, object]:
        """As stored on the template."""
        return {
            "timezone": self.timezone,
            "weekdays": sorted(self.weekdays),
            "start": self.start.isoformat(timespec="minutes"),
            "end": self.end.isoformat(timespec="minutes"),
        }

    @classmethod
    def from_json(cls, data: dict[str, object] | None) -> "BusinessHours | None":
        """Read the stored form back (None: every hour counts)."""
        if not data:
            return None
        days = data["weekdays"]
        assert isinstance(days, list)
        return cls(
            timezone=str(data["timezone"]),
            weekdays=frozenset(int(d) for d in days),
            start=dt.time.fromisoformat(str(data["start"])),
            end=dt.time.fromisoformat(str(data["end"])),
        )


def validate_business_hours(hours: BusinessHours, field: str = "businessHours") -> BusinessHours:
    """A known IANA timezone, 1-7 distinct weekdays, start before end by at least 15 minutes."""
    problems: list[FieldProblem] = []
    if len(hours.timezone) > 64 or hours.timezone not in zoneinfo.available_timezones():
        problems.append(FieldProblem(f"{field}.timezone", "must be an IANA timezone name"))
    if not hours.weekdays or not hours.weekdays <= set(range(7)):
        problems.append(FieldProblem(f"{field}.weekdays", "must name 1 to 7 weekdays"))
    if hours.start.tzinfo is not None or hours.end.tzinfo is not None:
        problems.append(FieldProblem(f"{field}.start", "give local times without an offset"))
    elif _minutes(hours.end) - _minutes(hours.start) < MIN_WINDOW.total_seconds() / 60:
        problems.append(FieldProblem(f"{field}.end", "must be at least 15 minutes after start"))
    if problems:
        raise ValidationError(problems)
    return BusinessHours(
        hours.timezone,
        hours.weekdays,
        hours.start.replace(second=0, microsecond=0),
        hours.end.replace(second=0, microsecond=0),
    )


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def validate_warning_seconds(seconds: int | None, field: str = "slaWarningSeconds") -> None:
    """Null, or 1 second to 90 days."""
    if seconds is not None and not 1 <= seconds <= MAX_WARNING_SECONDS:
        raise ValidationError.of(field, f"must be between 1 and {MAX_WARNING_SECONDS} seconds")


def _windows(after: dt.datetime, hours: BusinessHours) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """Business windows (UTC) that end after ``after``, in order, forever."""
    zone = hours.zone
    day = after.astimezone(zone).date() - dt.timedelta(days=1)
    while True:
        if day.weekday() in hours.weekdays:
            lo = dt.datetime.combine(day, hours.start, tzinfo=zone).astimezone(_UTC)
            hi = dt.datetime.combine(day, hours.end, tzinfo=zone).astimezone(_UTC)
            if hi > after and hi > lo:
                yield lo, hi
        day += dt.timedelta(days=1)


def add_business_time(
    start: dt.datetime, seconds: float, hours: BusinessHours | None
) -> dt.datetime:
    """The instant at which ``seconds`` of SLA time have passed since ``start`` (aware)."""
    amount = dt.timedelta(seconds=seconds)
    if hours is None or amount <= dt.timedelta(0):
        return start + amount
    cursor = start.astimezone(_UTC)
    for lo, hi in _windows(cursor, hours):
        begin = max(lo, cursor)
        if begin + amount <= hi:
            return begin + amount
        amount -= hi - begin
    raise AssertionError("unreachable: windows never end")


def business_time_between(
    start: dt.datetime, end: dt.datetime, hours: BusinessHours | None
) -> dt.timedelta:
    """SLA time that passes from ``start`` to ``end`` (zero when end is not after start)."""
    if end <= start:
        return dt.timedelta(0)
    if hours is None:
        return end - start
    total = dt.timedelta(0)
    cursor = start.astimezone(_UTC)
    for lo, hi in _windows(cursor, hours):
        if lo >= end:
            return total
        total += min(hi, end) - max(lo, cursor)
    raise AssertionError("unreachable: windows never end")


def resume_deadline(
    deadline: dt.datetime, paused_at: dt.datetime, now: dt.datetime, hours: BusinessHours | None
) -> dt.datetime:
    """The deadline after a pause from ``paused_at`` to ``now``: the SLA time that was left
    when the clock stopped, counted again from ``now``."""
    left = business_time_between(paused_at, deadline, hours)
    if left <= dt.timedelta(0):
        return deadline
    return add_business_time(now, left.total_seconds(), hours)


def warning_at(deadline: dt.datetime | None, warning_seconds: int | None) -> dt.datetime | None:
    """When to warn: ``warning_seconds`` (wall clock) before the deadline."""
    if deadline is None or warning_seconds is None:
        return None
    return deadline - dt.timedelta(seconds=warning_seconds)


@dataclass(frozen=True)
class SlaFacts:
    """What a case row knows about its SLA."""

    deadline: dt.datetime | None
    warn_at: dt.datetime | None
    breached_at: dt.datetime | None
    paused_at: dt.datetime | None
    resolved_at: dt.datetime | None


def sla_state(facts: SlaFacts, now: dt.datetime) -> SlaState:
    """The SLA state at ``now`` (see the README for the table)."""
    if facts.resolved_at is not None:
        if facts.breached_at is not None:
            return SlaState.BREACHED
        if facts.deadline is None:
            return SlaState.NONE
        return SlaState.MET if facts.resolved_at <= facts.deadline else SlaState.BREACHED
    if facts.breached_at is not None:
        return SlaState.BREACHED
    if facts.deadline is None:
        return SlaState.NONE
    if facts.paused_at is not None:
        return SlaState.PAUSED
    if facts.deadline <= now:
        return SlaState.BREACHED
    if facts.warn_at is not None and facts.warn_at <= now:
        return SlaState.WARNING
    return SlaState.ON_TRACK


def validate_paused_statuses(
    names: list[str], known: set[str], end: set[str], field: str = "slaPausedStatuses"
) -> list[str]:
    """Existing, non-end statuses of the template, at most 20, duplicates dropped (the input
    is bounded before any work)."""
    if len(names) > MAX_PAUSED_STATUSES:
        raise ValidationError.of(field, f"at most {MAX_PAUSED_STATUSES} statuses")
    unique = list(dict.fromkeys(n.strip() for n in names))
    problems = [
        FieldProblem(f"{field}.{i}", f"'{n}' is not a status of the template")
        for i, n in enumerate(unique)
        if n not in known
    ] + [
        FieldProblem(f"{field}.{i}", f"'{n}' is an end status; resolved cases have no clock")
        for i, n in enumerate(unique)
        if n in end
    ]
    if problems:
        raise ValidationError(problems)
    return unique
