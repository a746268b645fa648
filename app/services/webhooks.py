"""Webhook configuration (admins): create, update, enable, disable, rotate the secret, delete."""

import datetime as dt
import secrets
from dataclasses import dataclass

from app.db.models import Webhook, WebhookDelivery
from app.domain.errors import LimitExceededError, ValidationError
from app.domain.events import (
    REGISTRY,
    WebhookCreated,
    WebhookDeleted,
    WebhookDisabled,
    WebhookEnabled,
    WebhookSecretRotated,
    WebhookUpdated,
)
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.webhooks import (
    MAX_SECRET_OVERLAP_SECONDS,
    MAX_WEBHOOKS_PER_ORGANIZATION,
    WebhookDeliveryStatus,
    WebhookStatus,
    validate_description,
    validate_enabled_events,
    validate_url,
)
from app.services.lookup import get_owned
from app.services.uow import UnitOfWork, unit_of_work
from app.services.webhook_network import UnsafeDestination, resolve

DISABLED_BY_ADMIN = "admin"
DISABLED_FAILING = "failing"


@dataclass(frozen=True)
class IssuedSecret:
    """A webhook and its new signing secret, shown exactly once."""

    webhook: Webhook
    secret: str


def new_secret() -> str:
    """A fresh signing secret (Persona's prefix)."""
    return "wbhsec_" + secrets.token_hex(24)


async def _checked_url(url: str, *, allow_private: bool) -> str:
    url = validate_url(url)
    if not allow_private:
        try:
            await resolve(url, allow_private=False)
        except UnsafeDestination as exc:
            raise ValidationError.of("url", str(exc)) from None
    return url


async def create_webhook(
    *,
    actor: Principal,
    url: str,
    enabled_events: list[str],
    description: str = "",
    allow_private: bool = False,
) -> IssuedSecret:
    """Create an enabled webhook; the secret is returned once."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    events = validate_enabled_events(enabled_events, REGISTRY)
    description = validate_description(description)
    url = await _checked_url(url, allow_private=allow_private)
    secret = new_secret()
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        count = await Webhook.filter(organization_id=actor.organization_id).count()
        if count >= MAX_WEBHOOKS_PER_ORGANIZATION:
            raise LimitExceededError(
                f"an organization may have at most {MAX_WEBHOOKS_PER_ORGANIZATION} webhooks",
                limit=MAX_WEBHOOKS_PER_ORGANIZATION,
            )
        webhook = await Webhook.create(
            organization_id=actor.organization_id,
            url=url,
            description=description,
            enabled_events=events,
            secret=secret,
        )
        await uow.emit(WebhookCreated(subject_id=webhook.id, url=url, enabled_events=tuple(events)))
    return IssuedSecret(webhook, secret)


async def update_webhook(
    *,
    actor: Principal,
    webhook_id: int,
    url: str | None = None,
    enabled_events: list[str] | None = None,
    description: str | None = None,
    allow_private: bool = False,
) -> Webhook:
    """Change the given settings of a webhook (omitted ones stay)."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    changes: dict[str, object] = {}
    if url is not None:
        changes["url"] = await _checked_url(url, allow_private=allow_private)
    if enabled_events is not None:
        changes["enabled_events"] = validate_enabled_events(enabled_events, REGISTRY)
    if description is not None:
        changes["description"] = validate_description(description)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        webhook = await get_owned(Webhook, actor, webhook_id, lock=True)
        changed = tuple(k for k, v in changes.items() if getattr(webhook, k) != v)
        if changed:
            for name in changed:
                setattr(webhook, name, changes[name])
            await webhook.save(update_fields=[*changed, "updated_at"])
            await uow.emit(WebhookUpdated(subject_id=webhook.id, changed=changed))
    return webhook


async def enable_webhook(*, actor: Principal, webhook_id: int) -> Webhook:
    """Enable a disabled webhook: new events are delivered again (failed ones are not)."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        webhook = await get_owned(Webhook, actor, webhook_id, lock=True)
        if webhook.status is not WebhookStatus.ENABLED:
            webhook.status = WebhookStatus.ENABLED
            webhook.failing_since = webhook.disabled_at = webhook.disabled_reason = None
            await webhook.save()
            await uow.emit(WebhookEnabled(subject_id=webhook.id))
    return webhook


async def disable_webhook(*, actor: Principal, webhook_id: int) -> Webhook:
    """Disable a webhook: no new deliveries, and its pending retries are marked failed."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        webhook = await get_owned(Webhook, actor, webhook_id, lock=True)
        if webhook.status is not WebhookStatus.DISABLED:
            await disable_in(uow, webhook, reason=DISABLED_BY_ADMIN, now=dt.datetime.now(dt.UTC))
    return webhook


async def disable_in(uow: UnitOfWork, webhook: Webhook, *, reason: str, now: dt.datetime) -> int:
    """Disable a (locked) webhook inside ``uow``; returns how many deliveries were cancelled."""
    webhook.status = WebhookStatus.DISABLED
    webhook.disabled_at = now
    webhook.disabled_reason = reason
    await webhook.save()
    cancelled = await WebhookDelivery.filter(
        webhook_id=webhook.id, status=WebhookDeliveryStatus.PENDING
    ).update(
        status=WebhookDeliveryStatus.FAILED,
        next_attempt_at=None,
        last_error=f"cancelled: the webhook was disabled ({reason})",
    )
    await uow.emit(
        WebhookDisabled(subject_id=webhook.id, reason=reason, cancelled_deliveries=cancelled)
    )
    return int(cancelled)


async def rotate_secret(
    *, actor: Principal, webhook_id: int, previous_secret_expires_in_seconds: int
) -> IssuedSecret:
    """Issue a new secret; the current one keeps signing (next to it) for the given seconds."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    overlap = previous_secret_expires_in_seconds
    if not 0 <= overlap <= MAX_SECRET_OVERLAP_SECONDS:
        raise ValidationError.of(
            "previousSecretExpiresInSeconds", f"must be between 0 and {MAX_SECRET_OVERLAP_SECONDS}"
        )
    secret = new_secret()
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        webhook = await get_owned(Webhook, actor, webhook_id, lock=True)
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=overlap) if overlap else None
        webhook.previous_secret = webhook.secret if overlap else None
        webhook.previous_secret_expires_at = expires
        webhook.secret = secret
        await webhook.save()
        await uow.emit(
            WebhookSecretRotated(
                subject_id=webhook.id,
                previous_secret_expires_at=expires.isoformat() if expires else None,
            )
        )
    return IssuedSecret(webhook, secret)


async def delete_webhook(*, actor: Principal, webhook_id: int) -> int:
    """Delete a webhook and its deliveries; returns its id."""
    require(actor, Operation.MANAGE_WEBHOOKS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        webhook = await get_owned(Webhook, actor, webhook_id, lock=True)
        await WebhookDelivery.filter(webhook_id=webhook.id).delete()
        await webhook.delete()
        await uow.emit(WebhookDeleted(subject_id=webhook_id, url=webhook.url))
    return webhook_id
