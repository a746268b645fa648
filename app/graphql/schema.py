"""The strawberry schema: queries, mutations, the operation gate, error labels and caches."""

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxTokensLimiter, ParserCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

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


MAX_TOKENS = 4000


class Schema(strawberry.Schema):
    """strawberry's schema, minus its per-error logging: LabelErrors logs what is unexpected
    (with an error id and a capped message) and nothing a client caused."""

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
    # Order matters: LabelErrors wraps everything; the gate refuses before validation. No
    # extension adds validation rules, so the gate's validation cache hits.
    extensions=[
        LabelErrors,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=256),
        OperationGate,
    ],
)
