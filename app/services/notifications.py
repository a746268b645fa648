"""A user's in-app inbox."""

import datetime as dt

from app.db.models import Notification
from app.domain.bounds import at_most
from app.domain.errors import NotFoundError, ValidationError
from app.domain.events import UserNotificationsRead
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.services.uow import unit_of_work

MAX_MARK_READ = 100


async def mark_read(*, actor: Principal, notification_ids: list[int]) -> list[Notification]:
    """Mark entries of the caller's own inbox read (already-read ones stay as they are)."""
    require(actor, Operation.READ)
    if actor.user_id is None:
        raise ValidationError.of("ids", "service keys have no inbox")
    ids = list(dict.fromkeys(at_most(notification_ids, MAX_MARK_READ, "ids", "ids")))
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        # only the caller's own entries exist for the caller: another user's entry is as
        # absent as a made-up id, so the answer reveals nothing about other inboxes
        own = {
            row.id: row
            for row in await Notification.filter(
                id__in=ids, organization_id=actor.organization_id, user_id=actor.user_id
            )
        }
        for i, ident in enumerate(ids):
            if ident not in own:
                raise NotFoundError("Notification", ident, field=f"ids.{i}")
        rows = [own[ident] for ident in ids]
        now = dt.datetime.now(dt.UTC)
        unread = [row for row in rows if row.read_at is None]
        for row in unread:
            row.read_at = now
            await row.save(update_fields=["read_at"])
        if unread:
            await uow.emit(
                UserNotificationsRead(
                    subject_id=actor.user_id, notification_ids=tuple(row.id for row in unread)
                )
            )
    return rows
