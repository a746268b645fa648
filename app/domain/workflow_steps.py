"""Workflow step kinds and the parameters each declares (pure rules).

``STEP_SCHEMAS`` is the one table of what a step may say: for every kind, its parameters
(required or optional, and the type of value each takes) and any rule between them. Workflow
validation checks every step against it when a definition is saved; the services register
one handler per kind (``app.services.workflow_steps.STEP_HANDLERS``), and a test keeps the
two key sets equal.

Most parameter values may instead be ``{"path": "inquiry.fields.country"}``, read from the
trigger when the step runs; the parameters whose literal value validation needs (the
template, the case a step acts on) may not.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.domain.errors import FieldProblem

COMMON_STEP_KEYS = frozenset({"id", "kind", "continue_on_error"})
CASE_REF = re.compile(r"^(trigger|steps\.[A-Za-z0-9_-]+)$")


class StepKind(StrEnum):
    """What a workflow step does."""

    INQUIRY_MARK_FOR_REVIEW = "inquiry_mark_for_review"
    INQUIRY_APPROVE = "inquiry_approve"
    INQUIRY_DECLINE = "inquiry_decline"
    CASE_CREATE = "case_create"
    CASE_ASSIGN = "case_assign"
    CASE_SET_STATUS = "case_set_status"
    CASE_ADD_COMMENT = "case_add_comment"
    CASE_SET_TAGS = "case_set_tags"
    CASE_ADD_TAGS = "case_add_tags"
    CASE_ATTACH_OBJECTS = "case_attach_objects"
    CASE_SET_SLA = "case_set_sla"
    CASE_CLEAR_SLA = "case_clear_sla"
    NOTIFY = "notify"


def step_kind(value: Any) -> StepKind | None:
    """The kind a step names, or None when it names none."""
    return _KINDS.get(value) if isinstance(value, str) else None


_KINDS = {kind.value: kind for kind in StepKind}


@dataclass(frozen=True)
class ValueType:
    """A kind of parameter value: what a problem message calls it and the test for it."""

    description: str
    accepts: Callable[[Any], bool]


def _is_path(value: Any) -> bool:
    return isinstance(value, Mapping) and set(value) == {"path"} and isinstance(value["path"], str)


def _text_or_path(value: Any) -> bool:
    return isinstance(value, str) or _is_path(value)


TEXT = ValueType("a string", lambda v: isinstance(v, str))
INTEGER = ValueType("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
BOOLEAN = ValueType("true or false", lambda v: isinstance(v, bool))
TEXT_LIST = ValueType(
    "a list of strings", lambda v: isinstance(v, list) and all(_text_or_path(x) for x in v)
)
OBJECT = ValueType("an object", lambda v: isinstance(v, Mapping))
ANY = ValueType("any value", lambda v: True)
CASE_REFERENCE = ValueType(
    "'trigger' or 'steps.<id>'", lambda v: isinstance(v, str) and bool(CASE_REF.match(v))
)
INQUIRY_REFS = ("trigger", "case_inquiries")
INQUIRY_REFERENCE = ValueType("'trigger' or 'case_inquiries'", lambda v: v in INQUIRY_REFS)


@dataclass(frozen=True)
class Param:
    """One parameter of a step kind."""

    type: ValueType
    required: bool = False
    # whether {"path": ...} (read from the trigger at run time) may stand for the value
    path_allowed: bool = True

    def problem(self, value: Any) -> str | None:
        """What is wrong with a given value, or None."""
        if self.type.accepts(value) or (self.path_allowed and _is_path(value)):
            return None
        return f"must be {self.type.description}" + (
            ' or {"path": ...}' if self.path_allowed else ""
        )


def required(type: ValueType, *, path_allowed: bool = True) -> Param:
    """A parameter the step cannot run without."""
    return Param(type, required=True, path_allowed=path_allowed)


def optional(type: ValueType, *, path_allowed: bool = True) -> Param:
    """A parameter the step can do without."""
    return Param(type, path_allowed=path_allowed)


CASE = optional(CASE_REFERENCE, path_allowed=False)
INQUIRY = optional(INQUIRY_REFERENCE, path_allowed=False)


@dataclass(frozen=True)
class StepSchema:
    """The parameters of one step kind and the rules between them."""

    params: Mapping[str, Param]
    exactly_one_of: tuple[str, ...] = field(default=())


STEP_SCHEMAS: Mapping[StepKind, StepSchema] = {
    StepKind.INQUIRY_MARK_FOR_REVIEW: StepSchema({"inquiry": INQUIRY, "comment": optional(TEXT)}),
    StepKind.INQUIRY_APPROVE: StepSchema({"inquiry": INQUIRY, "comment": optional(TEXT)}),
    StepKind.INQUIRY_DECLINE: StepSchema({"inquiry": INQUIRY, "comment": optional(TEXT)}),
    StepKind.CASE_CREATE: StepSchema(
        {
            "template": required(TEXT, path_allowed=False),
            "fields": optional(OBJECT),
            "link_trigger": optional(BOOLEAN),
            "sla_seconds": optional(INTEGER),
            "tags": optional(TEXT_LIST),
        }
    ),
    StepKind.CASE_ASSIGN: StepSchema(
        {
            "case": CASE,
            "user": optional(TEXT),
            "team": optional(TEXT),
            "policy": optional(BOOLEAN),
        },
        exactly_one_of=("user", "team", "policy"),
    ),
    StepKind.CASE_SET_STATUS: StepSchema(
        {"case": CASE, "status": required(TEXT), "comment": optional(TEXT)}
    ),
    StepKind.CASE_ADD_COMMENT: StepSchema({"case": CASE, "body": required(TEXT)}),
    StepKind.CASE_SET_TAGS: StepSchema({"case": CASE, "tags": required(TEXT_LIST)}),
    StepKind.CASE_ADD_TAGS: StepSchema({"case": CASE, "tags": required(TEXT_LIST)}),
    # the step links the trigger's object; ``objects`` is accepted and has no effect
    StepKind.CASE_ATTACH_OBJECTS: StepSchema({"case": CASE, "objects": optional(ANY)}),
    StepKind.CASE_SET_SLA: StepSchema({"case": CASE, "seconds": required(INTEGER)}),
    StepKind.CASE_CLEAR_SLA: StepSchema({"case": CASE}),
    StepKind.NOTIFY: StepSchema(
        {
            "emails": optional(TEXT_LIST),
            "users": optional(TEXT_LIST),
            "subject": required(TEXT),
            "body": required(TEXT),
        }
    ),
}
# parameters of every kind (``id`` and ``kind`` are checked on their own)
COMMON_PARAMS: Mapping[str, Param] = {"continue_on_error": optional(BOOLEAN, path_allowed=False)}


def check_parameters(kind: StepKind, step: Mapping[str, Any], where: str) -> list[FieldProblem]:
    """Problems of a step's parameters against its kind's schema, each naming the parameter."""
    schema = STEP_SCHEMAS[kind]
    problems: list[FieldProblem] = []
    for key in step:
        if key not in schema.params and key not in COMMON_STEP_KEYS:
            problems.append(FieldProblem(f"{where}.{key}", f"not a parameter of {kind}"))
    for key, param in {**schema.params, **COMMON_PARAMS}.items():
        if key not in step:
            if param.required:
                problems.append(FieldProblem(f"{where}.{key}", f"{kind} needs '{key}'"))
        elif (problem := param.problem(step[key])) is not None:
            problems.append(FieldProblem(f"{where}.{key}", problem))
    if schema.exactly_one_of and sum(k in step for k in schema.exactly_one_of) != 1:
        names = ", ".join(schema.exactly_one_of)
        problems.append(FieldProblem(where, f"{kind} needs exactly one of {names}"))
    return problems
