"""Cases and their comments: the case-detail graph."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry
from strawberry.scalars import JSON
from tortoise.models import Model

from app.db import models
from app.domain.objects import ObjectType
from app.domain.sla import SlaFacts, SlaState, sla_state
from app.graphql.context import Info
from app.graphql.list_limits import RECENT
from app.graphql.pagination import After, Before, Connection, First, Last, list_connection
from app.graphql.types import sla as _sla_types  # noqa: F401  (registers SlaState)
from app.graphql.types.common import Actor, CaseState, RowNode, actor_of
from app.graphql.types.events import Event
from app.graphql.types.objects import NODE_OF_MODEL, Account, Inquiry, LinkedObject, Report
from app.graphql.types.templates import CaseTemplate
from app.graphql.types.tenancy import User

M = TypeVar("M", bound=Model)

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


@strawberry.type(description="Everything about one flagged end user, under review.")
class Case(RowNode[models.Case]):
    MODEL = models.Case

    @strawberry.field(description="Template key and sequence number, e.g. KYC-12.")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="The case's template.")
    async def template(self, info: Info) -> CaseTemplate:
        row = await info.context.loaders.row(models.CaseTemplate, self.row.template_id)
        return CaseTemplate.from_row(row)

    @strawberry.field(description="Current status, one of the template's.")
    def status(self) -> str:
        return str(self.row.status)

    @strawberry.field(description="Open, or resolved once an end status is entered.")
    def state(self) -> CaseState:
        return CaseState(self.row.state)

    @strawberry.field(description="The end status the case was resolved with; null while open.")
    def resolution(self) -> str | None:
        return self.row.resolution

    @strawberry.field(description="The reviewer the case is assigned to.")
    async def assignee(self, info: Info) -> User | None:
        if self.row.assignee_id is None:
            return None
        row = await info.context.loaders.rows(models.User).load(self.row.assignee_id)
        return User.from_row(row) if row else None

    @strawberry.field(description="Who created the case.")
    def creator(self) -> Actor:
        actor = actor_of(self.row.creator_type, self.row.creator_id)
        assert actor is not None
        return actor

    @strawberry.field(description="Who made the last assignment.")
    def assigner(self) -> Actor | None:
        return actor_of(self.row.assigner_type, self.row.assigner_id)

    @strawberry.field(description="Who resolved the case.")
    def resolver(self) -> Actor | None:
        return actor_of(self.row.resolver_type, self.row.resolver_id)

    @strawberry.field(description="Who changed the case last.")
    def updater(self) -> Actor | None:
        return actor_of(self.row.updater_type, self.row.updater_id)

    @strawberry.field(description="Tags.")
    def tags(self) -> list[str]:
        return list(self.row.tags)

    @strawberry.field(description="Custom field values, keyed by the template's field keys.")
    def fields(self) -> JSON:
        return self.row.fields_data

    @strawberry.field(description="SLA deadline; null when none is set.")
    def sla_expires_at(self) -> dt.datetime | None:
        return self.row.sla_expires_at

    @strawberry.field(description="Where the case stands against its SLA deadline now.")
    def sla_state(self) -> SlaState:
        row = self.row
        facts = SlaFacts(
            row.sla_expires_at,
            row.sla_warning_at,
            row.sla_breached_at,
            row.sla_paused_at,
            row.resolved_at,
        )
        return sla_state(facts, dt.datetime.now(dt.UTC))

    @strawberry.field(description="When the SLA was breached (its deadline); null if not.")
    def sla_breached_at(self) -> dt.datetime | None:
        return self.row.sla_breached_at

    @strawberry.field(description="Since when the SLA clock stands still; null when running.")
    def sla_paused_at(self) -> dt.datetime | None:
        return self.row.sla_paused_at

    @strawberry.field(description="When the case was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="When the case last changed.")
    def updated_at(self) -> dt.datetime:
        return self.row.updated_at

    @strawberry.field(description="When the current assignee was assigned.")
    def assigned_at(self) -> dt.datetime | None:
        return self.row.assigned_at

    @strawberry.field(description="When the case was resolved; null while open.")
    def resolved_at(self) -> dt.datetime | None:
        return self.row.resolved_at

    @strawberry.field(description="Increases with every change; pass it as expectedVersion.")
    def version(self) -> int:
        return int(self.row.version)

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

    async def _linked(self, info: Info, object_type: ObjectType, model: type[M]) -> list[M]:
        links = await info.context.loaders.case_links.load(self.row.id)
        chosen = [link for link in links if link.object_type == object_type]
        return [r for r in await info.context.loaders.objects(chosen) if isinstance(r, model)]

    @strawberry.field(description="Linked inquiries.")
    async def inquiries(self, info: Info) -> list[Inquiry]:
        return [
            Inquiry.from_row(r)
            for r in await self._linked(info, ObjectType.INQUIRY, models.Inquiry)
        ]

    @strawberry.field(description="Linked accounts.")
    async def accounts(self, info: Info) -> list[Account]:
        return [
            Account.from_row(r)
            for r in await self._linked(info, ObjectType.ACCOUNT, models.Account)
        ]

    @strawberry.field(description="Linked reports.")
    async def reports(self, info: Info) -> list[Report]:
        return [
            Report.from_row(r) for r in await self._linked(info, ObjectType.REPORT, models.Report)
        ]

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
