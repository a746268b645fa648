"""The pure choice function, over generated pools, loads and cursors."""

from hypothesis import given
from hypothesis import strategies as st

from app.domain.assignment import (
    AssignmentPolicy,
    Candidate,
    Exclusion,
    choose_assignee,
)
from app.domain.principal import Availability

candidates = st.lists(
    st.builds(
        Candidate,
        user_id=st.integers(1, 30),
        availability=st.sampled_from(list(Availability)),
        open_cases=st.integers(0, 6),
    ),
    max_size=12,
    unique_by=lambda c: c.user_id,
)
pooled = st.sampled_from([AssignmentPolicy.ROUND_ROBIN, AssignmentPolicy.FEWEST_CASES])


def _eligible(c: Candidate, capacity: int | None) -> bool:
    return c.availability is Availability.AVAILABLE and (
        capacity is None or c.open_cases < capacity
    )


@given(pooled, candidates, st.none() | st.integers(0, 31), st.none() | st.integers(1, 6))
def test_always_an_eligible_member_and_never_an_excluded_one(policy, pool, cursor, capacity):
    decision = choose_assignee(policy, pool=pool, cursor=cursor, capacity=capacity)
    eligible = {c.user_id for c in pool if _eligible(c, capacity)}
    if eligible:
        assert decision.chosen in eligible
        assert decision.cursor == decision.chosen
    else:
        assert decision.chosen is None
    assert set(decision.excluded) == {c.user_id for c in pool} - eligible


@given(candidates, st.none() | st.integers(0, 31), st.none() | st.integers(1, 6))
def test_fewest_cases_picks_a_least_loaded_eligible_member(pool, cursor, capacity):
    decision = choose_assignee(
        AssignmentPolicy.FEWEST_CASES, pool=pool, cursor=cursor, capacity=capacity
    )
    loads = {c.user_id: c.open_cases for c in pool if _eligible(c, capacity)}
    if loads:
        assert loads[decision.chosen] == min(loads.values())


@given(st.lists(st.integers(1, 50), min_size=1, max_size=10, unique=True), st.integers(1, 40))
def test_round_robin_visits_everyone_once_per_turn(ids, turns):
    pool = [Candidate(i, Availability.AVAILABLE, 0) for i in ids]
    cursor = None
    seen = []
    for _ in range(turns):
        decision = choose_assignee(
            AssignmentPolicy.ROUND_ROBIN, pool=pool, cursor=cursor, capacity=None
        )
        seen.append(decision.chosen)
        cursor = decision.cursor
    order = sorted(ids)
    assert seen == [order[n % len(order)] for n in range(turns)]


def test_ties_on_fewest_cases_rotate_instead_of_favouring_low_ids():
    pool = [Candidate(i, Availability.AVAILABLE, 2) for i in (1, 2, 3)]
    picks = []
    cursor = None
    for _ in range(3):
        d = choose_assignee(AssignmentPolicy.FEWEST_CASES, pool=pool, cursor=cursor, capacity=None)
        picks.append(d.chosen)
        cursor = d.cursor
    assert picks == [1, 2, 3]


def test_creator_policies_respect_availability_and_capacity():
    busy = Candidate(7, Availability.BUSY, 0)
    d = choose_assignee(
        AssignmentPolicy.CASE_CREATOR, pool=[], cursor=None, capacity=None, creator=busy
    )
    assert (d.chosen, d.reason, d.excluded) == (
        None,
        "the case creator is busy",
        {7: Exclusion.BUSY},
    )
    full = Candidate(7, Availability.AVAILABLE, 3)
    d = choose_assignee(
        AssignmentPolicy.INQUIRY_CREATOR, pool=[], cursor=None, capacity=3, creator=full
    )
    assert (d.chosen, d.reason) == (None, "the inquiry creator is at capacity")
    d = choose_assignee(AssignmentPolicy.INQUIRY_CREATOR, pool=[], cursor=None, capacity=None)
    assert (d.chosen, d.reason) == (None, "no user created the inquiry")


def test_explanation_lists_candidates_and_exclusions():
    pool = [
        Candidate(1, Availability.AVAILABLE, 4),
        Candidate(2, Availability.BUSY, 0),
        Candidate(3, Availability.AVAILABLE, 1),
    ]
    d = choose_assignee(AssignmentPolicy.FEWEST_CASES, pool=pool, cursor=None, capacity=4)
    assert d.explanation() == {
        "policy": "fewest_cases",
        "chosen_user_id": 3,
        "reason": "fewest open cases (1); ties broken by rotation",
        "candidates": [
            {"user_id": 1, "availability": "available", "open_cases": 4, "excluded": "at_capacity"},
            {"user_id": 2, "availability": "busy", "open_cases": 0, "excluded": "busy"},
            {"user_id": 3, "availability": "available", "open_cases": 1, "excluded": None},
        ],
    }
