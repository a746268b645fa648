"""Workflow definitions are bounded at save: every limit is refused naming the place and the
limit, and a condition thousands of levels deep is refused quickly, without recursion."""

import time

import pytest

from app.domain.errors import ValidationError
from app.domain.workflow_conditions import (
    MAX_CONDITION_DEPTH,
    MAX_CONDITION_ITEMS,
    MAX_IN_VALUES,
    MAX_PATH_LENGTH,
)
from app.domain.workflows import (
    MAX_DEFINITION_BYTES,
    MAX_ROUTE_NAME_LENGTH,
    MAX_ROUTES,
    MAX_STEPS_PER_ROUTE,
    MAX_STRING_LENGTH,
    MAX_TRIGGER_LENGTH,
    validate_definition,
)

LEAF = {"path": "inquiry.status", "op": "eq", "value": "completed"}
STEP = {"id": "note", "kind": "inquiry_mark_for_review"}


def _definition(when=LEAF, steps=(STEP,), **extra):
    route = {"name": "r", "when": when, "steps": list(steps)}
    return {"trigger": "inquiry.completed", "routes": [route], **extra}


def _nested(levels: int, key: str = "all") -> dict[str, object]:
    cond: dict[str, object] = dict(LEAF)
    for _ in range(levels - 1):
        cond = {key: [cond]} if key != "not" else {"not": cond}
    return cond


def _problems(definition: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as exc:
        validate_definition(definition, templates=set())
    return [(p.field, p.message) for p in exc.value.problems]


def test_the_limits():
    assert (MAX_DEFINITION_BYTES, MAX_ROUTES, MAX_STEPS_PER_ROUTE) == (65536, 20, 50)
    assert (MAX_CONDITION_DEPTH, MAX_CONDITION_ITEMS, MAX_IN_VALUES) == (10, 50, 100)
    assert (MAX_TRIGGER_LENGTH, MAX_PATH_LENGTH, MAX_ROUTE_NAME_LENGTH) == (64, 200, 200)
    assert MAX_STRING_LENGTH == 10_000


@pytest.mark.parametrize("key", ["all", "any", "not"])
def test_a_condition_ten_levels_deep_is_accepted(key):
    validate_definition(_definition(_nested(10, key)), templates=set())
    validate_definition({**_definition(), "criteria": _nested(10, key)}, templates=set())


def test_a_condition_eleven_levels_deep_is_refused_naming_the_limit():
    assert _problems(_definition(_nested(11))) == [
        ("definition.routes.0.when" + ".all.0" * 10, "conditions nest at most 10 levels deep")
    ]
    assert _problems({**_definition(), "criteria": _nested(11, "not")}) == [
        ("definition.criteria" + ".not" * 10, "conditions nest at most 10 levels deep")
    ]


def test_a_condition_ten_thousand_levels_deep_is_refused_quickly():
    deep = _definition(_nested(10_000, "any"))
    started = time.perf_counter()
    problems = _problems(deep)
    assert time.perf_counter() - started < 0.5
    assert problems == [
        ("definition.routes.0.when" + ".any.0" * 10, "conditions nest at most 10 levels deep")
    ]


def test_widths_and_counts():
    wide = {"all": [LEAF] * 51}
    assert _problems(_definition(wide)) == [
        ("definition.routes.0.when.all", "at most 50 conditions (got 51)")
    ]
    validate_definition(_definition({"any": [LEAF] * 50}), templates=set())
    many_in = {"path": "inquiry.status", "op": "in", "value": ["x"] * 101}
    assert _problems(_definition(many_in)) == [
        ("definition.routes.0.when.value", "at most 100 items (got 101)")
    ]
    steps = [{"id": f"s{i}", "kind": "inquiry_mark_for_review"} for i in range(51)]
    assert _problems(_definition(steps=steps)) == [
        ("definition.routes.0.steps", "at most 50 steps (got 51)")
    ]
    validate_definition(_definition(steps=steps[:50]), templates=set())
    routes = [{"name": f"r{i}", "when": LEAF, "steps": []} for i in range(21)]
    assert _problems({"trigger": "inquiry.completed", "routes": routes}) == [
        ("definition.routes", "at most 20 routes (got 21)")
    ]
    validate_definition({"trigger": "inquiry.completed", "routes": routes[:20]}, templates=set())


def test_string_lengths():
    long_trigger = "inquiry." + "x" * 57
    assert _problems({"trigger": long_trigger, "routes": []}) == [
        ("definition.trigger", "at most 64 characters (got 65)")
    ]
    long_path = {"path": "inquiry.fields." + "f" * 186, "op": "exists"}
    assert _problems(_definition(long_path)) == [
        ("definition.routes.0.when.path", "at most 200 characters (got 201)")
    ]
    named = _definition()
    named["routes"][0]["name"] = "n" * 201
    assert _problems(named) == [("definition.routes.0.name", "at most 200 characters (got 201)")]
    comment = {**STEP, "comment": "c" * 10_001}
    assert _problems(_definition(steps=[comment])) == [
        ("definition.routes.0.steps.0.comment", "at most 10000 characters (got 10001)")
    ]
    validate_definition(_definition(steps=[{**STEP, "comment": "c" * 10_000}]), templates=set())


def test_size_and_numbers():
    steps = [{**STEP, "id": f"s{i}", "comment": "c" * 9_000} for i in range(8)]
    assert _problems(_definition(steps=steps)) == [
        ("definition", "must be at most 65536 bytes as JSON")
    ]
    for number in (float("nan"), float("inf"), float("-inf")):
        cond = {"path": "inquiry.fields.score", "op": "gt", "value": number}
        assert _problems(_definition(cond)) == [
            ("definition.routes.0.when.value", "numbers must be finite (no NaN or Infinity)")
        ]
