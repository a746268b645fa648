"""A user's in-app inbox."""

import datetime as dt

from app.db.models import Notification
from app.domain.errors import ValidationError
from app.domain.events import UserNotificationsRead
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.services.lookup import get_owned_many
from app.services.uow import unit_of_work


async def mark_read(*, actor: Principal, notification_ids: list[int]) -> list[Notification]:
    """Mark entries of the caller's own inbox read (already-read ones stay as they are)."""
    require(actor, Operation.READ)
    if actor.user_id is None:
        raise ValidationError.of("ids", "service keys have no inbox")
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        rows = await get_owned_many(
            Notification, actor, list(dict.fromkeys(notification_ids)), field="ids"
        )
        foreign = next((i for i, r in enumerate(rows) if r.user_id != actor.user_id), None)
        if foreign is not None:
            raise ValidationError.of(f"ids.{foreign}", "is in another user's inbox")
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
