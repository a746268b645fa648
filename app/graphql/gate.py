"""One gate before every operation: authentication, then the document's limits, then
graphql-core's validation (cached), so a refused operation costs no validation at all.

An anonymous caller may only introspect, and only while ``INTROSPECTION=public``; its
(bounded) introspection results are cached by the normalized document, so varying comments
or whitespace buys an attacker nothing. ``INTROSPECTION=off`` refuses introspection to
everyone; ``authenticated`` to anonymous callers.
"""

from collections import OrderedDict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    print_ast,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from app.graphql.document_limits import DocumentBudget, check_document
from app.services.revocations import revocations
from app.settings import Introspection, Settings

ANONYMOUS_RESULTS = 32
_NO_INTROSPECTION: tuple[type[ASTValidationRule], ...] = (NoSchemaIntrospectionCustomRule,)


@lru_cache(maxsize=512)
def _validate(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> list[GraphQLError]:
    # The parser cache hands back the same DocumentNode for the same text, and the rule
    # classes are module-level constants, so this cache hits for every repeated document.
    return validate_document(schema, document, rules)


def budget_of(settings: Settings) -> DocumentBudget:
    """The document limits a settings object names."""
    return DocumentBudget(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_query_aliases,
        max_selections=settings.max_query_selections,
        max_cost=settings.max_query_cost,
    )


def introspection_only(document: DocumentNode, operation_name: str | None) -> bool:
    """Whether the chosen operation asks only for ``__schema``/``__type``/``__typename``."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return False
    return all(
        isinstance(selection, FieldNode) and selection.name.value.startswith("__")
        for selection in operations[0].selection_set.selections
    )


def unauthenticated(reason: str | None) -> GraphQLError:
    """The one error an anonymous caller gets for anything but allowed introspection."""
    message = reason or "authentication required: send `Authorization: Bearer <api key>`"
    return GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})


class _AnonymousResults:
    """Introspection results for anonymous callers, by normalized document (bounded)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[str, str | None], ExecutionResult] = OrderedDict()

    def key(self, document: DocumentNode, operation_name: str | None) -> tuple[str, str | None]:
        return print_ast(document), operation_name

    def get(self, key: tuple[str, str | None]) -> ExecutionResult | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, str | None], result: ExecutionResult) -> None:
        self.entries[key] = result
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


ANONYMOUS = _AnonymousResults(ANONYMOUS_RESULTS)


class OperationGate(SchemaExtension):
    """Authentication, document limits and cached validation, in that order."""

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        context: Any = ctx.context
        settings: Settings = context.settings
        document = ctx.graphql_document
        assert document is not None
        principal = getattr(context, "principal", None)
        if principal is not None and revocations.is_revoked(
            principal.api_key_id, principal.user_id
        ):
            reason = "the API key was revoked or its user's role changed: reconnect"
            ctx.pre_execution_errors = [unauthenticated(reason)]
        elif principal is None and not (
            settings.introspection is Introspection.PUBLIC
            and introspection_only(document, ctx.operation_name)
        ):
            ctx.pre_execution_errors = [unauthenticated(getattr(context, "auth_error", None))]
        elif error := check_document(
            ctx.schema._schema, document, ctx.operation_name, ctx.variables, budget_of(settings)
        ):
            ctx.pre_execution_errors = [error]
        else:
            rules = tuple(ctx.validation_rules)
            if settings.introspection is Introspection.OFF:
                rules += _NO_INTROSPECTION
            ctx.pre_execution_errors = _validate(ctx.schema._schema, document, rules)
        yield

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        anonymous = getattr(ctx.context, "principal", None) is None
        key = None
        if anonymous and ctx.graphql_document is not None:
            key = ANONYMOUS.key(ctx.graphql_document, ctx.operation_name)
            cached = ANONYMOUS.get(key)
            if cached is not None:
                ctx.result = cached
        yield
        if key is not None and ctx.result is not None and not ctx.result.errors:
            result = ctx.result
            if isinstance(result, ExecutionResult):
                ANONYMOUS.put(key, result)
