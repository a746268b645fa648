"""Workflow conditions: what they may read, their limits, validation and evaluation (pure).

A condition is ``{"path": "inquiry.fields.age", "op": "lt", "value": 18}`` or
``{"all": [...]}``, ``{"any": [...]}``, ``{"not": {...}}``. A condition on a missing value
is false (``exists`` tests presence).
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.domain.errors import FieldProblem

# Limits checked at save, so evaluating a stored condition never recurses deeply.
MAX_CONDITION_DEPTH = 10  # all/any/not levels; the outermost condition is level 1
MAX_CONDITION_ITEMS = 50  # conditions in one all/any
MAX_IN_VALUES = 100  # values of an ``in`` condition
MAX_PATH_LENGTH = 200  # a condition's path

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


def path_allowed(path: str, subject: str) -> bool:
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


def _check_leaf(cond: Mapping[str, Any], subject: str, where: str) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    path, op = cond.get("path"), cond.get("op")
    if isinstance(path, str) and len(path) > MAX_PATH_LENGTH:
        problems.append(
            FieldProblem(f"{where}.path", f"at most {MAX_PATH_LENGTH} characters (got {len(path)})")
        )
    elif not isinstance(path, str) or not path_allowed(path, subject):
        problems.append(FieldProblem(f"{where}.path", f"'{path}' cannot exist on {subject} events"))
    if op not in OPERATORS:
        problems.append(
            FieldProblem(f"{where}.op", f"unknown operator '{op}' ({', '.join(sorted(OPERATORS))})")
        )
    elif op != "exists" and "value" not in cond:
        problems.append(FieldProblem(f"{where}.value", f"operator '{op}' needs a value"))
    elif op == "in" and not isinstance(cond.get("value"), list):
        problems.append(FieldProblem(f"{where}.value", "operator 'in' needs a list"))
    elif op == "in" and len(cond["value"]) > MAX_IN_VALUES:
        count = len(cond["value"])
        problems.append(
            FieldProblem(f"{where}.value", f"at most {MAX_IN_VALUES} items (got {count})")
        )
    return problems


def check_condition(cond: Any, subject: str, where: str, problems: list[FieldProblem]) -> None:
    """Iterative, and no deeper than MAX_CONDITION_DEPTH: a condition nested thousands of
    levels deep is refused at its 11th level without recursion."""
    stack: list[tuple[Any, str, int]] = [(cond, where, 1)]
    while stack:
        cond, where, depth = stack.pop()
        if not isinstance(cond, Mapping):
            problems.append(FieldProblem(where, "a condition must be an object"))
            continue
        if depth > MAX_CONDITION_DEPTH:
            problems.append(
                FieldProblem(where, f"conditions nest at most {MAX_CONDITION_DEPTH} levels deep")
            )
            continue
        if "all" in cond or "any" in cond:
            key = "all" if "all" in cond else "any"
            items = cond[key]
            if not isinstance(items, list) or not items:
                problems.append(FieldProblem(f"{where}.{key}", "must be a non-empty list"))
            elif len(items) > MAX_CONDITION_ITEMS:
                problems.append(
                    FieldProblem(
                        f"{where}.{key}",
                        f"at most {MAX_CONDITION_ITEMS} conditions (got {len(items)})",
                    )
                )
            else:
                stack.extend(
                    (item, f"{where}.{key}.{i}", depth + 1)
                    for i, item in reversed(list(enumerate(items)))
                )
        elif "not" in cond:
            stack.append((cond["not"], f"{where}.not", depth + 1))
        else:
            problems.extend(_check_leaf(cond, subject, where))


MISSING = object()


def lookup(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or the MISSING marker."""
    value: Any = data
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        else:
            return MISSING
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
        return (actual is not MISSING and actual is not None) == cond.get("value", True)
    if actual is MISSING or actual is None:
        return False
    return _compare(cond["op"], actual, cond["value"], today)
