"""Persona integrations (admins)."""

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import (
    RESULT_DESCRIPTION,
    LimitExceededError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.inputs import INPUT, principal
from app.graphql.types.persona import PersonaIntegration
from app.services import persona_integrations


@strawberry.input(description="A Persona environment to receive events from and decide back to.")
class PersonaIntegrationCreateInput:
    webhook_secret: str = strawberry.field(
        description="The secret of the Persona webhook (wbhsec_…) that verifies Persona-Signature."
    )
    api_key: str = strawberry.field(
        description="A Persona API key allowed to approve, decline and mark inquiries for "
        "review; stored encrypted, never returned."
    )
    api_base_url: str = strawberry.field(
        default="https://api.withpersona.com",
        description="Base URL of Persona's API (https://api.withpersona.com).",
    )


@strawberry.type(description="The new integration: paste its webhookUrl into Persona.")
class PersonaIntegrationPayload:
    persona_integration: PersonaIntegration = strawberry.field(description="The integration.")


PersonaIntegrationCreateResult = Annotated[
    PersonaIntegrationPayload | ValidationError | PermissionDeniedError | LimitExceededError,
    strawberry.union("PersonaIntegrationCreateResult", description=RESULT_DESCRIPTION),
]


@strawberry.type
class PersonaMutations:
    @strawberry.mutation(
        description="Connect a Persona environment (admin): its events are mirrored into "
        "casegraph, and casegraph's inquiry decisions are sent back."
    )
    @errors_as_union
    async def persona_integration_create(
        self, info: Info, input: Annotated[PersonaIntegrationCreateInput, INPUT]
    ) -> PersonaIntegrationCreateResult:
        settings = info.context.settings
        row = await persona_integrations.create_integration(
            actor=principal(info),
            webhook_secret=input.webhook_secret,
            api_key=input.api_key,
            api_base_url=input.api_base_url,
            encryption_key=settings.encryption_key if settings else None,
            allow_private=bool(settings and settings.persona_allow_private_networks),
        )
        return PersonaIntegrationPayload(persona_integration=PersonaIntegration.from_row(row))
