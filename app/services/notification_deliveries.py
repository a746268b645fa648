"""The one writer of email deliveries and inbox entries: queued by the notification fan-out
and by workflow notify steps, claimed and settled by the email sender."""

import datetime as dt
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from app.db.models import Notification, NotificationDelivery, User
from app.domain.deliveries import DeliveryStatus
from app.domain.events import NotificationCreated
from app.domain.principal import Actor, ActorType
from app.services.uow import unit_of_work

LEASE = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class Message:
    """What to tell recipients about one event (and, for inbox entries, which case if any)."""

    organization_id: int
    event_id: int
    subject: str
    body: str
    case_id: int | None
    event_name: str


async def queue_email(message: Message, recipient: str, *, due: dt.datetime) -> None:
    """One delivery per (event, recipient): queueing it again is a no-op."""
    await NotificationDelivery.get_or_create(
        event_id=message.event_id,
        recipient=recipient,
        defaults={
            "organization_id": message.organization_id,
            "subject": message.subject,
            "body": message.body,
            "next_attempt_at": due,
        },
    )


async def notify(message: Message, recipients: list[str], *, due: dt.datetime, by: str) -> None:
    """Queue an email to each recipient; those who are users of the organization also get an
    inbox entry (once per event), announced by ``notification.created``."""
    users = {
        u.email: u
        for u in await User.filter(organization_id=message.organization_id, email__in=recipients)
    }
    for recipient in recipients:
        await queue_email(message, recipient, due=due)
        user = users.get(recipient)
        if user is not None:
            await _add_to_inbox(message, user, by=by)


async def _add_to_inbox(message: Message, user: User, *, by: str) -> None:
    entry, created = await Notification.get_or_create(
        user_id=user.id,
        event_id=message.event_id,
        defaults={
            "organization_id": message.organization_id,
            "name": message.event_name,
            "case_id": message.case_id,
            "message": message.subject,
        },
    )
    if created:
        async with unit_of_work(message.organization_id, Actor(ActorType.SYSTEM, by)) as uow:
            await uow.emit(
                NotificationCreated(
                    subject_id=user.id, notification_id=entry.id, case_id=message.case_id
                )
            )


async def claim_due(now: dt.datetime, limit: int) -> list[NotificationDelivery]:
    """Take up to ``limit`` due deliveries with a lease (skipping ones another worker holds)."""
    async with in_transaction():
        due = await (
            NotificationDelivery.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        for delivery in due:
            delivery.attempts += 1
            delivery.next_attempt_at = now + LEASE
            await delivery.save(update_fields=["attempts", "next_attempt_at"])
    return list(due)


async def mark_sent(delivery: NotificationDelivery, now: dt.datetime) -> None:
    """The email went out."""
    await NotificationDelivery.filter(id=delivery.id).update(
        status=DeliveryStatus.SENT, sent_at=now, last_error=None
    )


async def record_failure(
    delivery: NotificationDelivery, error: str, *, retry_at: dt.datetime | None
) -> None:
    """An attempt failed: retry at ``retry_at``, or give up (None)."""
    if retry_at is None:
        await NotificationDelivery.filter(id=delivery.id).update(
            status=DeliveryStatus.FAILED, last_error=error
        )
    else:
        await NotificationDelivery.filter(id=delivery.id).update(
            last_error=error, next_attempt_at=retry_at
        )
