"""The strawberry schema: queries, mutations, the operation gate, error labels and caches."""

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from app.graphql.error_labels import LabelErrors
from app.graphql.execution import PerEventExecutor
from app.graphql.gate import OperationGate
from app.graphql.mutations.assignment import AssignmentMutations
from app.graphql.mutations.cases import CaseMutations
from app.graphql.mutations.objects import ObjectMutations
from app.graphql.mutations.persona import PersonaMutations
from app.graphql.mutations.templates import TemplateMutations
from app.graphql.mutations.tenancy import TenancyMutations
from app.graphql.mutations.webhooks import WebhookMutations
from app.graphql.mutations.workflows import WorkflowMutations
from app.graphql.operation import run_operation
from app.graphql.queries.analytics import AnalyticsQueries
from app.graphql.queries.assignment import AssignmentQueries
from app.graphql.queries.cases import CaseQueries
from app.graphql.queries.core import CoreQueries
from app.graphql.queries.objects import ObjectQueries
from app.graphql.queries.persona import PersonaQueries
from app.graphql.queries.webhooks import WebhookQueries
from app.graphql.queries.workflows import WorkflowQueries
from app.graphql.subscriptions import Subscription
from app.graphql.types.cases import Case, CaseComment
from app.graphql.types.events import Event
from app.graphql.types.objects import Document, Transaction, Verification
from app.graphql.types.persona import PersonaAction, PersonaIntegration
from app.graphql.types.webhooks import Webhook, WebhookDelivery


@strawberry.type(description="Read the case graph of the caller's organization.")
class Query(
    CoreQueries,
    CaseQueries,
    ObjectQueries,
    AssignmentQueries,
    WorkflowQueries,
    WebhookQueries,
    AnalyticsQueries,
    PersonaQueries,
):
    pass


@strawberry.type(description="Change the case graph. Every mutation returns a result union.")
class Mutation(
    TemplateMutations,
    CaseMutations,
    AssignmentMutations,
    ObjectMutations,
    TenancyMutations,
    WorkflowMutations,
    WebhookMutations,
    PersonaMutations,
):
    pass


class Schema(strawberry.Schema):
    """strawberry's schema, minus its per-error logging (LabelErrors logs what is unexpected,
    with an error id and a capped message, and nothing a client caused), with HTTP operations
    run by ``app.graphql.operation`` instead of the extension runner."""

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        return await run_operation(
            self,
            query,
            variables=variable_values,
            context=context_value,
            root_value=root_value,
            operation_name=operation_name,
            allowed=(
                DEFAULT_ALLOWED_OPERATION_TYPES
                if allowed_operation_types is None
                else allowed_operation_types
            ),
            operation_extensions=operation_extensions,
        )

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


schema = Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[
        Case,
        CaseComment,
        Event,
        Document,
        Verification,
        Transaction,
        Webhook,
        WebhookDelivery,
        PersonaIntegration,
        PersonaAction,
    ],
    config=StrawberryConfig(),
    execution_context_class=PerEventExecutor,
    # What runs through strawberry's extension runner (WebSocket operations). Order matters:
    # LabelErrors wraps everything; the gate parses (cached, bounded) and refuses before
    # validation. No extension adds validation rules, so the gate's validation cache hits.
    extensions=[LabelErrors, OperationGate],
)
