"""Cases and their comments: the case-detail graph."""

import datetime as dt
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry
from strawberry.scalars import JSON
from tortoise.models import Model

from app.db import models
from app.domain.objects import ObjectType
from app.domain.sla import SlaFacts, SlaState, sla_state
from app.graphql.context import Info
from app.graphql.field_plans import context_only
from app.graphql.list_limits import RECENT
from app.graphql.loaders import Loaders, then
from app.graphql.pagination import After, Before, Connection, First, Last, list_connection
from app.graphql.types import sla as _sla_types  # noqa: F401  (registers SlaState)
from app.graphql.types.common import Actor, CaseState, RowNode, actor_of
from app.graphql.types.events import Event
from app.graphql.types.objects import NODE_OF_MODEL, Account, Inquiry, LinkedObject, Report
from app.graphql.types.templates import CaseTemplate
from app.graphql.types.tenancy import User

M = TypeVar("M", bound=Model)
N = TypeVar("N")

if TYPE_CHECKING:
    from app.graphql.types.workflows import WorkflowRun


@strawberry.type(description="A comment on a case.")
class CaseComment(RowNode[models.CaseComment]):
    MODEL = models.CaseComment

    @strawberry.field(description="The comment text.")
    def body(self) -> str:
        return str(self.row.body)

    @strawberry.field(description="Who wrote it.")
    def author(self) -> Actor:
        actor = actor_of(self.row.author_type, self.row.author_id)
        assert actor is not None
        return actor

    @strawberry.field(description="When it was written.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


# Case's fields, in schema order, are plain attributes copied from the row (COLUMNS) and
# resolvers; a resolver that sits between two attributes is declared as an attribute too
# (``x: T = strawberry.field(resolver=...)``) so the schema keeps its field order.
# template, assignee and the linked objects of one type answer without an awaitable when the
# list that holds the case preloaded them (Loaders.preload_cases).


@context_only
def _template(root: "Case", info: Info) -> CaseTemplate | Awaitable[CaseTemplate]:
    loaders = info.context.loaders
    row = loaders.row_now(models.CaseTemplate, root.row.template_id)
    return then(row, partial(loaders.node, CaseTemplate.from_row))


@context_only
def _assignee(root: "Case", info: Info) -> User | Awaitable[User | None] | None:
    if root.row.assignee_id is None:
        return None
    loaders = info.context.loaders
    row = loaders.ready_row(models.User, root.row.assignee_id)
    return then(row, lambda r: loaders.node(User.from_row, r) if r else None)


def _creator(root: "Case") -> Actor:
    actor = actor_of(root.row.creator_type, root.row.creator_id)
    assert actor is not None
    return actor


def _assigner(root: "Case") -> Actor | None:
    return actor_of(root.row.assigner_type, root.row.assigner_id)


def _resolver(root: "Case") -> Actor | None:
    return actor_of(root.row.resolver_type, root.row.resolver_id)


def _updater(root: "Case") -> Actor | None:
    return actor_of(root.row.updater_type, root.row.updater_id)


def _tags(root: "Case") -> list[str]:
    return list(root.row.tags)


def _fields(root: "Case") -> JSON:
    return root.row.fields_data


def _sla_state(root: "Case") -> SlaState:
    row = root.row
    facts = SlaFacts(
        row.sla_expires_at, row.sla_warning_at, row.sla_breached_at, row.sla_paused_at,
        row.resolved_at,
    )  # fmt: skip
    return sla_state(facts, dt.datetime.now(dt.UTC))


@strawberry.type(description="Everything about one flagged end user, under review.")
class Case(RowNode[models.Case]):
    MODEL = models.Case
    COLUMNS = (
        "name", "status", "state", "resolution", "sla_expires_at", "sla_breached_at",
        "sla_paused_at", "created_at", "updated_at", "assigned_at", "resolved_at", "version",
    )  # fmt: skip

    name: str = strawberry.field(description="Template key and sequence number, e.g. KYC-12.")
    template: CaseTemplate | Awaitable[CaseTemplate] = strawberry.field(
        resolver=_template, graphql_type=CaseTemplate, description="The case's template."
    )
    status: str = strawberry.field(description="Current status, one of the template's.")
    state: CaseState = strawberry.field(
        description="Open, or resolved once an end status is entered."
    )
    resolution: str | None = strawberry.field(
        description="The end status the case was resolved with; null while open."
    )
    assignee: User | Awaitable[User | None] | None = strawberry.field(
        resolver=_assignee,
        graphql_type=User | None,
        description="The reviewer the case is assigned to.",
    )
    creator: Actor = strawberry.field(resolver=_creator, description="Who created the case.")
    assigner: Actor | None = strawberry.field(
        resolver=_assigner, description="Who made the last assignment."
    )
    resolver: Actor | None = strawberry.field(
        resolver=_resolver, description="Who resolved the case."
    )
    updater: Actor | None = strawberry.field(
        resolver=_updater, description="Who changed the case last."
    )
    tags: list[str] = strawberry.field(resolver=_tags, description="Tags.")
    fields: JSON = strawberry.field(
        resolver=_fields, description="Custom field values, keyed by the template's field keys."
    )
    sla_expires_at: dt.datetime | None = strawberry.field(
        description="SLA deadline; null when none is set."
    )
    sla_state: SlaState = strawberry.field(
        resolver=_sla_state, description="Where the case stands against its SLA deadline now."
    )
    sla_breached_at: dt.datetime | None = strawberry.field(
        description="When the SLA was breached (its deadline); null if not."
    )
    sla_paused_at: dt.datetime | None = strawberry.field(
        description="Since when the SLA clock stands still; null when running."
    )
    created_at: dt.datetime = strawberry.field(description="When the case was created.")
    updated_at: dt.datetime = strawberry.field(description="When the case last changed.")
    assigned_at: dt.datetime | None = strawberry.field(
        description="When the current assignee was assigned."
    )
    resolved_at: dt.datetime | None = strawberry.field(
        description="When the case was resolved; null while open."
    )
    version: int = strawberry.field(
        description="Increases with every change; pass it as expectedVersion."
    )

    @strawberry.field(description="Linked objects, in the order they were linked.")
    async def objects(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[LinkedObject]:
        loaders = info.context.loaders
        links = await loaders.case_links.load(self.row.id)
        page = list_connection(
            links, lambda link: link, first=first, after=after, last=last, before=before
        )
        rows = await loaders.objects([edge.node for edge in page.edges])
        by_key = {(type(r), r.pk): r for r in rows}
        edges = []
        for edge in page.edges:
            model = models.OBJECT_MODELS[ObjectType(edge.node.object_type)]
            row = by_key.get((model, edge.node.object_id))
            if row is not None:
                edges.append(
                    type(edge)(cursor=edge.cursor, node=NODE_OF_MODEL[model].from_row(row))
                )
        page.edges = edges
        return page

    def _linked(
        self, loaders: Loaders, object_type: ObjectType, model: type[M], node: Callable[[M], N]
    ) -> list[N] | Awaitable[list[N]]:
        rows = loaders.linked_now(self.row.id, object_type, model)
        return then(rows, lambda found: [node(r) for r in found])

    @strawberry.field(description="Linked inquiries.", graphql_type=list[Inquiry])
    @context_only
    def inquiries(self, info: Info) -> list[Inquiry] | Awaitable[list[Inquiry]]:
        loaders = info.context.loaders
        return self._linked(loaders, ObjectType.INQUIRY, models.Inquiry, Inquiry.from_row)

    @strawberry.field(description="Linked accounts.", graphql_type=list[Account])
    @context_only
    def accounts(self, info: Info) -> list[Account] | Awaitable[list[Account]]:
        loaders = info.context.loaders
        return self._linked(loaders, ObjectType.ACCOUNT, models.Account, Account.from_row)

    @strawberry.field(description="Linked reports.", graphql_type=list[Report])
    @context_only
    def reports(self, info: Info) -> list[Report] | Awaitable[list[Report]]:
        loaders = info.context.loaders
        return self._linked(loaders, ObjectType.REPORT, models.Report, Report.from_row)

    @strawberry.field(description="Comments, oldest first.")
    async def comments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CaseComment]:
        rows = await info.context.loaders.case_comments.load(self.row.id)
        return list_connection(
            rows, CaseComment.from_row, first=first, after=after, last=last, before=before
        )

    @strawberry.field(
        description="Workflow runs triggered by the case or that created it (the newest 100)."
    )
    async def workflow_runs(
        self, info: Info
    ) -> list[Annotated["WorkflowRun", strawberry.lazy("app.graphql.types.workflows")]]:
        from app.graphql.types.workflows import WorkflowRun

        rows = await info.context.loaders.case_runs.load(self.row.id)
        return [WorkflowRun.from_row(r) for r in rows[-RECENT:]]

    @strawberry.field(description="The case's timeline from the event log, oldest first.")
    async def events(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        rows = await info.context.loaders.events("case").load(self.row.id)
        return list_connection(
            rows, Event.from_row, first=first, after=after, last=last, before=before
        )
