"""From the process's feed hub to one subscriber: replay after a cursor, then live, with
per-event authorization and the slow-subscriber cut-off."""

import asyncio
import base64
import datetime as dt
import logging
from collections.abc import AsyncIterator

from graphql import GraphQLError

from app.db.reads import lists
from app.domain.events import ApiKeyRevoked
from app.domain.permissions import ALLOWED, Operation
from app.domain.principal import Principal
from app.events.envelope import EventEnvelope
from app.events.feed import FeedItem
from app.graphql.context import FEED_LOADERS, Context
from app.graphql.ids import row_id
from app.graphql.loaders import Loaders

log = logging.getLogger(__name__)
REPLAY_PAGE = 200
SLOW_CLOSE_CODE = 1013  # "try again later"
SLOW_CLOSE_REASON = "subscriber buffer full: reconnect and resume with `after`"
_closing: set[asyncio.Task[None]] = set()


def feed_cursor(event_id: int, created_at: dt.datetime) -> str:
    """An opaque resume point: the event id and when it happened."""
    raw = f"feed:{event_id}:{int(created_at.timestamp())}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


MAX_CURSOR_LENGTH = 64


def _cursor_event_id(after: str) -> int:
    if len(after) > MAX_CURSOR_LENGTH:
        raise _error("after: not a feed cursor", "BAD_USER_INPUT")
    try:
        raw = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode()
        kind, ident, _stamp = raw.split(":")
    except (ValueError, UnicodeDecodeError):
        raise _error("after: not a feed cursor", "BAD_USER_INPUT") from None
    event_id = row_id(ident, big=True)
    if kind != "feed" or event_id is None:
        raise _error("after: not a feed cursor", "BAD_USER_INPUT")
    return event_id


async def decode_after(
    after: str | None, organization_id: int, retention_hours: float
) -> int | None:
    """The event id to resume after. The cursor is checked against the server's own log, not
    trusted: it must name an event of the caller's organization, and that event's own commit
    time (not the time the cursor claims) must lie within the replay window."""
    if after is None:
        return None
    event_id = _cursor_event_id(after)
    committed = await lists.event_time(organization_id, event_id)
    if committed is None:
        raise _error("after: no such event in this organization's feed", "BAD_USER_INPUT")
    horizon = dt.datetime.now(dt.UTC) - dt.timedelta(hours=retention_hours)
    if committed < horizon:
        raise _error(
            f"after: the cursor is older than the {retention_hours:g}-hour replay window; "
            "refetch with a query, then subscribe without `after`",
            "CURSOR_EXPIRED",
        )
    return event_id


def _close_socket(context: Context) -> None:
    log.warning("subscriber too slow: closing its connection (%s)", SLOW_CLOSE_CODE)
    websocket = context.request
    close = getattr(websocket, "close", None)
    if close is None:
        return
    task = asyncio.get_running_loop().create_task(
        close(code=SLOW_CLOSE_CODE, reason=SLOW_CLOSE_REASON)
    )
    _closing.add(task)
    task.add_done_callback(_closing.discard)


def authorize(principal: Principal, event: EventEnvelope) -> None:
    """Checked for every delivered event: tenant, role, and the key still being live."""
    if event.organization_id != principal.organization_id:
        raise _error("event of another organization", "FORBIDDEN")
    if principal.role not in ALLOWED[Operation.READ]:
        raise _error("role may not read", "FORBIDDEN")
    if isinstance(event.event, ApiKeyRevoked) and event.subject_id == principal.api_key_id:
        raise _error("the API key of this subscription was revoked", "UNAUTHENTICATED")


async def feed(context: Context, after: str | None) -> AsyncIterator[FeedItem]:
    """Every event of the caller's organization after the cursor, then live; while an item
    is being resolved, FEED_LOADERS holds loaders shared with the other subscribers."""
    principal = context.require_principal()
    org = principal.organization_id
    after_id = await decode_after(after, org, context.settings.feed_retention_hours)
    hub = context.feeds
    sub, seam = await hub.join(org, lambda: _close_socket(context))
    try:
        last = after_id if after_id is not None else seam
        while after_id is not None and last < seam:
            rows = await lists.events_between(org, last, seam, REPLAY_PAGE)
            if not rows:
                break
            for row in rows:
                item = FeedItem(EventEnvelope.from_row(row))
                authorize(principal, item.event)
                last = row.id
                FEED_LOADERS.set(Loaders(org))
                yield item
        while True:
            item = await sub.get()
            if item.event.id <= last:
                continue
            authorize(principal, item.event)
            last = item.event.id
            FEED_LOADERS.set(item.shared.setdefault("loaders", Loaders(org)))
            yield item
    finally:
        hub.leave(org, sub)
