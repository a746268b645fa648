"""GraphQL error types (members of every mutation's result union) and the mapping to them."""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError

from app.domain import errors as domain

T = TypeVar("T")


@strawberry.interface(description="An expected failure: the mutation changed nothing.")
class Error:
    message: str = strawberry.field(description="What went wrong, for people.")
    code: str = strawberry.field(description="Stable machine-readable code of the failure.")


@strawberry.type(description="One invalid input field.")
class FieldError:
    field: str = strawberry.field(description="Dotted path of the field in the input.")
    message: str = strawberry.field(description="What is wrong with it.")


@strawberry.type(description="The input breaks a rule; `problems` names every offending field.")
class ValidationError(Error):
    field: str = strawberry.field(description="The first offending field.")
    problems: list[FieldError] = strawberry.field(description="Every offending field.")


@strawberry.type(description="An object does not exist or is not visible to the caller.")
class NotFoundError(Error):
    field: str = strawberry.field(description="The input field that named the object.")


@strawberry.type(description="The object changed since it was read: `expectedVersion` is stale.")
class ConflictError(Error):
    current_version: int | None = strawberry.field(description="The object's version now.")


@strawberry.type(description="The caller's role does not allow this operation.")
class PermissionDeniedError(Error):
    pass


@strawberry.type(description="A hard limit would be exceeded (e.g. 1,000 objects per case).")
class LimitExceededError(Error):
    limit: int = strawberry.field(description="The limit.")


def to_graphql(exc: domain.DomainError) -> Error:
    """The GraphQL error object for a domain error."""
    match exc:
        case domain.ValidationError():
            return ValidationError(
                message=exc.message,
                code=exc.code,
                field=exc.problems[0].field,
                problems=[FieldError(field=p.field, message=p.message) for p in exc.problems],
            )
        case domain.NotFoundError():
            return NotFoundError(message=exc.message, code=exc.code, field=exc.field)
        case domain.ConflictError():
            return ConflictError(
                message=exc.message, code=exc.code, current_version=exc.current_version
            )
        case domain.PermissionDeniedError():
            return PermissionDeniedError(message=exc.message, code=exc.code)
        case domain.LimitExceededError():
            return LimitExceededError(message=exc.message, code=exc.code, limit=exc.limit)
    raise TypeError(f"unmapped domain error {type(exc).__name__}") from exc


async def attempt(call: Callable[[], Awaitable[T]]) -> T | Any:
    """Run a service call; an expected failure becomes its GraphQL error member."""
    try:
        return await call()
    except domain.DomainError as exc:
        return to_graphql(exc)


RESULT_DESCRIPTION = "The mutation's payload, or the typed error saying why nothing changed."


def as_graphql_error(exc: domain.DomainError) -> GraphQLError:
    """A top-level GraphQL error for a domain error raised by a query argument."""
    field = exc.problems[0].field if isinstance(exc, domain.ValidationError) else None
    return GraphQLError(exc.message, extensions={"code": exc.code, "field": field})
