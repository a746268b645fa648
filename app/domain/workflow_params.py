"""Static checks of workflow step parameters: whatever can be known to fail when the workflow
is saved is rejected then, naming the step and the parameter, instead of failing a run.

A parameter is either a literal or ``{"path": ...}`` read from the trigger at run time; a
literal is checked against the rules the service would apply, a path against the trigger's
subject. A ``case_create`` step must supply every required field of its template.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.emails import normalize_email
from app.domain.errors import FieldProblem, ValidationError
from app.domain.fields import validate_field_values
from app.domain.tags import normalize_tags
from app.domain.templates import FieldDef

INQUIRY_REFS = ("trigger", "case_inquiries")
CASE_STEP_KINDS = {
    "case_assign", "case_set_status", "case_add_comment", "case_set_tags", "case_add_tags",
    "case_attach_objects", "case_set_sla", "case_clear_sla",
}  # fmt: skip


@dataclass(frozen=True)
class TemplateFacts:
    """What a workflow may rely on about a case template when it is saved."""

    key: str
    statuses: tuple[str, ...]
    fields: tuple[FieldDef, ...]


@dataclass
class RouteState:
    """What the earlier steps of one route make known: the cases they create, by step id."""

    subject: str
    created: dict[str, str | None] = field(default_factory=dict)  # step id -> template key
    last_created: str | None = None
    any_created: bool = False


def is_dynamic(value: Any) -> bool:
    """Whether a parameter is read from the trigger at run time."""
    return isinstance(value, Mapping) and set(value) == {"path"}


def _paths(value: Any) -> Any:
    """Every ``{"path": ...}`` inside a parameter value."""
    if is_dynamic(value):
        yield value["path"]
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _paths(item)
    elif isinstance(value, list):
        for item in value:
            yield from _paths(item)


def check_params(
    kind: str,
    step: Mapping[str, Any],
    where: str,
    *,
    templates: Mapping[str, TemplateFacts],
    route: RouteState,
    path_allowed: Callable[[str, str], bool],
    problems: list[FieldProblem],
) -> None:
    """Append a problem for each parameter of ``step`` that cannot work."""

    def bad(param: str, message: str) -> None:
        problems.append(FieldProblem(f"{where}.{param}", message))

    def literal(param: str) -> bool:
        """True when the parameter is present and a literal; checks a path parameter."""
        if param not in step:
            return False
        paths = list(_paths(step[param]))
        for path in paths:
            if not isinstance(path, str) or not path_allowed(path, route.subject):
                bad(param, f"'{path}' cannot exist on {route.subject} events")
        return not paths

    def rule(param: str, check: Callable[[Any], object]) -> None:
        if literal(param):
            try:
                check(step[param])
            except ValidationError as exc:
                for p in exc.problems:
                    problems.append(FieldProblem(f"{where}.{p.field}", p.message))

    if "continue_on_error" in step and not isinstance(step["continue_on_error"], bool):
        bad("continue_on_error", "must be true or false")
    template_key: str | None = None
    if kind.startswith("inquiry_"):
        ref = step.get("inquiry")
        if ref is not None and ref not in INQUIRY_REFS:
            bad("inquiry", "must be 'trigger' or 'case_inquiries'")
        if ref == "trigger" and route.subject != "inquiry":
            bad("inquiry", f"the trigger is not an inquiry but a {route.subject}")
        if ref == "case_inquiries" and route.subject != "case" and not route.any_created:
            bad("inquiry", "no case: the trigger is not a case and no earlier step creates one")
        rule("comment", lambda v: _text(v, "comment"))
    elif kind == "case_create":
        template_key = step.get("template") if isinstance(step.get("template"), str) else None
        facts = templates.get(template_key) if template_key else None
        if facts is not None:
            _check_case_fields(step, where, facts, literal, bad, problems)
        rule("tags", lambda v: normalize_tags(_strings(v, "tags"), "tags"))
        rule("sla_seconds", lambda v: _positive_int(v, "sla_seconds"))
        if "link_trigger" in step and not isinstance(step["link_trigger"], bool):
            bad("link_trigger", "must be true or false")
    elif kind in CASE_STEP_KINDS:
        missing, case_template = _case_target(step.get("case"), route)
        if missing is not None:
            bad("case", missing)
        if kind == "case_set_status" and literal("status"):
            _check_status(step["status"], case_template, templates, bad)
        if kind == "case_assign":
            rule("user", lambda v: normalize_email(_text(v, "user"), "user"))
            rule("team", lambda v: _text(v, "team"))
            if "policy" in step and step["policy"] is not True:
                bad("policy", "must be true (assign by the template's policy)")
        if kind in ("case_set_tags", "case_add_tags"):
            rule("tags", lambda v: normalize_tags(_strings(v, "tags"), "tags"))
        if kind == "case_set_sla":
            rule("seconds", lambda v: _positive_int(v, "seconds"))
        rule("comment", lambda v: _text(v, "comment"))
        rule("body", lambda v: _text(v, "body"))
    elif kind == "notify":
        missing, _ = _case_target(None, route)
        if missing is not None:
            bad("case", missing)
        rule(
            "emails", lambda v: [normalize_email(e, f"emails.{i}") for i, e in _items(v, "emails")]
        )
        rule("users", lambda v: [normalize_email(e, f"users.{i}") for i, e in _items(v, "users")])
        if not step.get("emails") and not step.get("users"):
            bad("emails", "notify needs at least one of emails, users")
        rule("subject", lambda v: _text(v, "subject"))
        rule("body", lambda v: _text(v, "body"))
    ident = step.get("id")
    if kind == "case_create" and isinstance(ident, str):
        route.created[ident] = template_key
        route.last_created = template_key
        route.any_created = True


def _check_case_fields(
    step: Mapping[str, Any],
    where: str,
    facts: TemplateFacts,
    literal: Callable[[str], bool],
    bad: Callable[[str, str], None],
    problems: list[FieldProblem],
) -> None:
    if "fields" in step and not literal("fields"):
        return  # the whole map is read from the trigger: only the run can tell
    values = step.get("fields", {})
    if not isinstance(values, Mapping):
        bad("fields", "must be an object of field values")
        return
    literals = {k: v for k, v in values.items() if not is_dynamic(v)}
    supplied = dict.fromkeys(values, True)  # a path counts as supplied; the run checks it
    try:
        validate_field_values(list(facts.fields), literals, merged={**supplied, **literals})
    except ValidationError as exc:
        for p in exc.problems:
            message = p.message
            if message == "is required":
                message = f"template '{facts.key}' requires this field; the step does not set it"
            problems.append(FieldProblem(f"{where}.{p.field}", message))


def _case_target(ref: Any, route: RouteState) -> tuple[str | None, str | None]:
    """(why the step has no case, or None; the case's template key when known statically)."""
    if isinstance(ref, str) and ref.startswith("steps."):
        return None, route.created.get(ref[6:])  # an unknown id is reported by the caller
    if ref == "trigger":
        return (None if route.subject == "case" else "the trigger is not a case"), None
    if route.subject == "case":
        return None, None
    if not route.any_created:
        return "no case: the trigger is not a case and no earlier step creates one", None
    return None, route.last_created


def _check_status(
    status: Any,
    template_key: str | None,
    templates: Mapping[str, TemplateFacts],
    bad: Callable[[str, str], None],
) -> None:
    if not isinstance(status, str):
        bad("status", "must be a status name")
        return
    if template_key is not None and template_key in templates:
        names = templates[template_key].statuses
        if status not in names:
            bad(
                "status",
                f"'{status}' is not a status of template '{template_key}' ({', '.join(names)})",
            )
    elif templates and all(status not in t.statuses for t in templates.values()):
        bad("status", f"'{status}' is not a status of any template")


def _text(value: Any, field_name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.of(field_name, "must be a non-empty string")
    return value


def _strings(value: Any, field_name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError.of(field_name, "must be a list of strings")
    return value


def _items(value: Any, field_name: str) -> list[tuple[int, str]]:
    return list(enumerate(_strings(value, field_name)))


def _positive_int(value: Any, field_name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValidationError.of(field_name, "must be a positive number of seconds")
    return value
