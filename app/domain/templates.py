"""Case template rules: statuses, custom field definitions, template keys."""

import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain.bounds import at_most
from app.domain.errors import FieldProblem, ValidationError


class StatusType(StrEnum):
    """How a template status behaves: where cases start, stages, and decisions."""

    INITIAL = "initial"
    INTERMEDIATE = "intermediate"
    END = "end"


class FieldType(StrEnum):
    """Types a custom case field may hold."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    JSON = "json"


@dataclass(frozen=True)
class StatusDef:
    """One status of a template."""

    name: str
    type: StatusType


@dataclass(frozen=True)
class FieldDef:
    """One custom field of a template."""

    key: str
    label: str
    type: FieldType
    required: bool = False


DEFAULT_STATUSES: tuple[StatusDef, ...] = (
    StatusDef("Open", StatusType.INITIAL),
    StatusDef("Pending", StatusType.INTERMEDIATE),
    StatusDef("Approved", StatusType.END),
    StatusDef("Declined", StatusType.END),
)

_KEY_RE = re.compile(r"^[A-Z][A-Z0-9]{0,15}$")
_FIELD_KEY_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
MAX_NAME_LENGTH = 200
MAX_STATUSES = 50
MAX_FIELDS = 100
MAX_NOTIFICATION_EMAILS = 100
MAX_ASSIGNMENT_USERS = 200
MAX_ASSIGNMENT_TEAMS = 20


def validate_template_key(key: str, field: str = "key") -> None:
    """Template keys are short upper-case words such as KYC: they prefix case names."""
    if not _KEY_RE.match(key):
        raise ValidationError.of(
            field, "must be 1-16 upper-case letters or digits, starting with a letter"
        )


def validate_name(name: str, field: str = "name") -> str:
    """A trimmed, non-empty display name of bounded length."""
    stripped = name.strip()
    if not stripped:
        raise ValidationError.of(field, "must not be blank")
    if len(stripped) > MAX_NAME_LENGTH:
        raise ValidationError.of(field, f"must be at most {MAX_NAME_LENGTH} characters")
    return stripped


def validate_statuses(statuses: list[StatusDef], field: str = "statuses") -> None:
    """Exactly one initial status, at least one end status, unique non-blank names."""
    at_most(statuses, MAX_STATUSES, field, "statuses")
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for i, status in enumerate(statuses):
        if not status.name.strip():
            problems.append(FieldProblem(f"{field}.{i}.name", "must not be blank"))
        elif status.name.casefold() in seen:
            problems.append(FieldProblem(f"{field}.{i}.name", f"duplicate status '{status.name}'"))
        seen.add(status.name.casefold())
    initial = [s for s in statuses if s.type is StatusType.INITIAL]
    if len(initial) != 1:
        problems.append(
            FieldProblem(field, f"needs exactly one initial status, found {len(initial)}")
        )
    if not any(s.type is StatusType.END for s in statuses):
        problems.append(FieldProblem(field, "needs at least one end status"))
    if problems:
        raise ValidationError(problems)


def validate_field_defs(defs: list[FieldDef], field: str = "fields") -> None:
    """Field keys are unique lower-case identifiers with a label."""
    at_most(defs, MAX_FIELDS, field, "fields")
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for i, d in enumerate(defs):
        if not _FIELD_KEY_RE.match(d.key):
            problems.append(
                FieldProblem(
                    f"{field}.{i}.key",
                    "must start with a lower-case letter and hold only a-z, 0-9, '_' or '-'",
                )
            )
        elif d.key in seen:
            problems.append(FieldProblem(f"{field}.{i}.key", f"duplicate field key '{d.key}'"))
        seen.add(d.key)
        if not d.label.strip():
            problems.append(FieldProblem(f"{field}.{i}.label", "must not be blank"))
    if problems:
        raise ValidationError(problems)


def initial_status(statuses: list[StatusDef]) -> StatusDef:
    """The status new cases start in."""
    return next(s for s in statuses if s.type is StatusType.INITIAL)


def find_status(statuses: list[StatusDef], name: str) -> StatusDef | None:
    """The status with this exact name, if the template has it."""
    return next((s for s in statuses if s.name == name), None)
