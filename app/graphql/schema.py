"""The strawberry schema: queries, mutations, limits and caches."""

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from app.graphql.analytics_queries import AnalyticsQueries
from app.graphql.assignment_queries import AssignmentQueries
from app.graphql.auth import RequireAuthentication
from app.graphql.execution import PerEventExecutor
from app.graphql.mutations.assignment import AssignmentMutations
from app.graphql.mutations.cases import CaseMutations
from app.graphql.mutations.objects import ObjectMutations
from app.graphql.mutations.templates import TemplateMutations
from app.graphql.mutations.tenancy import TenancyMutations
from app.graphql.mutations.workflows import WorkflowMutations
from app.graphql.queries import CoreQueries
from app.graphql.subscriptions import Subscription
from app.graphql.types.cases import Case, CaseComment
from app.graphql.types.events import Event
from app.graphql.types.objects import Document, Transaction, Verification
from app.graphql.workflow_queries import WorkflowQueries


@strawberry.type(description="Read the case graph of the caller's organization.")
class Query(CoreQueries, AssignmentQueries, WorkflowQueries, AnalyticsQueries):
    pass


@strawberry.type(description="Change the case graph. Every mutation returns a result union.")
class Mutation(
    TemplateMutations,
    CaseMutations,
    AssignmentMutations,
    ObjectMutations,
    TenancyMutations,
    WorkflowMutations,
):
    pass


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[Case, CaseComment, Event, Document, Verification, Transaction],
    config=StrawberryConfig(),
    execution_context_class=PerEventExecutor,
    extensions=[
        RequireAuthentication,
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: QueryDepthLimiter(max_depth=12),
        lambda: MaxAliasesLimiter(max_alias_count=30),
        lambda: MaxTokensLimiter(max_token_count=4000),
    ],
)
