"""Workflow definitions: validation, condition evaluation and route choice (pure rules).

A definition is JSON::

    {"trigger": "inquiry.completed",
     "criteria": <condition or null>,
     "routes": [{"name": "under 18", "when": <condition>, "steps": [<step>, ...]},
                {"name": "adult", "else": true, "steps": [...]}]}

A condition is ``{"path": "inquiry.fields.age", "op": "lt", "value": 18}`` or
``{"all": [...]}``, ``{"any": [...]}``, ``{"not": {...}}``. A condition on a missing value
is false (``exists`` tests presence). A step is ``{"id": "open", "kind": "case_create",
"continue_on_error": false, ...parameters}``.
"""

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any

from app.domain.errors import FieldProblem, ValidationError
from app.domain.workflow_params import RouteState, TemplateFacts, check_params

OPERATORS = {
    "eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "exists",
    "older_than_years", "younger_than_years",
}  # fmt: skip

# What a condition may read, by the trigger's subject ("*" allows any key below it).
SUBJECT_FIELDS: dict[str, set[str]] = {
    "inquiry": {
        "id", "status", "reference_id", "name_first", "name_last", "birthdate", "fields.*",
        "account_id", "creator_id",
    },
    "case": {
        "id", "name", "status", "state", "resolution", "tags", "fields.*", "assignee_id",
        "template.id", "template.key", "template.name",
    },
    "report": {"id", "report_type", "status", "has_match", "fields.*"},
    "account": {"id", "reference_id", "tags", "fields.*"},
}  # fmt: skip
EVENT_FIELDS = {"name", "payload.*"}

CASE_REF = re.compile(r"^(trigger|steps\.[A-Za-z0-9_-]+)$")
STEP_KINDS: dict[str, dict[str, str]] = {
    # kind: {parameter: "required" | "optional"}
    "inquiry_mark_for_review": {"inquiry": "optional", "comment": "optional"},
    "inquiry_approve": {"inquiry": "optional", "comment": "optional"},
    "inquiry_decline": {"inquiry": "optional", "comment": "optional"},
    "case_create": {
        "template": "required", "fields": "optional", "link_trigger": "optional",
        "sla_seconds": "optional", "tags": "optional",
    },
    "case_assign": {
        "case": "optional", "user": "optional", "team": "optional", "policy": "optional",
    },
    "case_set_status": {"case": "optional", "status": "required", "comment": "optional"},
    "case_add_comment": {"case": "optional", "body": "required"},
    "case_set_tags": {"case": "optional", "tags": "required"},
    "case_add_tags": {"case": "optional", "tags": "required"},
    "case_attach_objects": {"case": "optional", "objects": "optional"},
    "case_set_sla": {"case": "optional", "seconds": "required"},
    "case_clear_sla": {"case": "optional"},
    "notify": {
        "emails": "optional", "users": "optional", "subject": "required", "body": "required",
    },
}  # fmt: skip
COMMON_STEP_KEYS = {"id", "kind", "continue_on_error"}


def subject_of(trigger: str) -> str:
    """The kind of object an event is about: ``report`` for ``report.ready`` etc."""
    return trigger.split(".", 1)[0].split("/", 1)[0]


def _path_allowed(path: str, subject: str) -> bool:
    root, _, rest = path.partition(".")
    if root == "event":
        allowed = EVENT_FIELDS
    elif root == "account" and subject == "inquiry":  # the inquiry's account, when it has one
        allowed = SUBJECT_FIELDS["account"]
    elif root == subject and subject in SUBJECT_FIELDS:
        allowed = SUBJECT_FIELDS[subject]
    else:
        return False
    if rest in allowed:
        return True
    return any(a.endswith(".*") and rest.startswith(a[:-1]) and rest != a[:-2] for a in allowed)


def _check_condition(cond: Any, subject: str, where: str, problems: list[FieldProblem]) -> None:
    if not isinstance(cond, Mapping):
        problems.append(FieldProblem(where, "a condition must be an object"))
        return
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        items = cond[key]
        if not isinstance(items, list) or not items:
            problems.append(FieldProblem(f"{where}.{key}", "must be a non-empty list"))
            return
        for i, item in enumerate(items):
            _check_condition(item, subject, f"{where}.{key}.{i}", problems)
        return
    if "not" in cond:
        _check_condition(cond["not"], subject, f"{where}.not", problems)
        return
    path, op = cond.get("path"), cond.get("op")
    if not isinstance(path, str) or not _path_allowed(path, subject):
        problems.append(FieldProblem(f"{where}.path", f"'{path}' cannot exist on {subject} events"))
    if op not in OPERATORS:
        problems.append(
            FieldProblem(f"{where}.op", f"unknown operator '{op}' ({', '.join(sorted(OPERATORS))})")
        )
    elif op != "exists" and "value" not in cond:
        problems.append(FieldProblem(f"{where}.value", f"operator '{op}' needs a value"))
    elif op == "in" and not isinstance(cond.get("value"), list):
        problems.append(FieldProblem(f"{where}.value", "operator 'in' needs a list"))


def _check_step(
    step: Any,
    where: str,
    seen: set[str],
    templates: Mapping[str, TemplateFacts] | Collection[str],
    route: RouteState,
    problems: list[FieldProblem],
) -> None:
    if not isinstance(step, Mapping):
        problems.append(FieldProblem(where, "a step must be an object"))
        return
    kind = step.get("kind")
    ident = step.get("id")
    if not isinstance(ident, str) or not re.match(r"^[A-Za-z0-9_-]{1,40}$", ident):
        problems.append(FieldProblem(f"{where}.id", "needs an id of 1-40 letters, digits, _ or -"))
    elif ident in seen:
        problems.append(FieldProblem(f"{where}.id", f"duplicate step id '{ident}'"))
    if kind not in STEP_KINDS:
        problems.append(FieldProblem(f"{where}.kind", f"unknown step '{kind}'"))
        return
    params = STEP_KINDS[kind]
    for key in step:
        if key not in params and key not in COMMON_STEP_KEYS:
            problems.append(FieldProblem(f"{where}.{key}", f"not a parameter of {kind}"))
    for key, need in params.items():
        if need == "required" and key not in step:
            problems.append(FieldProblem(f"{where}.{key}", f"{kind} needs '{key}'"))
    if kind == "case_create" and step.get("template") not in templates:
        problems.append(
            FieldProblem(f"{where}.template", f"unknown template '{step.get('template')}'")
        )
    case_ref = step.get("case")
    if case_ref is not None:
        if not isinstance(case_ref, str) or not CASE_REF.match(case_ref):
            problems.append(FieldProblem(f"{where}.case", "must be 'trigger' or 'steps.<id>'"))
        elif case_ref.startswith("steps.") and case_ref[6:] not in seen:
            problems.append(FieldProblem(f"{where}.case", f"no earlier step '{case_ref[6:]}'"))
    if kind == "case_assign" and sum(k in step for k in ("user", "team", "policy")) != 1:
        problems.append(FieldProblem(where, "case_assign needs exactly one of user, team, policy"))
    check_params(
        kind,
        step,
        where,
        templates=templates if isinstance(templates, Mapping) else {},
        route=route,
        path_allowed=_path_allowed,
        problems=problems,
    )
    if isinstance(ident, str):
        seen.add(ident)


def validate_definition(
    definition: Any, *, templates: Mapping[str, TemplateFacts] | Collection[str]
) -> None:
    """Reject anything that cannot run, naming the place: unknown steps or templates,
    conditions on fields that cannot exist, routes after the else route, and step parameters
    that cannot work (given the templates' facts: a case_create step must supply the
    template's required fields, a status must be the template's)."""
    problems: list[FieldProblem] = []
    if not isinstance(definition, Mapping):
        raise ValidationError.of("definition", "must be an object")
    trigger = definition.get("trigger")
    if not isinstance(trigger, str) or not re.match(r"^[a-z_/-]+\.[a-z-]+$", trigger):
        problems.append(
            FieldProblem("definition.trigger", "must be an event name like case.resolved")
        )
        raise ValidationError(problems)
    subject = subject_of(trigger)
    if definition.get("criteria") is not None:
        _check_condition(definition["criteria"], subject, "definition.criteria", problems)
    routes = definition.get("routes")
    if not isinstance(routes, list) or not routes:
        problems.append(FieldProblem("definition.routes", "needs at least one route"))
        raise ValidationError(problems)
    seen_else = False
    for r, route in enumerate(routes):
        where = f"definition.routes.{r}"
        if not isinstance(route, Mapping):
            problems.append(FieldProblem(where, "a route must be an object"))
            continue
        if seen_else:
            problems.append(FieldProblem(where, "no route may follow the else route"))
        if route.get("else"):
            seen_else = True
            if route.get("when") is not None:
                problems.append(FieldProblem(f"{where}.when", "the else route has no condition"))
        elif route.get("when") is None:
            problems.append(FieldProblem(f"{where}.when", 'needs a condition (or "else": true)'))
        else:
            _check_condition(route["when"], subject, f"{where}.when", problems)
        steps = route.get("steps")
        if not isinstance(steps, list):
            problems.append(FieldProblem(f"{where}.steps", "must be a list"))
            continue
        seen: set[str] = set()
        state = RouteState(subject)
        for s, step in enumerate(steps):
            _check_step(step, f"{where}.steps.{s}", seen, templates, state, problems)
    if problems:
        raise ValidationError(problems)


_MISSING = object()


def lookup(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or the _MISSING marker."""
    value: Any = data
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        else:
            return _MISSING
    return value


def _years_ago(value: Any, today: dt.date) -> float | None:
    try:
        born = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return float(years)


def _compare(op: str, actual: Any, expected: Any, today: dt.date) -> bool:
    try:
        match op:
            case "eq":
                return bool(actual == expected)
            case "ne":
                return bool(actual != expected)
            case "lt":
                return bool(actual < expected)
            case "le":
                return bool(actual <= expected)
            case "gt":
                return bool(actual > expected)
            case "ge":
                return bool(actual >= expected)
            case "in":
                return actual in expected
            case "contains":
                return expected in actual
            case "older_than_years" | "younger_than_years":
                age = _years_ago(actual, today)
                if age is None:
                    return False
                return age >= expected if op == "older_than_years" else age < expected
    except TypeError:
        return False
    return False


def evaluate(cond: Mapping[str, Any], data: Mapping[str, Any], *, today: dt.date) -> bool:
    """Whether the condition holds for the data; missing values make a comparison false."""
    if "all" in cond:
        return all(evaluate(c, data, today=today) for c in cond["all"])
    if "any" in cond:
        return any(evaluate(c, data, today=today) for c in cond["any"])
    if "not" in cond:
        return not evaluate(cond["not"], data, today=today)
    actual = lookup(data, cond["path"])
    if cond["op"] == "exists":
        return (actual is not _MISSING and actual is not None) == cond.get("value", True)
    if actual is _MISSING or actual is None:
        return False
    return _compare(cond["op"], actual, cond["value"], today)


def choose_route(
    definition: Mapping[str, Any], data: Mapping[str, Any], *, today: dt.date
) -> int | None:
    """Index of the route to run: the first whose condition holds, else the else route;
    None when the criteria fail or no route applies."""
    criteria = definition.get("criteria")
    if criteria is not None and not evaluate(criteria, data, today=today):
        return None
    fallback = None
    for i, route in enumerate(definition["routes"]):
        if route.get("else"):
            fallback = i
        elif evaluate(route["when"], data, today=today):
            return i
    return fallback


def resolve(value: Any, data: Mapping[str, Any]) -> Any:
    """A step parameter: literals as they are, ``{"path": ...}`` read from the data."""
    if isinstance(value, Mapping) and set(value) == {"path"}:
        found = lookup(data, value["path"])
        return None if found is _MISSING else found
    if isinstance(value, Mapping):
        return {k: resolve(v, data) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, data) for v in value]
    return value
