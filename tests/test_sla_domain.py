"""SLA arithmetic: business hours as a pure function, checked by properties and examples."""

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.sla import (
    BusinessHours,
    SlaFacts,
    SlaState,
    add_business_time,
    business_time_between,
    resume_deadline,
    sla_state,
    validate_business_hours,
)

UTC = dt.UTC
BERLIN_OFFICE = BusinessHours("Europe/Berlin", frozenset(range(5)), dt.time(9), dt.time(17))
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]

instants = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31), timezones=st.just(UTC)
)
hours_strategy = st.builds(
    lambda zone, days, start, length: BusinessHours(
        zone, frozenset(days), dt.time(start // 60, start % 60), _plus(start, length)
    ),
    st.sampled_from(ZONES),
    st.sets(st.integers(0, 6), min_size=1),
    st.integers(0, 22 * 60),
    st.integers(15, 120),
)


def _plus(start_minutes: int, length: int) -> dt.time:
    end = min(start_minutes + length, 23 * 60 + 59)
    return dt.time(end // 60, end % 60)


def _inside(moment: dt.datetime, hours: BusinessHours) -> bool:
    local = moment.astimezone(zoneinfo.ZoneInfo(hours.timezone))
    return local.weekday() in hours.weekdays and hours.start <= local.time() <= hours.end


@settings(max_examples=150, deadline=None)
@given(instants, st.integers(1, 30 * 24 * 3600), hours_strategy)
def test_the_deadline_is_exactly_that_much_business_time_later(start, seconds, hours):
    deadline = add_business_time(start, seconds, hours)
    assert deadline > start
    assert business_time_between(start, deadline, hours) == dt.timedelta(seconds=seconds)
    assert _inside(deadline, hours)


@settings(max_examples=150, deadline=None)
@given(instants, st.integers(1, 10**6), st.integers(1, 10**6), hours_strategy)
def test_deadlines_grow_with_seconds_and_compose(start, a, b, hours):
    first = add_business_time(start, a, hours)
    assert add_business_time(start, a + b, hours) == add_business_time(first, b, hours)
    assert add_business_time(start, a + b, hours) > first


@settings(max_examples=100, deadline=None)
@given(instants, st.integers(1, 10**7))
def test_without_business_hours_seconds_are_wall_clock(start, seconds):
    assert add_business_time(start, seconds, None) == start + dt.timedelta(seconds=seconds)


@settings(max_examples=100, deadline=None)
@given(instants, st.integers(1, 10**6), st.integers(0, 10**6), hours_strategy)
def test_a_pause_moves_the_deadline_by_the_paused_business_time(start, sla, pause, hours):
    deadline = add_business_time(start, sla, hours)
    paused_at = start
    resumed = start + dt.timedelta(seconds=pause)
    moved = resume_deadline(deadline, paused_at, resumed, hours)
    assert business_time_between(resumed, moved, hours) == dt.timedelta(seconds=sla)


def test_friday_afternoon_rolls_into_monday_in_berlin():
    friday_4pm_utc = dt.datetime(2026, 3, 27, 15, 0, tzinfo=UTC)  # 16:00 CET, Friday
    # one hour left on Friday (until 17:00 CET), then Monday 30 March is CEST (UTC+2)
    deadline = add_business_time(friday_4pm_utc, 2 * 3600, BERLIN_OFFICE)
    assert deadline == dt.datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # Monday 10:00 CEST


def test_business_hours_are_validated_field_by_field():
    with pytest.raises(ValidationError) as bad:
        validate_business_hours(
            BusinessHours("Mars/Olympus", frozenset({7}), dt.time(17), dt.time(9))
        )
    assert [p.field for p in bad.value.problems] == [
        "businessHours.timezone",
        "businessHours.weekdays",
        "businessHours.end",
    ]


NOW = dt.datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        (SlaFacts(None, None, None, None, None), SlaState.NONE),
        (SlaFacts(NOW + HOUR, NOW - HOUR, None, None, None), SlaState.WARNING),
        (SlaFacts(NOW + HOUR, NOW + HOUR / 2, None, None, None), SlaState.ON_TRACK),
        (SlaFacts(NOW - HOUR, None, None, None, None), SlaState.BREACHED),
        (SlaFacts(NOW + HOUR, None, NOW - HOUR, None, None), SlaState.BREACHED),
        (SlaFacts(NOW - HOUR, None, None, NOW - 2 * HOUR, None), SlaState.PAUSED),
        (SlaFacts(NOW + HOUR, None, None, None, NOW), SlaState.MET),
        (SlaFacts(NOW - HOUR, None, None, None, NOW), SlaState.BREACHED),
        (SlaFacts(None, None, None, None, NOW), SlaState.NONE),
    ],
)
def test_sla_state_table(facts, state):
    assert sla_state(facts, NOW) is state
