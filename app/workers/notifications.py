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

from app.db.models import Case, CaseTemplate, NotificationDelivery, User
from app.domain.events import CaseAssigned, CaseCreated, CaseSlaExpired, CaseSlaWarning
from app.domain.ids import global_id
from app.events.envelope import EventEnvelope
from app.services import notification_deliveries as deliveries
from app.services.notification_deliveries import Message
from app.workers.consumer import LogConsumer
from app.workers.mailer import Email, Mailer

log = logging.getLogger(__name__)


def case_link(base_url: str, case_id: int) -> str:
    """Where a reviewer opens the case (the frontend's route, under PUBLIC_BASE_URL)."""
    return f"{base_url.rstrip('/')}/cases/{global_id('Case', case_id)}"


class NotificationFanout(LogConsumer):
    """Consumer ``notifications``: case.created -> the template's list; case.assigned -> the
    new assignee; case.sla-warning and case.sla-expired -> the assignee and the template's
    list. Recipients who are users of the organization also get an inbox entry."""

    name = "notifications"
    events = frozenset({CaseCreated, CaseAssigned, CaseSlaWarning, CaseSlaExpired})

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def handle(self, event: EventEnvelope) -> None:
        case = await Case.filter(id=event.subject_id).first()
        if case is None:
            return
        template = await CaseTemplate.get(id=case.template_id)
        link = case_link(self.base_url, case.id)
        match event.event:
            case CaseCreated():
                subject = f"New case {case.name} ({template.name})"
                body = f"A {template.name} case, {case.name}, was created.\n\nOpen it: {link}\n"
                recipients = list(template.notification_emails)
            case CaseAssigned(assignee_id=int(assignee_id)):
                user = await User.filter(id=assignee_id).first()
                if user is None:
                    return
                subject = f"Case {case.name} ({template.name}) is assigned to you"
                body = f"{case.name} ({template.name}) was assigned to you.\n\nOpen it: {link}\n"
                recipients = [user.email]
            case CaseSlaWarning(sla_expires_at=deadline, assignee_id=assignee_id):
                subject = f"SLA of case {case.name} ({template.name}) expires soon"
                body = (
                    f"The SLA of {case.name} ({template.name}) expires at "
                    f"{deadline.isoformat()}.\n\nOpen it: {link}\n"
                )
                recipients = await _assignee_and_list(assignee_id, template)
            case CaseSlaExpired(sla_expires_at=deadline, assignee_id=assignee_id):
                subject = f"SLA of case {case.name} ({template.name}) expired"
                body = (
                    f"The SLA of {case.name} ({template.name}) expired at "
                    f"{deadline.isoformat()}.\n\nOpen it: {link}\n"
                )
                recipients = await _assignee_and_list(assignee_id, template)
            case _:
                return
        message = Message(case.organization_id, event.id, subject, body, case.id, event.name)
        due = dt.datetime.fromisoformat(event.created_at)
        await deliveries.notify(message, recipients, due=due, by=self.name)


async def _assignee_and_list(assignee_id: int | None, template: CaseTemplate) -> list[str]:
    user = None if assignee_id is None else await User.filter(id=assignee_id).first()
    recipients = ([user.email] if user is not None else []) + list(template.notification_emails)
    return list(dict.fromkeys(recipients))


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
        claimed = await deliveries.claim_due(now, limit)
        for delivery in claimed:
            email = Email(delivery.recipient, delivery.subject, delivery.body, message_id(delivery))
            try:
                await self.mailer.send(email)
            except Exception as exc:
                await self._failed(delivery, now, f"{type(exc).__name__}: {exc}")
            else:
                await deliveries.mark_sent(delivery, now)
        return len(claimed)

    async def _failed(self, delivery: NotificationDelivery, now: dt.datetime, error: str) -> None:
        log.warning(
            "email to %s failed (attempt %d): %s", delivery.recipient, delivery.attempts, error
        )
        gave_up = delivery.attempts >= self.retry.max_attempts
        retry_at = None if gave_up else now + self.retry.delay(delivery.attempts)
        await deliveries.record_failure(delivery, error, retry_at=retry_at)
