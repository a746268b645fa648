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
    parse,
    print_ast,
    specified_rules,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from app.graphql.document_limits import DocumentBudget, check_document
from app.services.revocations import revocations
from app.settings import Introspection, Settings

ANONYMOUS_RESULTS = 32
MAX_TOKENS = 4000  # tokens of a document (graphql-core's parser stops at the first beyond)
_RULES: tuple[type[ASTValidationRule], ...] = tuple(specified_rules)
_RULES_WITHOUT_INTROSPECTION = (*_RULES, NoSchemaIntrospectionCustomRule)


class _Validations:
    """graphql-core's validation errors of a document, by document object: the parser cache
    hands back the same DocumentNode for the same text, and the rule tuples are module
    constants. Keyed by identity because hashing a DocumentNode walks the whole tree (an
    entry holds its document, so the identity cannot be reused while it is cached)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = self.misses = 0
        self.entries: OrderedDict[
            tuple[int, int, int], tuple[GraphQLSchema, DocumentNode, list[GraphQLError]]
        ] = OrderedDict()

    def __call__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        rules: tuple[type[ASTValidationRule], ...],
    ) -> list[GraphQLError]:
        key = (id(schema), id(document), id(rules))
        found = self.entries.get(key)
        if found is not None and found[0] is schema and found[1] is document:
            self.hits += 1
            self.entries.move_to_end(key)
            return found[2]
        self.misses += 1
        errors = validate_document(schema, document, rules)
        self.entries[key] = (schema, document, errors)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return errors


_validate = _Validations(512)


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


def refusal(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    context: Any,
) -> list[GraphQLError]:
    """Why an operation may not run, in the gate's order (revoked or missing key, document
    limits, then cached validation); empty when it may run."""
    settings: Settings = context.settings
    principal = getattr(context, "principal", None)
    if principal is not None and revocations.is_revoked(principal.api_key_id, principal.user_id):
        return [unauthenticated("the API key was revoked or its user's role changed: reconnect")]
    if principal is None and not (
        settings.introspection is Introspection.PUBLIC
        and introspection_only(document, operation_name)
    ):
        return [unauthenticated(getattr(context, "auth_error", None))]
    if error := check_document(schema, document, operation_name, variables, budget_of(settings)):
        return [error]
    rules = _RULES_WITHOUT_INTROSPECTION if settings.introspection is Introspection.OFF else _RULES
    return _validate(schema, document, rules)


@lru_cache(maxsize=256)
def parse_document(query: str) -> DocumentNode:
    """The parsed document of a query text, bounded in tokens; the same DocumentNode for the
    same text (so the validation cache keyed on it hits). A syntax error is not cached."""
    return parse(query, max_tokens=MAX_TOKENS)


class OperationGate(SchemaExtension):
    """The gate for operations that run through strawberry's extension runner (WebSocket
    operations: ``Schema.stream``); HTTP operations run the same steps in
    ``app.graphql.operation``."""

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is None and ctx.query:
            ctx.graphql_document = parse_document(ctx.query)
        yield

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        assert ctx.graphql_document is not None
        ctx.pre_execution_errors = refusal(
            ctx.schema._schema, ctx.graphql_document, ctx.operation_name, ctx.variables, ctx.context
        )
        yield
