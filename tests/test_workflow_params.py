"""Saving a workflow rejects step parameters that can be known to fail, naming step and field."""

import pytest

from app.domain.errors import ValidationError
from app.domain.templates import FieldDef, FieldType
from app.domain.workflow_params import TemplateFacts
from app.domain.workflows import validate_definition

KYC = TemplateFacts(
    key="KYC",
    statuses=("Open", "Pending", "Approved", "Declined"),
    fields=(
        FieldDef("risk", "Risk", FieldType.STRING, required=True),
        FieldDef("score", "Score", FieldType.INTEGER),
    ),
)
TEMPLATES = {"KYC": KYC}


def problems(definition: dict) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as exc:
        validate_definition(definition, templates=TEMPLATES)
    return [(p.field, p.message) for p in exc.value.problems]


def on_inquiry(*steps: dict) -> dict:
    return {
        "trigger": "inquiry.completed",
        "routes": [{"name": "all", "else": True, "steps": list(steps)}],
    }


def test_a_case_create_step_must_supply_the_templates_required_fields():
    # the README's first draft of the seed scenario: KYC requires `risk`, the step gives none
    assert problems(
        on_inquiry(
            {"id": "review", "kind": "inquiry_mark_for_review"},
            {"id": "open", "kind": "case_create", "template": "KYC", "link_trigger": True},
        )
    ) == [
        (
            "definition.routes.0.steps.1.fields.risk",
            "template 'KYC' requires this field; the step does not set it",
        )
    ]


def test_literal_field_values_are_checked_and_paths_count_as_supplied():
    assert problems(
        on_inquiry(
            {
                "id": "open",
                "kind": "case_create",
                "template": "KYC",
                "fields": {"risk": 3, "score": "high", "colour": "red"},
            }
        )
    ) == [
        ("definition.routes.0.steps.0.fields.risk", "must be a string"),
        ("definition.routes.0.steps.0.fields.score", "must be an integer"),
        ("definition.routes.0.steps.0.fields.colour", "is not a field of this template"),
    ]
    validate_definition(
        on_inquiry(
            {
                "id": "open",
                "kind": "case_create",
                "template": "KYC",
                "fields": {"risk": {"path": "inquiry.fields.risk"}},
            }
        ),
        templates=TEMPLATES,
    )


def test_every_statically_known_parameter_is_checked():
    assert problems(
        on_inquiry(
            {"id": "early", "kind": "case_add_tags", "tags": ["x"]},
            {
                "id": "open",
                "kind": "case_create",
                "template": "KYC",
                "fields": {"risk": "high"},
                "sla_seconds": 0,
                "tags": ["ok", " "],
                "link_trigger": "yes",
            },
            {"id": "status", "kind": "case_set_status", "case": "steps.open", "status": "Done"},
            {"id": "assign", "kind": "case_assign", "user": "not-an-email"},
            {"id": "sla", "kind": "case_set_sla", "seconds": -5},
            {"id": "who", "kind": "inquiry_approve", "inquiry": "everyone"},
            {"id": "mail", "kind": "notify", "emails": ["x@"], "subject": "", "body": "b"},
            {"id": "path", "kind": "case_add_comment", "body": {"path": "case.nope"}},
            {"id": "flag", "kind": "case_clear_sla", "continue_on_error": "sometimes"},
        )
    ) == [
        (
            "definition.routes.0.steps.0.case",
            "no case: the trigger is not a case and no earlier step creates one",
        ),
        ("definition.routes.0.steps.1.link_trigger", 'must be true or false or {"path": ...}'),
        ("definition.routes.0.steps.1.tags.1", "must not be blank"),
        ("definition.routes.0.steps.1.sla_seconds", "must be a positive number of seconds"),
        (
            "definition.routes.0.steps.2.status",
            "'Done' is not a status of template 'KYC' (Open, Pending, Approved, Declined)",
        ),
        ("definition.routes.0.steps.3.user", "'not-an-email' is not a valid email address"),
        ("definition.routes.0.steps.4.seconds", "must be a positive number of seconds"),
        ("definition.routes.0.steps.5.inquiry", "must be 'trigger' or 'case_inquiries'"),
        ("definition.routes.0.steps.6.emails.0", "'x@' is not a valid email address"),
        ("definition.routes.0.steps.6.subject", "must be a non-empty string"),
        ("definition.routes.0.steps.7.body", "'case.nope' cannot exist on inquiry events"),
        ("definition.routes.0.steps.8.continue_on_error", "must be true or false"),
    ]


def test_on_a_case_trigger_a_status_must_exist_in_some_template():
    definition = {
        "trigger": "case.resolved",
        "routes": [
            {
                "name": "all",
                "else": True,
                "steps": [{"id": "s", "kind": "case_set_status", "status": "Escalated"}],
            }
        ],
    }
    assert problems(definition) == [
        ("definition.routes.0.steps.0.status", "'Escalated' is not a status of any template")
    ]
