"""Notifications: turn case events into email deliveries and inbox entries, then send the
deliveries with retries.

Fan-out is a log consumer, so every (event, recipient) gets exactly one delivery row (a
unique key). Sending claims due rows with a short lease before talking to SMTP and never
holds a database transaction open during network I/O: a crash mid-send retries after the
lease. Each email carries a Message-ID derived from (event, recipient), so a resend after
such a crash is recognisable as the same message.
"""

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from app.db.models import Case, CaseTemplate, Event, Notification, NotificationDelivery, User
from app.domain.ids import global_id
from app.domain.principal import Actor, ActorType
from app.events.envelope import EventEnvelope
from app.services.uow import UnitOfWork
from app.workers.consumer import LogConsumer
from app.workers.mailer import Email, Mailer

log = logging.getLogger(__name__)
LEASE = dt.timedelta(seconds=60)


def case_link(base_url: str, case_id: int) -> str:
    """Where a reviewer opens the case (the frontend's route, under PUBLIC_BASE_URL)."""
    return f"{base_url.rstrip('/')}/cases/{global_id('Case', case_id)}"


class NotificationFanout(LogConsumer):
    """Consumer ``notifications``: case.created -> the template's list; case.assigned -> the
    new assignee. Recipients who are users of the organization also get an inbox entry."""

    name = "notifications"
    events = frozenset({"case.created", "case.assigned"})

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def handle(self, event: Event, outbox: list[EventEnvelope]) -> None:
        case = await Case.filter(id=event.subject_id).first()
        if case is None:
            return
        template = await CaseTemplate.get(id=case.template_id)
        link = case_link(self.base_url, case.id)
        if event.name == "case.created":
            subject = f"New case {case.name} ({template.name})"
            body = f"A {template.name} case, {case.name}, was created.\n\nOpen it: {link}\n"
            recipients = list(template.notification_emails)
        else:
            assignee_id = event.payload.get("assignee_id")
            user = await User.filter(id=assignee_id).first() if assignee_id else None
            if user is None:
                return
            subject = f"Case {case.name} ({template.name}) is assigned to you"
            body = f"{case.name} ({template.name}) was assigned to you.\n\nOpen it: {link}\n"
            recipients = [user.email]
        users = {
            u.email: u
            for u in await User.filter(organization_id=case.organization_id, email__in=recipients)
        }
        for recipient in recipients:
            await NotificationDelivery.get_or_create(
                event_id=event.id,
                recipient=recipient,
                defaults={
                    "organization_id": case.organization_id,
                    "subject": subject,
                    "body": body,
                    "next_attempt_at": event.created_at,
                },
            )
            if recipient in users:
                entry, created = await Notification.get_or_create(
                    user_id=users[recipient].id,
                    event_id=event.id,
                    defaults={
                        "organization_id": case.organization_id,
                        "name": event.name,
                        "case_id": case.id,
                        "message": subject,
                    },
                )
                if created:
                    uow = UnitOfWork(case.organization_id, Actor(ActorType.SYSTEM, self.name))
                    await uow.emit(
                        "notification.created",
                        subject_type="user",
                        subject_id=entry.user_id,
                        payload={"notification_id": entry.id, "case_id": case.id},
                    )
                    outbox.extend(uow.events)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: base, 2*base, 4*base, ... until max_attempts."""

    base_seconds: float
    max_attempts: int

    def delay(self, attempts: int) -> dt.timedelta:
        """Wait after the ``attempts``-th failed attempt."""
        return dt.timedelta(seconds=self.base_seconds * 2 ** (attempts - 1))


def message_id(delivery: NotificationDelivery) -> str:
    """Stable per (event, recipient)."""
    digest = hashlib.sha256(delivery.recipient.encode()).hexdigest()[:16]
    return f"<event-{delivery.event_id}.{digest}@casegraph>"


class EmailSender:
    """Sends due deliveries; retries failures with backoff; gives up after max attempts."""

    def __init__(self, mailer: Mailer, retry: RetryPolicy) -> None:
        self.mailer = mailer
        self.retry = retry

    async def run_once(self, *, now: dt.datetime | None = None, limit: int = 50) -> int:
        """Attempt every delivery due at ``now``; returns how many were attempted."""
        now = now or dt.datetime.now(dt.UTC)
        claimed = await self._claim(now, limit)
        for delivery in claimed:
            email = Email(delivery.recipient, delivery.subject, delivery.body, message_id(delivery))
            try:
                await self.mailer.send(email)
            except Exception as exc:
                await self._failed(delivery, now, f"{type(exc).__name__}: {exc}")
            else:
                await NotificationDelivery.filter(id=delivery.id).update(
                    status="sent", sent_at=now, last_error=None
                )
        return len(claimed)

    async def _claim(self, now: dt.datetime, limit: int) -> list[NotificationDelivery]:
        async with in_transaction():
            due = await (
                NotificationDelivery.filter(status="pending", next_attempt_at__lte=now)
                .order_by("id")
                .limit(limit)
                .select_for_update(skip_locked=True)
            )
            for delivery in due:
                delivery.attempts += 1
                delivery.next_attempt_at = now + LEASE
                await delivery.save(update_fields=["attempts", "next_attempt_at"])
        return list(due)

    async def _failed(self, delivery: NotificationDelivery, now: dt.datetime, error: str) -> None:
        log.warning(
            "email to %s failed (attempt %d): %s", delivery.recipient, delivery.attempts, error
        )
        if delivery.attempts >= self.retry.max_attempts:
            await NotificationDelivery.filter(id=delivery.id).update(
                status="failed", last_error=error
            )
        else:
            await NotificationDelivery.filter(id=delivery.id).update(
                last_error=error, next_attempt_at=now + self.retry.delay(delivery.attempts)
            )
