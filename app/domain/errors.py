"""Typed expected failures. Services raise them; the GraphQL layer maps each to a union member."""

from dataclasses import dataclass


class DomainError(Exception):
    """An expected failure with a stable machine-readable code."""

    code = "ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldProblem:
    """One invalid input field: a dotted path from the mutation input and what is wrong with it."""

    field: str
    message: str


class ValidationError(DomainError):
    """Input that breaks a rule; names every offending field."""

    code = "VALIDATION_ERROR"

    def __init__(self, problems: list[FieldProblem] | FieldProblem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in self.problems))

    @classmethod
    def of(cls, field: str, message: str) -> "ValidationError":
        """One-field shorthand."""
        return cls(FieldProblem(field, message))


class NotFoundError(DomainError):
    """The object does not exist, or the caller's organization cannot see it."""

    code = "NOT_FOUND"

    def __init__(self, type_name: str, ident: object, field: str = "id") -> None:
        super().__init__(f"{field}: {type_name} not found")
        self.ident = ident
        self.type_name = type_name
        self.field = field


class ConflictError(DomainError):
    """The object changed since the caller read it (stale expected version)."""

    code = "CONFLICT"

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class PermissionDeniedError(DomainError):
    """The caller's role does not allow the operation."""

    code = "PERMISSION_DENIED"


class LimitExceededError(DomainError):
    """A hard limit (e.g. 1,000 objects per case) would be exceeded."""

    code = "LIMIT_EXCEEDED"

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit
