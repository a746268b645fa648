"""The one writer of webhook deliveries: queued by the fan-out, claimed with a lease and settled
by the sender (never inside a transaction held across the HTTP call), retried by admins."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from app.db.models import User, Webhook, WebhookDelivery
from app.domain.errors import ValidationError
from app.domain.permissions import Operation, require
from app.domain.principal import Actor, ActorType, Principal, Role
from app.domain.webhooks import (
    ATTEMPTS_KEPT,
    MAX_ATTEMPTS,
    WebhookDeliveryStatus,
    WebhookStatus,
    is_success,
    retry_delay_seconds,
    wants,
)
from app.events.envelope import EventEnvelope
from app.services.lookup import get_owned
from app.services.notification_deliveries import Message, notify
from app.services.uow import unit_of_work
from app.services.webhooks import DISABLED_FAILING, disable_in

PENDING = WebhookDeliveryStatus.PENDING
SENDER = "webhooks"


@dataclass(frozen=True)
class Claimed:
    """A delivery the sender holds a lease on, with what it needs to send it."""

    delivery: WebhookDelivery
    webhook: Webhook


@dataclass(frozen=True)
class Outcome:
    """What one attempt got: a status code and the first bytes, or a network error."""

    started_at: dt.datetime
    duration_ms: int
    response_status: int | None = None
    response_body: str | None = None
    error: str | None = None

    @property
    def succeeded(self) -> bool:
        """A 2xx answer."""
        return self.response_status is not None and is_success(self.response_status)

    def as_json(self, number: int) -> dict[str, Any]:
        """The attempt as kept in the delivery's log."""
        return {
            "number": number,
            "started_at": self.started_at.isoformat(),
            "duration_ms": self.duration_ms,
            "response_status": self.response_status,
            "response_body": self.response_body,
            "error": self.error,
        }

    def summary(self) -> str:
        """One line for ``last_error``."""
        return self.error or f"HTTP {self.response_status}"


async def subscribers(event: EventEnvelope) -> list[Webhook]:
    """Enabled webhooks of the event's organization that want it and existed when it happened."""
    created = dt.datetime.fromisoformat(event.created_at)
    hooks = await Webhook.filter(
        organization_id=event.organization_id,
        status=WebhookStatus.ENABLED,
        created_at__lte=created,
    )
    return [h for h in hooks if wants(h.enabled_events, event.name)]


async def queue(event: EventEnvelope, webhooks: list[Webhook], body: str) -> None:
    """One delivery per (webhook, event): queueing it again is a no-op."""
    due = dt.datetime.fromisoformat(event.created_at)
    for webhook in webhooks:
        await WebhookDelivery.get_or_create(
            webhook_id=webhook.id,
            event_id=event.id,
            defaults={
                "organization_id": event.organization_id,
                "event_name": event.name,
                "body": body,
                "next_attempt_at": due,
            },
        )


async def claim_due(now: dt.datetime, limit: int, lease: dt.timedelta) -> list[Claimed]:
    """Take up to ``limit`` due deliveries with a lease (skipping rows another sender holds);
    a sender that dies before settling one gets it back when the lease ends."""
    async with in_transaction():
        due = await (
            WebhookDelivery.filter(status=PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        for delivery in due:
            delivery.attempts += 1
            delivery.first_attempted_at = delivery.first_attempted_at or now
            delivery.next_attempt_at = now + lease
            await delivery.save(update_fields=["attempts", "first_attempted_at", "next_attempt_at"])
    hooks = {h.id: h for h in await Webhook.filter(id__in={d.webhook_id for d in due})}
    return [Claimed(d, hooks[d.webhook_id]) for d in due if d.webhook_id in hooks]


async def record(
    claimed: Claimed,
    outcome: Outcome,
    *,
    now: dt.datetime,
    retry_scale: float,
    disable_after: dt.timedelta,
) -> WebhookDelivery | None:
    """Settle one attempt: succeeded, retry later (Persona's n**6 backoff), or failed; a webhook
    failing continuously for ``disable_after`` is disabled and its admins are notified."""
    async with in_transaction():
        delivery = await WebhookDelivery.filter(id=claimed.delivery.id).select_for_update().first()
        if delivery is None:  # its webhook was deleted meanwhile
            return None
        log = [*delivery.attempt_log, outcome.as_json(delivery.attempts)][-ATTEMPTS_KEPT:]
        delivery.attempt_log = log
        if delivery.status is PENDING:
            if outcome.succeeded:
                delivery.status = WebhookDeliveryStatus.SUCCEEDED
                delivery.delivered_at = now
                delivery.next_attempt_at = None
                delivery.last_error = None  # type: ignore[assignment]
            elif delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = WebhookDeliveryStatus.FAILED
                delivery.next_attempt_at = None
                delivery.last_error = outcome.summary()
            else:
                wait = retry_delay_seconds(delivery.attempts, retry_scale)
                delivery.next_attempt_at = now + dt.timedelta(seconds=wait)
                delivery.last_error = outcome.summary()
        await delivery.save()
    await _track_health(claimed.webhook.id, outcome.succeeded, now, disable_after)
    return delivery


async def _track_health(
    webhook_id: int, succeeded: bool, now: dt.datetime, disable_after: dt.timedelta
) -> None:
    hook = await Webhook.filter(id=webhook_id).first()
    if hook is None or hook.status is not WebhookStatus.ENABLED:
        return
    if succeeded:
        if hook.failing_since is not None:
            await Webhook.filter(id=webhook_id).update(failing_since=None)
        return
    if hook.failing_since is None:
        await Webhook.filter(id=webhook_id, failing_since=None).update(failing_since=now)
    elif now - hook.failing_since >= disable_after:
        await _disable_failing(webhook_id, now)


async def _disable_failing(webhook_id: int, now: dt.datetime) -> None:
    organization_id = (await Webhook.get(id=webhook_id)).organization_id
    async with unit_of_work(organization_id, Actor(ActorType.SYSTEM, SENDER)) as uow:
        hook = await Webhook.filter(id=webhook_id).select_for_update().first()
        if hook is None or hook.status is not WebhookStatus.ENABLED:
            return
        await disable_in(uow, hook, reason=DISABLED_FAILING, now=now)
        envelope = uow.events[-1]
        since = hook.failing_since.isoformat() if hook.failing_since else now.isoformat()
        message = Message(
            organization_id=hook.organization_id,
            event_id=envelope.id,
            subject=f"Webhook disabled: {hook.url}"[:300],
            body=(
                f"The webhook posting to {hook.url} failed every delivery since {since} "
                "and was disabled; its pending deliveries were marked failed.\n\n"
                "Fix the receiver, then enable the webhook again (webhookEnable) and retry "
                "the failed deliveries you need (webhookDeliveryRetry).\n"
            ),
            case_id=None,
            event_name=envelope.name,
        )
        admins = await User.filter(organization_id=hook.organization_id, role=Role.ADMIN)
        await notify(message, [u.email for u in admins], due=now, by=SENDER)


async def retry_delivery(*, actor: Principal, delivery_id: int) -> WebhookDelivery:
    """Send a failed delivery again, from a fresh retry schedule."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    async with unit_of_work(actor.organization_id, actor.actor):
        delivery = await get_owned(WebhookDelivery, actor, delivery_id, lock=True)
        if delivery.status is not WebhookDeliveryStatus.FAILED:
            raise ValidationError.of("id", f"the delivery is {delivery.status}, not failed")
        hook = await Webhook.get(id=delivery.webhook_id)
        if hook.status is not WebhookStatus.ENABLED:
            raise ValidationError.of("id", "its webhook is disabled: enable it first")
        delivery.status = PENDING
        delivery.attempts = 0
        delivery.first_attempted_at = None
        delivery.next_attempt_at = dt.datetime.now(dt.UTC)
        await delivery.save()
    return delivery
