"""Size rules every input obeys, checked before any database work. Each limit is declared
next to the rule it protects (``MAX_TAGS`` in tags, ``MAX_STATUSES`` in templates, ...);
these helpers enforce them with one error shape: the field and the limit."""

import math
from collections.abc import Sized
from typing import Any, TypeVar

from app.domain.errors import ValidationError

T = TypeVar("T", bound=Sized)

MAX_JSON_DEPTH = 16
MAX_JSON_BYTES = 64 * 1024
MAX_JSON_KEY_LENGTH = 200


def at_most(items: T, maximum: int, field: str, what: str = "items") -> T:
    """``items`` unless it holds more than ``maximum`` (then a ValidationError naming both)."""
    if len(items) > maximum:
        raise ValidationError.of(field, f"at most {maximum} {what} (got {len(items)})")
    return items


def json_value(value: Any, field: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A JSON value within depth and size, with finite numbers only (NaN and Infinity are not
    JSON: strict parsers reject a response carrying them). Iterative: no recursion limit."""
    budget = MAX_JSON_BYTES
    stack: list[tuple[Any, int, str]] = [(value, 1, field)]
    while stack:
        item, depth, where = stack.pop()
        if depth > max_depth:
            raise ValidationError.of(where, f"nested deeper than {max_depth} levels")
        if isinstance(item, dict):
            budget -= 2
            for key, child in item.items():
                if not isinstance(key, str):
                    raise ValidationError.of(where, "object keys must be strings")
                if len(key) > MAX_JSON_KEY_LENGTH:
                    raise ValidationError.of(
                        where, f"object keys must be at most {MAX_JSON_KEY_LENGTH} characters"
                    )
                budget -= len(key) + 3
                stack.append((child, depth + 1, f"{where}.{key}"))
        elif isinstance(item, list):
            budget -= 2
            stack.extend((child, depth + 1, f"{where}.{i}") for i, child in enumerate(item))
        elif isinstance(item, str):
            budget -= len(item) + 2
        elif isinstance(item, bool) or item is None:
            budget -= 5
        elif isinstance(item, int):
            if abs(item) >= 2**63:
                raise ValidationError.of(where, "integers must fit in 64 bits")
            budget -= 20
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ValidationError.of(where, "numbers must be finite (no NaN or Infinity)")
            budget -= 24
        else:
            raise ValidationError.of(where, f"not a JSON value ({type(item).__name__})")
        if budget < 0:
            raise ValidationError.of(field, f"must be at most {MAX_JSON_BYTES} bytes as JSON")
    return value
