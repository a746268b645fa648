"""How one HTTP operation runs: the cached, token-bounded parse; the operation type check; the
gate (authentication, document limits, cached validation); graphql-core's execution with
casegraph's executor; every error labelled.

These are the steps of strawberry's ``Schema.execute`` without its extension runner: the
runner builds a context manager per hook, extension and phase on every request, which cost
about a third of the CPU of an authenticated ``{ __typename }`` (see the README, Benchmarks).
WebSocket operations (``Schema.stream``) still run through the runner, with
``app.graphql.gate.OperationGate`` and ``LabelErrors`` doing the same steps.
"""

from collections.abc import Iterable
from inspect import isawaitable
from typing import Any

from graphql import ExecutionResult as CoreResult
from graphql import GraphQLError, execute
from strawberry.exceptions import MissingQueryError
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

from app.graphql.compiled import PLANS_BY_DOCUMENT, run_plan
from app.graphql.error_labels import label
from app.graphql.gate import ANONYMOUS, parse_document, refusal


def _labelled(errors: list[GraphQLError]) -> list[GraphQLError]:
    return [label(error) for error in errors]


async def run_operation(
    schema: BaseSchema,
    query: str | None,
    *,
    variables: dict[str, Any] | None,
    context: Any,
    root_value: Any,
    operation_name: str | None,
    allowed: Iterable[OperationType],
    operation_extensions: dict[str, Any] | None,
) -> ExecutionResult:
    """One query or mutation, as strawberry's ``Schema.execute`` answers it: a result with
    labelled errors, or strawberry's exceptions for what the HTTP view turns into a status
    (no query, no such operation, an operation type the request method does not allow)."""
    if not query:
        raise MissingQueryError
    try:
        document = parse_document(query)
    except GraphQLError as error:
        return PreExecutionError(data=None, errors=_labelled([error]))
    try:
        operation_type = get_operation_type(document, operation_name)
    except RuntimeError as error:
        raise CannotGetOperationTypeError(operation_name) from error
    if operation_type not in allowed or operation_type is OperationType.SUBSCRIPTION:
        # a subscription runs over a WebSocket or a streaming response (Schema.subscribe),
        # never to one result here: a POST without a streaming Accept gets the view's 400
        raise InvalidOperationTypeError(operation_type)
    core_schema = schema._schema  # type: ignore[attr-defined]
    if errors := refusal(core_schema, document, operation_name, variables, context):
        return PreExecutionError(data=None, errors=_labelled(errors))
    anonymous_key = None
    if getattr(context, "principal", None) is None:  # introspection only (the gate saw to it)
        anonymous_key = ANONYMOUS.key(document, operation_name)
        if (cached := ANONYMOUS.get(anonymous_key)) is not None:
            return ExecutionResult(data=cached.data, errors=None)
    executor_class = schema.execution_context_class  # type: ignore[attr-defined]
    if (
        operation_type is OperationType.QUERY
        and anonymous_key is None
        and getattr(executor_class, "compiled", False)
        and (plan := PLANS_BY_DOCUMENT.get(core_schema, document, operation_name)) is not None
    ):
        data = await run_plan(
            plan,
            core_schema,
            root_value=root_value,
            context=context,
            variables=variables,
            operation_extensions=operation_extensions,
        )
        if data is not None:
            return ExecutionResult(data=data, errors=None)
    try:
        result = execute(
            core_schema,
            document,
            root_value=root_value,
            variable_values=variables,
            operation_name=operation_name,
            context_value=context,
            is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]  # a plain bool
            executor_class=executor_class,
            operation_extensions=operation_extensions,
        )
        if isawaitable(result):
            result = await result
    except Exception as exc:  # anything unexpected is masked with an error id by label()
        failure = (
            exc if isinstance(exc, GraphQLError) else GraphQLError(str(exc), original_error=exc)
        )
        return ExecutionResult(data=None, errors=_labelled([failure]))
    assert isinstance(result, CoreResult)
    if anonymous_key is not None and not result.errors:
        ANONYMOUS.put(anonymous_key, result)
    return ExecutionResult(
        data=result.data, errors=_labelled(result.errors) if result.errors else None
    )
