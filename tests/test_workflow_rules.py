"""Workflow definitions: validation naming the place, every operator, routes, parameters."""

import datetime as dt

import pytest

from app.domain.deliveries import DeliveryStatus
from app.domain.errors import ValidationError
from app.domain.workflow_conditions import evaluate
from app.domain.workflow_status import StepStatus, WorkflowRunStatus, WorkflowStatus
from app.domain.workflows import choose_route, resolve, validate_definition

TODAY = dt.date(2026, 11, 22)
DATA = {
    "event": {"name": "inquiry.completed", "payload": {"status": "completed"}},
    "inquiry": {
        "status": "completed",
        "birthdate": "2010-11-23",  # turns 16 tomorrow
        "fields": {"age": 15, "country": "GB", "tags": ["a", "b"]},
        "reference_id": None,
    },
}


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        ({"path": "inquiry.fields.age", "op": "eq", "value": 15}, True),
        ({"path": "inquiry.fields.age", "op": "ne", "value": 15}, False),
        ({"path": "inquiry.fields.age", "op": "lt", "value": 16}, True),
        ({"path": "inquiry.fields.age", "op": "le", "value": 15}, True),
        ({"path": "inquiry.fields.age", "op": "gt", "value": 15}, False),
        ({"path": "inquiry.fields.age", "op": "ge", "value": 15}, True),
        ({"path": "inquiry.fields.country", "op": "in", "value": ["GB", "IE"]}, True),
        ({"path": "inquiry.fields.tags", "op": "contains", "value": "b"}, True),
        ({"path": "inquiry.fields.country", "op": "contains", "value": "G"}, True),
        ({"path": "inquiry.fields.country", "op": "exists"}, True),
        ({"path": "inquiry.fields.missing", "op": "exists", "value": False}, True),
        ({"path": "inquiry.reference_id", "op": "exists"}, False),
        ({"path": "inquiry.birthdate", "op": "younger_than_years", "value": 16}, True),
        ({"path": "inquiry.birthdate", "op": "older_than_years", "value": 15}, True),
        ({"path": "inquiry.birthdate", "op": "older_than_years", "value": 16}, False),
        # a condition on a missing value is false, never an error
        ({"path": "inquiry.fields.missing", "op": "lt", "value": 1}, False),
        ({"path": "inquiry.fields.country", "op": "lt", "value": 1}, False),
        ({"all": [{"path": "event.name", "op": "eq", "value": "inquiry.completed"},
                  {"path": "inquiry.fields.age", "op": "lt", "value": 18}]}, True),
        ({"any": [{"path": "inquiry.fields.age", "op": "gt", "value": 90},
                  {"path": "inquiry.status", "op": "eq", "value": "completed"}]}, True),
        ({"not": {"path": "inquiry.status", "op": "eq", "value": "completed"}}, False),
    ],
)  # fmt: skip
def test_operators(cond, expected):
    assert evaluate(cond, DATA, today=TODAY) is expected


def _definition(*routes, trigger="inquiry.completed", criteria=None):
    return {"trigger": trigger, "criteria": criteria, "routes": list(routes)}


MINOR = {
    "name": "minor",
    "when": {"path": "inquiry.birthdate", "op": "younger_than_years", "value": 18},
    "steps": [{"id": "review", "kind": "inquiry_mark_for_review"}],
}
ELSE = {"name": "adult", "else": True, "steps": [{"id": "ok", "kind": "inquiry_approve"}]}


def test_first_matching_route_else_route_and_criteria():
    assert choose_route(_definition(MINOR, ELSE), DATA, today=TODAY) == 0
    adult = {**DATA, "inquiry": {**DATA["inquiry"], "birthdate": "1990-01-01"}}
    assert choose_route(_definition(MINOR, ELSE), adult, today=TODAY) == 1
    assert choose_route(_definition(MINOR), adult, today=TODAY) is None
    gb_only = {"path": "inquiry.fields.country", "op": "eq", "value": "FR"}
    assert choose_route(_definition(MINOR, ELSE, criteria=gb_only), DATA, today=TODAY) is None


def test_validation_names_every_place():
    bad = _definition(
        {"name": "x", "when": {"path": "case.resolution", "op": "eq", "value": "A"},
         "steps": [{"id": "a", "kind": "inquiry_teleport"},
                   {"id": "b", "kind": "case_create", "template": "NOPE"},
                   {"id": "c", "kind": "case_set_status", "case": "steps.zzz", "status": "X"}]},
        ELSE,
        {"name": "late", "when": {"path": "inquiry.status", "op": "eq", "value": "x"}, "steps": []},
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        validate_definition(bad, templates={"KYC"})
    assert problems(exc) == [
        ("definition.routes.0.when.path", "'case.resolution' cannot exist on inquiry events"),
        ("definition.routes.0.steps.0.kind", "unknown step 'inquiry_teleport'"),
        ("definition.routes.0.steps.1.template", "unknown template 'NOPE'"),
        ("definition.routes.0.steps.2.case", "no earlier step 'zzz'"),
        ("definition.routes.2", "no route may follow the else route"),
    ]
    validate_definition(_definition(MINOR, ELSE), templates=set())


def test_operator_and_parameter_errors():
    with pytest.raises(ValidationError) as exc:
        validate_definition(
            _definition(
                {"name": "x", "when": {"path": "inquiry.status", "op": "like", "value": 1},
                 "steps": [{"id": "a", "kind": "case_assign", "user": "a@b.c", "policy": True},
                           {"id": "a", "kind": "notify", "subject": "s", "body": "b", "cc": 1}]},
            ),
            templates=set(),
        )  # fmt: skip
    assert problems(exc)[0][0] == "definition.routes.0.when.op"
    no_case = "no case: the trigger is not a case and no earlier step creates one"
    assert problems(exc)[1:] == [
        # a malformed step is not checked further
        ("definition.routes.0.steps.0", "case_assign needs exactly one of user, team, policy"),
        ("definition.routes.0.steps.1.id", "duplicate step id 'a'"),
        ("definition.routes.0.steps.1.cc", "not a parameter of notify"),
        ("definition.routes.0.steps.1.case", no_case),
        ("definition.routes.0.steps.1.emails", "notify needs at least one of emails, users"),
    ]


def test_parameters_read_paths_from_the_trigger():
    assert resolve(
        {"fields": {"country": {"path": "inquiry.fields.country"}, "n": 1, "x": {"path": "nope"}}},
        DATA,
    ) == {"fields": {"country": "GB", "n": 1, "x": None}}


def test_statuses_keep_the_strings_the_api_shows():
    assert [s.value for s in WorkflowStatus] == ["active", "paused"]
    assert [s.value for s in WorkflowRunStatus] == [
        "pending", "running", "succeeded", "failed", "skipped", "dead",
    ]  # fmt: skip
    assert [s.value for s in StepStatus] == ["pending", "succeeded", "failed"]
    assert [s.value for s in DeliveryStatus] == ["pending", "sent", "failed"]
