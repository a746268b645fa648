"""GraphQL error types (members of every mutation's result union) and the mapping to them."""

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar, cast, get_args

import strawberry
from graphql import GraphQLError

from app.domain import errors as domain

P = ParamSpec("P")
R = TypeVar("R")


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


GRAPHQL_TYPES: dict[type[domain.DomainError], type[Error]] = {
    domain.ValidationError: ValidationError,
    domain.NotFoundError: NotFoundError,
    domain.ConflictError: ConflictError,
    domain.PermissionDeniedError: PermissionDeniedError,
    domain.LimitExceededError: LimitExceededError,
}


def graphql_type_of(error: type[domain.DomainError]) -> type[Error]:
    """The GraphQL type ``to_graphql`` gives an error of this class (nearest mapped base)."""
    for cls in error.__mro__:
        if cls in GRAPHQL_TYPES:
            return GRAPHQL_TYPES[cls]
    raise TypeError(f"unmapped domain error {error.__name__}")


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


def error_members(result: object) -> tuple[type[Error], ...]:
    """The error types of a result union (``Annotated[A | B, strawberry.union(...)]``)."""
    union = get_args(result)[0] if hasattr(result, "__metadata__") else result
    return tuple(t for t in get_args(union) if isinstance(t, type) and issubclass(t, Error))


class UnlistedErrorType(TypeError):
    """A mutation raised a domain error whose GraphQL type its result union does not list: a
    bug (tests/test_mutation_errors.py exists to catch it), so a top-level internal error."""


def errors_as_union(
    resolver: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[R]]:
    """Return a raised DomainError as its member of the resolver's result union.

    Put it under ``@strawberry.mutation``. The union comes from the return annotation; a
    domain error it does not list raises UnlistedErrorType instead of returning an object
    GraphQL could not resolve. ``functools.wraps`` keeps strawberry's signature reading.
    """
    members = error_members(resolver.__annotations__.get("return"))
    if not members:
        raise TypeError(f"{resolver.__qualname__} must return a union with error members")

    @functools.wraps(resolver)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await resolver(*args, **kwargs)
        except domain.DomainError as exc:
            error = to_graphql(exc)
            if not isinstance(error, members):
                raise UnlistedErrorType(
                    f"{resolver.__qualname__} raised {type(exc).__name__}, but its result union "
                    f"lists only {', '.join(m.__name__ for m in members)}"
                ) from exc
            return cast(R, error)

    wrapper.error_types = members  # type: ignore[attr-defined]
    return wrapper


RESULT_DESCRIPTION = "The mutation's payload, or the typed error saying why nothing changed."


def as_graphql_error(exc: domain.DomainError) -> GraphQLError:
    """A top-level GraphQL error for a domain error raised by a query argument."""
    return GraphQLError(exc.message, original_error=exc)  # labelled by LabelErrors
