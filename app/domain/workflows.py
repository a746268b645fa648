"""Workflow definitions: validation, condition evaluation and route choice (pure rules).

A definition is JSON::

    {"trigger": "inquiry.completed",
     "criteria": <condition or null>,
     "routes": [{"name": "under 18", "when": <condition>, "steps": [<step>, ...]},
                {"name": "adult", "else": true, "steps": [...]}]}

Conditions (their rules and limits) are in ``app.domain.workflow_conditions``. A step is
``{"id": "open", "kind": "case_create", "continue_on_error": false, ...parameters}``.
"""

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any

from app.domain.bounds import MAX_JSON_BYTES, json_value
from app.domain.errors import FieldProblem, ValidationError
from app.domain.workflow_conditions import MISSING, check_condition, evaluate, lookup, path_allowed
from app.domain.workflow_params import RouteState, TemplateFacts, check_params
from app.domain.workflow_steps import check_parameters, step_kind

# Limits of a definition, checked at save (a ValidationError names the place and the limit),
# so that evaluating a published definition is cheap and never recurses deeply.
MAX_DEFINITION_BYTES = MAX_JSON_BYTES  # 64 KiB: the whole definition as JSON (json_value)
MAX_DEFINITION_DEPTH = 32  # JSON nesting of the whole definition (a condition level is two)
MAX_ROUTES = 20
MAX_STEPS_PER_ROUTE = 50
MAX_TRIGGER_LENGTH = 64  # an event name
MAX_ROUTE_NAME_LENGTH = 200
MAX_STRING_LENGTH = 10_000  # any other string: comment bodies, values, ...


def subject_of(trigger: str) -> str:
    """The kind of object an event is about: ``report`` for ``report.ready`` etc."""
    return trigger.split(".", 1)[0].split("/", 1)[0]


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
    known = step_kind(kind)
    if known is None:
        problems.append(FieldProblem(f"{where}.kind", f"unknown step '{kind}'"))
        return
    shapes = check_parameters(known, step, where)
    problems.extend(shapes)
    template = step.get("template")
    if kind == "case_create" and (not isinstance(template, str) or template not in templates):
        problems.append(
            FieldProblem(f"{where}.template", f"unknown template '{step.get('template')}'")
        )
    case_ref = step.get("case")
    if isinstance(case_ref, str) and case_ref.startswith("steps.") and case_ref[6:] not in seen:
        problems.append(FieldProblem(f"{where}.case", f"no earlier step '{case_ref[6:]}'"))
    # then what the values can be known to do at run time (a template's required fields and
    # statuses, emails, tags, paths), for every parameter whose shape was right
    values: list[FieldProblem] = []
    check_params(
        known,
        step,
        where,
        templates=templates if isinstance(templates, Mapping) else {},
        route=route,
        path_allowed=path_allowed,
        problems=values,
    )
    misshapen = {p.field for p in shapes}
    problems.extend(
        p
        for p in values
        if p.field not in misshapen and not any(p.field.startswith(f"{m}.") for m in misshapen)
    )
    if isinstance(ident, str):
        seen.add(ident)


def _too_long(value: str, maximum: int) -> str:
    return f"at most {maximum} characters (got {len(value)})"


def _check_route(
    route: Any,
    where: str,
    subject: str,
    templates: Mapping[str, TemplateFacts] | Collection[str],
    problems: list[FieldProblem],
) -> bool:
    """Problems of one route; whether it is the else route."""
    if not isinstance(route, Mapping):
        problems.append(FieldProblem(where, "a route must be an object"))
        return False
    name = route.get("name")
    if isinstance(name, str) and len(name) > MAX_ROUTE_NAME_LENGTH:
        problems.append(FieldProblem(f"{where}.name", _too_long(name, MAX_ROUTE_NAME_LENGTH)))
    if route.get("else"):
        if route.get("when") is not None:
            problems.append(FieldProblem(f"{where}.when", "the else route has no condition"))
    elif route.get("when") is None:
        problems.append(FieldProblem(f"{where}.when", 'needs a condition (or "else": true)'))
    else:
        check_condition(route["when"], subject, f"{where}.when", problems)
    steps = route.get("steps")
    if not isinstance(steps, list):
        problems.append(FieldProblem(f"{where}.steps", "must be a list"))
    elif len(steps) > MAX_STEPS_PER_ROUTE:
        problems.append(
            FieldProblem(
                f"{where}.steps", f"at most {MAX_STEPS_PER_ROUTE} steps (got {len(steps)})"
            )
        )
    else:
        seen: set[str] = set()
        state = RouteState(subject)
        for s, step in enumerate(steps):
            _check_step(step, f"{where}.steps.{s}", seen, templates, state, problems)
    return bool(route.get("else"))


def _check_strings(definition: Mapping[str, Any]) -> list[FieldProblem]:
    """Strings longer than MAX_STRING_LENGTH (the JSON is already bounded: iterative)."""
    problems: list[FieldProblem] = []
    stack: list[tuple[Any, str]] = [(definition, "definition")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, Mapping):
            stack.extend((v, f"{where}.{k}") for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((v, f"{where}.{i}") for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, str) and len(item) > MAX_STRING_LENGTH:
            problems.append(FieldProblem(where, _too_long(item, MAX_STRING_LENGTH)))
    return problems


def validate_definition(
    definition: Any, *, templates: Mapping[str, TemplateFacts] | Collection[str]
) -> None:
    """Reject anything that cannot run, naming the place: unknown steps or templates,
    conditions on fields that cannot exist, routes after the else route, and anything beyond
    the limits above (size, routes, steps, condition depth and width, string lengths,
    NaN or Infinity). Iterative: any input is refused quickly, without recursion."""
    problems: list[FieldProblem] = []
    if not isinstance(definition, Mapping):
        raise ValidationError.of("definition", "must be an object")
    trigger = definition.get("trigger")
    if isinstance(trigger, str) and len(trigger) > MAX_TRIGGER_LENGTH:
        raise ValidationError.of("definition.trigger", _too_long(trigger, MAX_TRIGGER_LENGTH))
    if not isinstance(trigger, str) or not re.match(r"^[a-z_/-]+\.[a-z-]+$", trigger):
        problems.append(
            FieldProblem("definition.trigger", "must be an event name like case.resolved")
        )
        raise ValidationError(problems)
    subject = subject_of(trigger)
    if definition.get("criteria") is not None:
        check_condition(definition["criteria"], subject, "definition.criteria", problems)
    routes = definition.get("routes")
    if not isinstance(routes, list) or not routes:
        problems.append(FieldProblem("definition.routes", "needs at least one route"))
        raise ValidationError(problems)
    if len(routes) > MAX_ROUTES:
        problems.append(
            FieldProblem("definition.routes", f"at most {MAX_ROUTES} routes (got {len(routes)})")
        )
        raise ValidationError(problems)
    seen_else = False
    for r, route in enumerate(routes):
        where = f"definition.routes.{r}"
        if seen_else:
            problems.append(FieldProblem(where, "no route may follow the else route"))
        seen_else = _check_route(route, where, subject, templates, problems) or seen_else
    if problems:
        raise ValidationError(problems)
    json_value(definition, "definition", max_depth=MAX_DEFINITION_DEPTH)
    problems = _check_strings(definition)
    if problems:
        raise ValidationError(problems)


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
        return None if found is MISSING else found
    if isinstance(value, Mapping):
        return {k: resolve(v, data) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, data) for v in value]
    return value
