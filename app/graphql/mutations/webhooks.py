"""Outbound webhooks (admins): create, update, enable, disable, rotate, delete, retry."""

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from app.graphql.errors import (
    RESULT_DESCRIPTION,
    LimitExceededError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.ids import decode_id
from app.graphql.inputs import INPUT, principal
from app.graphql.types.webhooks import Webhook, WebhookDelivery
from app.services import webhook_deliveries, webhooks


def _allow_private(info: Info) -> bool:
    settings = info.context.settings
    return bool(settings is not None and settings.webhook_allow_private_networks)


@strawberry.input(description="A new webhook.")
class WebhookCreateInput:
    url: str = strawberry.field(
        description="The receiver: an http(s) URL (public addresses only unless the server "
        "allows private networks)."
    )
    enabled_events: list[str] = strawberry.field(
        description='Event names to receive (docs/EVENTS.md), or ["*"] for every event.'
    )
    description: str = strawberry.field(default="", description="What the webhook is for.")


@strawberry.input(description="Change a webhook; omitted settings stay as they are.")
class WebhookUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The webhook.")
    url: str | None = strawberry.field(default=None, description="A new receiver URL.")
    enabled_events: list[str] | None = strawberry.field(
        default=None, description='New event names to receive, or ["*"].'
    )
    description: str | None = strawberry.field(default=None, description="A new description.")


@strawberry.input(description="The webhook to act on.")
class WebhookIdInput:
    id: relay.GlobalID = strawberry.field(description="The webhook.")


@strawberry.input(description="Issue a new signing secret.")
class WebhookRotateSecretInput:
    id: relay.GlobalID = strawberry.field(description="The webhook.")
    previous_secret_expires_in_seconds: int = strawberry.field(
        default=0,
        description="How long the current secret keeps signing next to the new one "
        "(0-604800; 0: it stops at once).",
    )


@strawberry.input(description="The failed delivery to send again.")
class WebhookDeliveryRetryInput:
    id: relay.GlobalID = strawberry.field(description="The delivery.")


@strawberry.type(description="The new webhook and its signing secret, shown this once only.")
class WebhookCreatePayload:
    webhook: Webhook = strawberry.field(description="The webhook.")
    secret: str = strawberry.field(description="Verifies the Persona-Signature header.")


@strawberry.type(description="The webhook after the change.")
class WebhookPayload:
    webhook: Webhook = strawberry.field(description="The webhook.")


@strawberry.type(description="The webhook and its new signing secret, shown this once only.")
class WebhookRotateSecretPayload:
    webhook: Webhook = strawberry.field(description="The webhook.")
    secret: str = strawberry.field(description="The new secret.")


@strawberry.type(description="The deleted webhook's id.")
class WebhookDeletePayload:
    deleted_id: relay.GlobalID = strawberry.field(description="The webhook that was deleted.")


@strawberry.type(description="The delivery, pending again.")
class WebhookDeliveryPayload:
    delivery: WebhookDelivery = strawberry.field(description="The delivery.")


WebhookCreateResult = Annotated[
    WebhookCreatePayload | ValidationError | LimitExceededError | PermissionDeniedError,
    strawberry.union("WebhookCreateResult", description=RESULT_DESCRIPTION),
]
WebhookUpdateResult = Annotated[
    WebhookPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("WebhookUpdateResult", description=RESULT_DESCRIPTION),
]
WebhookStatusResult = Annotated[
    WebhookPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("WebhookStatusResult", description=RESULT_DESCRIPTION),
]
WebhookRotateSecretResult = Annotated[
    WebhookRotateSecretPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("WebhookRotateSecretResult", description=RESULT_DESCRIPTION),
]
WebhookDeleteResult = Annotated[
    WebhookDeletePayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("WebhookDeleteResult", description=RESULT_DESCRIPTION),
]
WebhookDeliveryRetryResult = Annotated[
    WebhookDeliveryPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("WebhookDeliveryRetryResult", description=RESULT_DESCRIPTION),
]


def _webhook_id(gid: relay.GlobalID) -> int:
    return decode_id(gid, "Webhook", field="id")


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(description="Create a webhook (admin); the secret is returned once.")
    @errors_as_union
    async def webhook_create(
        self, info: Info, input: Annotated[WebhookCreateInput, INPUT]
    ) -> WebhookCreateResult:
        issued = await webhooks.create_webhook(
            actor=principal(info),
            url=input.url,
            enabled_events=input.enabled_events,
            description=input.description,
            allow_private=_allow_private(info),
        )
        return WebhookCreatePayload(webhook=Webhook.from_row(issued.webhook), secret=issued.secret)

    @strawberry.mutation(description="Change a webhook's URL, events or description (admin).")
    @errors_as_union
    async def webhook_update(
        self, info: Info, input: Annotated[WebhookUpdateInput, INPUT]
    ) -> WebhookUpdateResult:
        row = await webhooks.update_webhook(
            actor=principal(info),
            webhook_id=_webhook_id(input.id),
            url=input.url,
            enabled_events=input.enabled_events,
            description=input.description,
            allow_private=_allow_private(info),
        )
        return WebhookPayload(webhook=Webhook.from_row(row))

    @strawberry.mutation(description="Enable a disabled webhook (admin).")
    @errors_as_union
    async def webhook_enable(
        self, info: Info, input: Annotated[WebhookIdInput, INPUT]
    ) -> WebhookStatusResult:
        row = await webhooks.enable_webhook(actor=principal(info), webhook_id=_webhook_id(input.id))
        return WebhookPayload(webhook=Webhook.from_row(row))

    @strawberry.mutation(
        description="Disable a webhook (admin): nothing more is sent, pending retries fail."
    )
    @errors_as_union
    async def webhook_disable(
        self, info: Info, input: Annotated[WebhookIdInput, INPUT]
    ) -> WebhookStatusResult:
        row = await webhooks.disable_webhook(
            actor=principal(info), webhook_id=_webhook_id(input.id)
        )
        return WebhookPayload(webhook=Webhook.from_row(row))

    @strawberry.mutation(
        description="Issue a new signing secret (admin); the old one may keep signing a while."
    )
    @errors_as_union
    async def webhook_rotate_secret(
        self, info: Info, input: Annotated[WebhookRotateSecretInput, INPUT]
    ) -> WebhookRotateSecretResult:
        issued = await webhooks.rotate_secret(
            actor=principal(info),
            webhook_id=_webhook_id(input.id),
            previous_secret_expires_in_seconds=input.previous_secret_expires_in_seconds,
        )
        return WebhookRotateSecretPayload(
            webhook=Webhook.from_row(issued.webhook), secret=issued.secret
        )

    @strawberry.mutation(description="Delete a webhook and its deliveries (admin).")
    @errors_as_union
    async def webhook_delete(
        self, info: Info, input: Annotated[WebhookIdInput, INPUT]
    ) -> WebhookDeleteResult:
        deleted = await webhooks.delete_webhook(
            actor=principal(info), webhook_id=_webhook_id(input.id)
        )
        return WebhookDeletePayload(deleted_id=relay.GlobalID("Webhook", str(deleted)))

    @strawberry.mutation(description="Send a failed delivery again, on a fresh schedule (admin).")
    @errors_as_union
    async def webhook_delivery_retry(
        self, info: Info, input: Annotated[WebhookDeliveryRetryInput, INPUT]
    ) -> WebhookDeliveryRetryResult:
        row = await webhook_deliveries.retry_delivery(
            actor=principal(info),
            delivery_id=decode_id(input.id, "WebhookDelivery", field="id"),
        )
        return WebhookDeliveryPayload(delivery=WebhookDelivery.from_row(row))
