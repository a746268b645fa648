"""Refuse every operation of an unauthenticated caller, except schema introspection."""

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode
from graphql.language import FieldNode
from strawberry.extensions import SchemaExtension


def _introspection_only(document: object, operation_name: str | None) -> bool:
    definitions = getattr(document, "definitions", [])
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return False
    return all(
        isinstance(sel, FieldNode) and sel.name.value.startswith("__")
        for sel in operations[0].selection_set.selections
    )


class RequireAuthentication(SchemaExtension):
    """A missing, unknown or revoked API key gets one UNAUTHENTICATED error and no data."""

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        context = ctx.context
        if getattr(context, "principal", None) is None and not _introspection_only(
            ctx.graphql_document, ctx.operation_name
        ):
            reason = getattr(context, "auth_error", None) or (
                "authentication required: send `Authorization: Bearer <api key>`"
            )
            ctx.result = ExecutionResult(
                data=None,
                errors=[GraphQLError(reason, extensions={"code": "UNAUTHENTICATED"})],
            )
        yield
