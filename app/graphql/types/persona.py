"""Persona integrations and the calls casegraph makes to Persona (admins only)."""

import datetime as dt

import strawberry

from app.db import models
from app.domain.persona import ActionStatus
from app.graphql.context import Info
from app.graphql.types.common import RowNode, expose_enum
from app.graphql.types.objects import Inquiry
from app.graphql.types.webhooks import WebhookAttempt

expose_enum(
    ActionStatus,
    "Where one call to Persona's API stands.",
    {
        "PENDING": "Not sent yet: due now, or waiting for its next retry.",
        "SUCCEEDED": "Persona answered 2xx.",
        "FAILED": "Persona refused it (4xx), or every attempt failed.",
    },
)


@strawberry.type(
    description="A Persona environment feeding the organization: Persona posts its events to "
    "`webhookUrl`, and casegraph calls its API back with the stored key (never returned)."
)
class PersonaIntegration(RowNode[models.PersonaIntegration]):
    MODEL = models.PersonaIntegration

    @strawberry.field(
        description="Paste this into Persona's webhook settings: "
        "<PUBLIC_BASE_URL>/webhooks/persona/<integration id>."
    )
    def webhook_url(self, info: Info) -> str:
        settings = info.context.settings
        base = settings.links_base_url if settings is not None else ""
        return f"{base}/webhooks/persona/{self.row.id}"

    @strawberry.field(description="Base URL of Persona's API, e.g. https://api.withpersona.com.")
    def api_base_url(self) -> str:
        return str(self.row.api_base_url)

    @strawberry.field(description="When it was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(
    description="One inquiry action casegraph calls on Persona's API (approve, decline, "
    "mark-for-review) after a decision in casegraph, with every attempt."
)
class PersonaAction(RowNode[models.PersonaAction]):
    MODEL = models.PersonaAction

    @strawberry.field(description="approve, decline or mark-for-review.")
    def action(self) -> str:
        return str(self.row.action)

    @strawberry.field(description="Persona's inquiry id (inq_…).")
    def persona_inquiry_id(self) -> str:
        return str(self.row.persona_inquiry_id)

    @strawberry.field(description="The casegraph inquiry.")
    async def inquiry(self, info: Info) -> Inquiry | None:
        row = await info.context.loaders.rows(models.Inquiry).load(self.row.inquiry_id)
        return Inquiry.from_row(row) if row else None

    @strawberry.field(description="The meta.comment sent: the case that decided, and why.")
    def comment(self) -> str:
        return str(self.row.comment)

    @strawberry.field(description="Where it stands.")
    def status(self) -> ActionStatus:
        return ActionStatus(self.row.status)

    @strawberry.field(description="Attempts made (at most 8).")
    def attempts_made(self) -> int:
        return int(self.row.attempts)

    @strawberry.field(description="Every recorded attempt, oldest first (the last 20).")
    def attempts(self) -> list[WebhookAttempt]:
        return [WebhookAttempt.from_json(a) for a in self.row.attempt_log]

    @strawberry.field(description="Summary of the last failure; null after a success.")
    def last_error(self) -> str | None:
        return self.row.last_error

    @strawberry.field(description="When it succeeded or finally failed; null while pending.")
    def completed_at(self) -> dt.datetime | None:
        return self.row.completed_at

    @strawberry.field(description="When it was queued.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at
