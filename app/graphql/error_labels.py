"""Every top-level GraphQL error leaves with a label (``extensions.code``, Apollo's names) and
nothing internal: anything unexpected becomes "internal error" with an error id, and only
that id, the path and the traceback reach the log (with echoed input capped)."""

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from app.domain import errors as domain

log = logging.getLogger("casegraph.errors")
MAX_MESSAGE = 300  # characters of an error message (they may quote the input)

DOMAIN_CODES: dict[type[domain.DomainError], str] = {
    domain.ValidationError: "BAD_USER_INPUT",
    domain.LimitExceededError: "BAD_USER_INPUT",
    domain.NotFoundError: "NOT_FOUND",
    domain.ConflictError: "CONFLICT",
    domain.PermissionDeniedError: "FORBIDDEN",
}
INPUT_MESSAGES = (
    "Variable '$",
    "Argument '",
    "Expected value of type",
    "Int cannot represent",
    "Value cannot represent",
)


def _capped(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def _with(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
    """A new error with the old one's place: its nodes, or (a syntax error has none) its
    source and positions, so `locations` survive the labelling."""
    return GraphQLError(
        _capped(message),
        nodes=error.nodes,
        source=None if error.nodes else error.source,
        positions=None if error.nodes else error.positions,
        path=error.path,
        extensions=extensions,
    )


def _domain_code(exc: domain.DomainError) -> str:
    return next((c for t, c in DOMAIN_CODES.items() if isinstance(exc, t)), "BAD_USER_INPUT")


def label(error: GraphQLError) -> GraphQLError:
    """The client-facing form of one error."""
    extensions = dict(error.extensions or {})
    original = error.original_error
    if "code" in extensions:  # labelled where it was raised
        return _with(error, error.message, extensions)
    if isinstance(error, GraphQLSyntaxError):
        return _with(error, error.message, {"code": "GRAPHQL_PARSE_FAILED"})
    if isinstance(original, GraphQLError):
        inner = label(original)
        return _with(error, error.message, dict(inner.extensions or {}))
    if isinstance(original, domain.DomainError):
        field = original.problems[0].field if isinstance(original, domain.ValidationError) else None
        labels = {"code": _domain_code(original), **({"field": field} if field else {})}
        return _with(error, original.message, labels)
    if isinstance(original, PermissionError):  # the context's "not authenticated"
        return _with(error, str(original), {"code": "UNAUTHENTICATED"})
    if original is None:
        # raised by graphql-core itself: during execution (it has a path) only for argument
        # values it could not coerce; before it, for variables (named) or the document
        code = (
            "BAD_USER_INPUT"
            if error.path is not None or error.message.startswith(INPUT_MESSAGES)
            else "GRAPHQL_VALIDATION_FAILED"
        )
        return _with(error, error.message, {"code": code})
    return _mask(error, original)


def _mask(error: GraphQLError, original: BaseException) -> GraphQLError:
    error_id = uuid.uuid4().hex[:16]
    where = ".".join(str(p) for p in error.path or ()) or "-"
    log.error(
        "internal error %s at %s: %s: %s",
        error_id,
        where,
        type(original).__name__,
        _capped(str(original)),
        exc_info=(type(original), original, original.__traceback__),
    )
    return GraphQLError(
        f"internal error (id {error_id}): the operators' log has the details",
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR", "errorId": error_id},
    )


class LabelErrors(SchemaExtension):
    """Label (and where unexpected, mask) every error of the operation's result."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [label(e) for e in errors]
