"""Webhooks, their deliveries and every attempt (admins only, node(id:) included)."""

import datetime as dt
from typing import Any

import strawberry
from strawberry.types import Info

from app.db import models
from app.domain.webhooks import WebhookDeliveryStatus, WebhookStatus
from app.graphql.types.common import RowNode, expose_enum
from app.graphql.types.events import Event

expose_enum(
    WebhookStatus,
    "Whether a webhook receives events.",
    {
        "ENABLED": "Events it wants are delivered.",
        "DISABLED": "Nothing is delivered; pending retries were marked failed.",
    },
)
expose_enum(
    WebhookDeliveryStatus,
    "Where one delivery of an event to a webhook stands.",
    {
        "PENDING": "Not delivered yet: due now, or waiting for its next retry.",
        "SUCCEEDED": "The receiver answered 2xx.",
        "FAILED": "Every attempt failed, or its webhook was disabled; can be retried.",
    },
)


@strawberry.type(description="Where the organization's events are posted, signed (Persona-style).")
class Webhook(RowNode[models.Webhook]):
    MODEL = models.Webhook

    @strawberry.field(description="The receiver's http(s) URL.")
    def url(self) -> str:
        return str(self.row.url)

    @strawberry.field(description="What the webhook is for.")
    def description(self) -> str:
        return str(self.row.description)

    @strawberry.field(description="Event names it receives (see docs/EVENTS.md), or `*`.")
    def enabled_events(self) -> list[str]:
        return list(self.row.enabled_events)

    @strawberry.field(description="Whether it receives events.")
    def status(self) -> WebhookStatus:
        return WebhookStatus(self.row.status)

    @strawberry.field(description="Why it was disabled: `admin` or `failing`; null when enabled.")
    def disabled_reason(self) -> str | None:
        return self.row.disabled_reason

    @strawberry.field(description="When it was disabled; null when enabled.")
    def disabled_at(self) -> dt.datetime | None:
        return self.row.disabled_at

    @strawberry.field(
        description="Since when every attempt has failed; null while deliveries succeed."
    )
    def failing_since(self) -> dt.datetime | None:
        return self.row.failing_since

    @strawberry.field(
        description="Until when the previous secret also signs (after a rotation); null: not."
    )
    def previous_secret_expires_at(self) -> dt.datetime | None:
        return self.row.previous_secret_expires_at

    @strawberry.field(description="When it was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="When its settings last changed.")
    def updated_at(self) -> dt.datetime:
        return self.row.updated_at


@strawberry.type(description="One attempt to deliver an event.")
class WebhookAttempt:
    number: int = strawberry.field(description="1 for the first attempt, 2 for the next, ...")
    started_at: dt.datetime = strawberry.field(description="When the request started.")
    duration_ms: int = strawberry.field(description="How long it took, in milliseconds.")
    response_status: int | None = strawberry.field(
        description="The receiver's HTTP status; null when there was no answer."
    )
    response_body: str | None = strawberry.field(
        description="The first bytes (1 KiB) of the answer, as text."
    )
    error: str | None = strawberry.field(
        description="The network error (timeout, refused address, ...); null when answered."
    )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "WebhookAttempt":
        """An attempt as the delivery's log keeps it."""
        return cls(
            number=data["number"],
            started_at=dt.datetime.fromisoformat(data["started_at"]),
            duration_ms=data["duration_ms"],
            response_status=data["response_status"],
            response_body=data["response_body"],
            error=data["error"],
        )


@strawberry.type(description="One event posted to one webhook, with every attempt.")
class WebhookDelivery(RowNode[models.WebhookDelivery]):
    MODEL = models.WebhookDelivery

    @strawberry.field(description="The webhook.")
    async def webhook(self, info: Info) -> Webhook | None:
        row = await info.context.loaders.rows(models.Webhook).load(self.row.webhook_id)
        return Webhook.from_row(row) if row else None

    @strawberry.field(description="The event (also in the body as data.id).")
    async def event(self, info: Info) -> Event | None:
        row = await info.context.loaders.rows(models.Event).load(self.row.event_id)
        return Event.from_row(row) if row else None

    @strawberry.field(description="The event's name, e.g. case.created.")
    def event_name(self) -> str:
        return str(self.row.event_name)

    @strawberry.field(description="Where it stands.")
    def status(self) -> WebhookDeliveryStatus:
        return WebhookDeliveryStatus(self.row.status)

    @strawberry.field(description="Attempts made in the current schedule (at most 8).")
    def attempts_made(self) -> int:
        return int(self.row.attempts)

    @strawberry.field(description="Every recorded attempt, oldest first (the last 20).")
    def attempts(self) -> list[WebhookAttempt]:
        return [WebhookAttempt.from_json(a) for a in self.row.attempt_log]

    @strawberry.field(description="Summary of the last failure; null after a success.")
    def last_error(self) -> str | None:
        return self.row.last_error

    @strawberry.field(description="When the next attempt is due; null once settled.")
    def next_attempt_at(self) -> dt.datetime | None:
        if self.row.status != WebhookDeliveryStatus.PENDING:
            return None
        return self.row.next_attempt_at

    @strawberry.field(description="When the receiver accepted it; null until then.")
    def delivered_at(self) -> dt.datetime | None:
        return self.row.delivered_at

    @strawberry.field(description="The exact JSON body that is posted (and signed).")
    def body(self) -> str:
        return str(self.row.body)

    @strawberry.field(description="When it was queued.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at
