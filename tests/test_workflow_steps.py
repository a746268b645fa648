"""The step registry: every declared step kind has a handler and a parameter schema, and the
schema is what validation checks when a definition is saved."""

import pytest

from app.domain.errors import ValidationError
from app.domain.workflow_steps import STEP_SCHEMAS, StepKind
from app.domain.workflows import validate_definition
from app.services.workflow_steps import STEP_HANDLERS

WHERE = "definition.routes.0.steps.0"
# the smallest valid step of every kind (on a case.created trigger, with template KYC)
MINIMAL: dict[StepKind, dict[str, object]] = {
    StepKind.INQUIRY_MARK_FOR_REVIEW: {},
    StepKind.INQUIRY_APPROVE: {},
    StepKind.INQUIRY_DECLINE: {},
    StepKind.CASE_CREATE: {"template": "KYC"},
    StepKind.CASE_ASSIGN: {"user": "ann@acme.example"},
    StepKind.CASE_SET_STATUS: {"status": "Approved"},
    StepKind.CASE_ADD_COMMENT: {"body": "hello"},
    StepKind.CASE_SET_TAGS: {"tags": ["a"]},
    StepKind.CASE_ADD_TAGS: {"tags": ["a"]},
    StepKind.CASE_ATTACH_OBJECTS: {},
    StepKind.CASE_SET_SLA: {"seconds": 60},
    StepKind.CASE_CLEAR_SLA: {},
    StepKind.NOTIFY: {"emails": ["ops@acme.example"], "subject": "s", "body": "b"},
}


def _definition(*steps: dict[str, object]) -> dict[str, object]:
    return {"trigger": "case.created", "routes": [{"name": "r", "else": True, "steps": [*steps]}]}


def _problems(*steps: dict[str, object]) -> list[tuple[str, str]]:
    try:
        validate_definition(_definition(*steps), templates={"KYC"})
    except ValidationError as exc:
        return [(p.field, p.message) for p in exc.problems]
    return []


def test_the_declared_kinds_and_the_registered_handlers_are_the_same_set():
    assert set(STEP_HANDLERS) == set(STEP_SCHEMAS) == set(StepKind)
    assert {kind.value for kind in STEP_HANDLERS} == {
        "inquiry_mark_for_review", "inquiry_approve", "inquiry_decline", "case_create",
        "case_assign", "case_set_status", "case_add_comment", "case_set_tags", "case_add_tags",
        "case_attach_objects", "case_set_sla", "case_clear_sla", "notify",
    }  # fmt: skip


def test_every_kind_has_a_schema_and_a_minimal_valid_step():
    assert set(STEP_SCHEMAS) == set(StepKind) == set(MINIMAL)
    assert len(StepKind) == 13
    for kind, params in MINIMAL.items():
        assert _problems({"id": "s", "kind": kind.value, **params}) == [], kind


REQUIRED = [
    (kind, key)
    for kind, schema in STEP_SCHEMAS.items()
    for key, param in schema.params.items()
    if param.required
]


def test_the_required_parameters():
    assert [(k.value, key) for k, key in REQUIRED] == [
        ("case_create", "template"),
        ("case_set_status", "status"),
        ("case_add_comment", "body"),
        ("case_set_tags", "tags"),
        ("case_add_tags", "tags"),
        ("case_set_sla", "seconds"),
        ("notify", "subject"),
        ("notify", "body"),
    ]


@pytest.mark.parametrize(("kind", "key"), REQUIRED)
def test_a_missing_required_parameter_is_refused_naming_step_and_parameter(kind, key):
    step = {"id": "s", "kind": kind.value, **MINIMAL[kind]}
    del step[key]
    expected = [(f"{WHERE}.{key}", f"{kind} needs '{key}'")]
    if key == "template":  # no template is not one of the organization's templates either
        expected.append((f"{WHERE}.template", "unknown template 'None'"))
    assert _problems(step) == expected


TYPED = [
    (kind, key)
    for kind, schema in STEP_SCHEMAS.items()
    for key, param in schema.params.items()
    if param.type.description != "any value"
]


@pytest.mark.parametrize(("kind", "key"), TYPED)
def test_a_wrongly_typed_parameter_is_refused_naming_step_and_parameter(kind, key):
    schema = STEP_SCHEMAS[kind]
    step = {"id": "s", "kind": kind.value, **MINIMAL[kind]}
    if key in schema.exactly_one_of:  # keep "exactly one of" satisfied
        for other in schema.exactly_one_of:
            step.pop(other, None)
    step[key] = 2.5  # no declared type takes a fraction
    param = schema.params[key]
    suffix = ' or {"path": ...}' if param.path_allowed else ""
    expected = [(f"{WHERE}.{key}", f"must be {param.type.description}{suffix}")]
    if key == "template":
        expected.append((f"{WHERE}.template", "unknown template '2.5'"))
    assert _problems(step) == expected


def test_type_messages_and_path_references():
    assert _problems(
        {"id": "sla", "kind": "case_set_sla", "seconds": "3600", "continue_on_error": "yes"},
        {"id": "tags", "kind": "case_add_tags", "tags": ["a", 1], "case": 7},
        {"id": "in", "kind": "inquiry_approve", "inquiry": "all", "comment": ["x"]},
        {"id": "make", "kind": "case_create", "template": {"path": "case.template.key"},
         "link_trigger": "no", "fields": [], "sla_seconds": True},
        {"id": "who", "kind": "case_assign", "policy": "round_robin"},
    ) == [
        ("definition.routes.0.steps.0.seconds", 'must be a whole number or {"path": ...}'),
        ("definition.routes.0.steps.0.continue_on_error", "must be true or false"),
        ("definition.routes.0.steps.1.case", "must be 'trigger' or 'steps.<id>'"),
        ("definition.routes.0.steps.1.tags", 'must be a list of strings or {"path": ...}'),
        ("definition.routes.0.steps.2.inquiry", "must be 'trigger' or 'case_inquiries'"),
        ("definition.routes.0.steps.2.comment", 'must be a string or {"path": ...}'),
        ("definition.routes.0.steps.3.template", "must be a string"),
        ("definition.routes.0.steps.3.fields", 'must be an object or {"path": ...}'),
        ("definition.routes.0.steps.3.link_trigger", 'must be true or false or {"path": ...}'),
        ("definition.routes.0.steps.3.sla_seconds", 'must be a whole number or {"path": ...}'),
        ("definition.routes.0.steps.3.template",
         "unknown template '{'path': 'case.template.key'}'"),
        ("definition.routes.0.steps.4.policy", 'must be true or false or {"path": ...}'),
    ]  # fmt: skip
    # values read from the trigger when the step runs are accepted wherever paths may stand
    assert _problems(
        {"id": "sla", "kind": "case_set_sla", "seconds": {"path": "case.fields.sla"}},
        {"id": "tags", "kind": "case_add_tags", "tags": [{"path": "case.name"}, "x"],
         "case": "steps.sla", "continue_on_error": True},
        {"id": "make", "kind": "case_create", "template": "KYC",
         "fields": {"n": {"path": "case.fields.n"}}, "tags": {"path": "case.tags"}},
        {"id": "mail", "kind": "notify", "users": ["ann@acme.example"],
         "subject": {"path": "case.name"}, "body": "b"},
    ) == []  # fmt: skip


CREATE = """
mutation($definition: JSON!) {
  workflowCreate(input: {name: "wf", definition: $definition}) {
    __typename
    ... on ValidationError { problems { field message } }
  }
}
"""


async def test_saving_refuses_a_step_against_its_schema(admin):
    definition = _definition(
        {"id": "sla", "kind": "case_set_sla", "seconds": "an hour"},
        {"id": "note", "kind": "case_add_comment"},
    )
    assert (await admin(CREATE, definition=definition))["workflowCreate"] == {
        "__typename": "ValidationError",
        "problems": [
            {"field": "definition.routes.0.steps.0.seconds",
             "message": 'must be a whole number or {"path": ...}'},
            {"field": "definition.routes.0.steps.1.body",
             "message": "case_add_comment needs 'body'"},
        ],
    }  # fmt: skip
