"""Validation of a case's custom field values against its template's definitions."""

import datetime as dt
from typing import Any

from app.domain.errors import FieldProblem, ValidationError
from app.domain.templates import FieldDef, FieldType

_EXPECTED = {
    FieldType.STRING: "a string",
    FieldType.INTEGER: "an integer",
    FieldType.NUMBER: "a number",
    FieldType.BOOLEAN: "a boolean",
    FieldType.DATE: "a date as YYYY-MM-DD",
    FieldType.JSON: "JSON",
}


def _type_ok(kind: FieldType, value: Any) -> bool:
    match kind:
        case FieldType.STRING:
            return isinstance(value, str)
        case FieldType.INTEGER:
            return isinstance(value, int) and not isinstance(value, bool)
        case FieldType.NUMBER:
            return isinstance(value, int | float) and not isinstance(value, bool)
        case FieldType.BOOLEAN:
            return isinstance(value, bool)
        case FieldType.DATE:
            if not isinstance(value, str):
                return False
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return False
            return len(value) == 10
        case FieldType.JSON:
            return True


def validate_field_values(
    defs: list[FieldDef],
    values: dict[str, Any],
    *,
    merged: dict[str, Any] | None = None,
    field: str = "fields",
) -> None:
    """Reject unknown keys and wrong types; required fields must hold a value once merged.

    ``values`` are the keys being written (``None`` clears a field); ``merged`` is the
    resulting full field map, checked for required fields (defaults to ``values``).
    """
    by_key = {d.key: d for d in defs}
    problems: list[FieldProblem] = []
    for key, value in values.items():
        d = by_key.get(key)
        if d is None:
            problems.append(FieldProblem(f"{field}.{key}", "is not a field of this template"))
        elif value is not None and not _type_ok(d.type, value):
            problems.append(FieldProblem(f"{field}.{key}", f"must be {_EXPECTED[d.type]}"))
    result = values if merged is None else merged
    for d in defs:
        if d.required and result.get(d.key) is None:
            problems.append(FieldProblem(f"{field}.{d.key}", "is required"))
    if problems:
        raise ValidationError(problems)
