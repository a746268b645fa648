"""Live feeds: case and inquiry events and the caller's inbox, resumable with `after`."""

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.db import models
from app.domain.errors import DomainError
from app.domain.events import NotificationCreated, SubjectType
from app.events.feed import FeedItem
from app.graphql.context import Info
from app.graphql.errors import as_graphql_error
from app.graphql.feeds import feed, feed_cursor
from app.graphql.ids import decode_ids, decode_optional
from app.graphql.types.assignment import Notification
from app.graphql.types.cases import Case
from app.graphql.types.common import Actor, actor_of
from app.graphql.types.objects import Inquiry

AFTER = strawberry.argument(
    description="Resume after this cursor (from an earlier event's `cursor`): first every "
    "matching event since, then live."
)


@strawberry.input(description="Which case events to receive; every given condition must hold.")
class CaseEventFilter:
    template_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Cases of these templates."
    )
    assignee_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Cases assigned to this user (after the event)."
    )
    assigned_to_me: bool | None = strawberry.field(
        default=None, description="Cases assigned to the caller."
    )
    unassigned: bool | None = strawberry.field(default=None, description="Unassigned cases.")
    case_id: relay.GlobalID | None = strawberry.field(default=None, description="One case.")
    names: list[str] | None = strawberry.field(
        default=None, description="Only these event names, e.g. case.assigned."
    )


@strawberry.input(description="Which inquiry events to receive.")
class InquiryEventFilter:
    inquiry_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="These inquiries."
    )
    reference_id: str | None = strawberry.field(
        default=None, description="Inquiries with this reference id."
    )
    names: list[str] | None = strawberry.field(
        default=None, description="Only these event names, e.g. inquiry.approved."
    )


def _common(item: FeedItem) -> Any:
    event = item.event
    created = dt.datetime.fromisoformat(event.created_at)
    return {
        "cursor": feed_cursor(event.id, created),
        "name": event.name,
        "occurred_at": created,
        "actor": actor_of(event.actor_type, event.actor_id),
        "details": event.payload,
        "feed_shared": item.shared,
    }


@strawberry.type(description="Something happened to a case.")
class CaseEvent:
    cursor: str = strawberry.field(description="Pass as `after` to resume after this event.")
    name: str = strawberry.field(description="Event name, e.g. case.assigned.")
    occurred_at: dt.datetime = strawberry.field(description="When it happened.")
    actor: Actor = strawberry.field(description="Who caused it.")
    details: JSON = strawberry.field(description="Event details (the log entry's payload).")
    case: Case = strawberry.field(description="The case as it is now (loaded fresh).")
    feed_shared: strawberry.Private[dict[str, Any] | None] = None


@strawberry.type(description="Something happened to an inquiry.")
class InquiryEvent:
    cursor: str = strawberry.field(description="Pass as `after` to resume after this event.")
    name: str = strawberry.field(description="Event name, e.g. inquiry.completed.")
    occurred_at: dt.datetime = strawberry.field(description="When it happened.")
    actor: Actor = strawberry.field(description="Who caused it.")
    details: JSON = strawberry.field(description="Event details (the log entry's payload).")
    inquiry: Inquiry = strawberry.field(description="The inquiry as it is now (loaded fresh).")
    feed_shared: strawberry.Private[dict[str, Any] | None] = None


def _case_event(item: FeedItem, row: models.Case) -> CaseEvent:
    """The root value of a live case event, built by its first subscriber and shared by the
    others: it depends only on the event and its case loaded once per event (filters and
    authorization ran before), so 10,000 subscribers do not build 10,000 copies."""
    made = item.shared.get("case_event")
    if made is None:
        made = item.shared["case_event"] = CaseEvent(case=Case.from_row(row), **_common(item))
    return made


def _inquiry_event(item: FeedItem, row: models.Inquiry) -> InquiryEvent:
    """The root value of a live inquiry event, shared like ``_case_event``'s."""
    made = item.shared.get("inquiry_event")
    if made is None:
        made = item.shared["inquiry_event"] = InquiryEvent(
            inquiry=Inquiry.from_row(row), **_common(item)
        )
    return made


def _ids(gids: list[relay.GlobalID] | None, type_name: str, field: str) -> set[int] | None:
    return None if gids is None else set(decode_ids(gids, type_name, field=field))


@strawberry.type(description="Live feeds over WebSocket (graphql-transport-ws or graphql-ws).")
class Subscription:
    @strawberry.subscription(description="Case events the caller may see, filtered.")
    async def case_events(
        self,
        info: Info,
        filter: Annotated[
            CaseEventFilter | None, strawberry.argument(description="Conditions to match.")
        ] = None,
        after: Annotated[str | None, AFTER] = None,
    ) -> AsyncGenerator[CaseEvent, None]:
        f = filter or CaseEventFilter()
        try:
            templates = _ids(f.template_ids, "CaseTemplate", "filter.templateIds")
            assignee = decode_optional(f.assignee_id, "User", field="filter.assigneeId")
            only_case = decode_optional(f.case_id, "Case", field="filter.caseId")
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        me = info.context.require_principal().user_id
        names = set(f.names) if f.names else None
        async for item in feed(info.context, after):
            event = item.event
            if not event.is_about(SubjectType.CASE) or (names and event.name not in names):
                continue
            if only_case is not None and event.subject_id != only_case:
                continue
            row = await info.context.loaders.rows(models.Case).load(event.subject_id)
            if row is None:
                continue
            if templates is not None and row.template_id not in templates:
                continue
            if assignee is not None and row.assignee_id != assignee:
                continue
            if f.assigned_to_me and (me is None or row.assignee_id != me):
                continue
            if f.unassigned is not None and (row.assignee_id is None) != f.unassigned:
                continue
            yield _case_event(item, row)

    @strawberry.subscription(description="Inquiry events the caller may see, filtered.")
    async def inquiry_events(
        self,
        info: Info,
        filter: Annotated[
            InquiryEventFilter | None, strawberry.argument(description="Conditions to match.")
        ] = None,
        after: Annotated[str | None, AFTER] = None,
    ) -> AsyncGenerator[InquiryEvent, None]:
        f = filter or InquiryEventFilter()
        try:
            only = _ids(f.inquiry_ids, "Inquiry", "filter.inquiryIds")
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        names = set(f.names) if f.names else None
        async for item in feed(info.context, after):
            event = item.event
            if not event.is_about(SubjectType.INQUIRY) or (names and event.name not in names):
                continue
            if only is not None and event.subject_id not in only:
                continue
            row = await info.context.loaders.rows(models.Inquiry).load(event.subject_id)
            if row is None:
                continue
            if f.reference_id is not None and row.reference_id != f.reference_id:
                continue
            yield _inquiry_event(item, row)

    @strawberry.subscription(description="New entries of the caller's in-app inbox.")
    async def my_notifications(
        self, info: Info, after: Annotated[str | None, AFTER] = None
    ) -> AsyncGenerator[Notification, None]:
        me = info.context.require_principal().user_id
        async for item in feed(info.context, after):
            event = item.event
            created = event.event
            if not isinstance(created, NotificationCreated) or event.subject_id != me:
                continue
            row = await info.context.loaders.rows(models.Notification).load(created.notification_id)
            if row is not None:
                yield Notification.from_row(row)
