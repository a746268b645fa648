"""Persona integrations (admins): where Persona's webhooks land, and how to call it back."""

from app.db.models import PersonaIntegration
from app.domain.errors import LimitExceededError, ValidationError
from app.domain.events import PersonaIntegrationCreated
from app.domain.permissions import Operation, require
from app.domain.persona import MAX_INTEGRATIONS_PER_ORGANIZATION, MAX_SECRET_LENGTH
from app.domain.principal import Principal
from app.domain.webhooks import validate_url
from app.services.sealed import check_configured, seal, unseal
from app.services.uow import unit_of_work
from app.services.webhook_network import UnsafeDestination, resolve


def _secret(value: str, field: str) -> str:
    text = value.strip()
    if not text or len(text) > MAX_SECRET_LENGTH:
        raise ValidationError.of(field, f"must be 1-{MAX_SECRET_LENGTH} characters")
    return text


async def create_integration(
    *,
    actor: Principal,
    webhook_secret: str,
    api_key: str,
    api_base_url: str,
    encryption_key: str | None,
    allow_private: bool = False,
) -> PersonaIntegration:
    """Record a Persona environment; both secrets are stored encrypted, never returned."""
    require(actor, Operation.MANAGE_INTEGRATIONS)
    secret = _secret(webhook_secret, "webhookSecret")
    key = _secret(api_key, "apiKey")
    url = validate_url(api_base_url, field="apiBaseUrl").rstrip("/")
    if not allow_private:
        try:
            await resolve(url, allow_private=False)
        except UnsafeDestination as exc:
            raise ValidationError.of("apiBaseUrl", str(exc)) from None
    check_configured(encryption_key, field="apiKey")
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        count = await PersonaIntegration.filter(organization_id=actor.organization_id).count()
        if count >= MAX_INTEGRATIONS_PER_ORGANIZATION:
            raise LimitExceededError(
                f"an organization may have at most {MAX_INTEGRATIONS_PER_ORGANIZATION} "
                "Persona integrations",
                limit=MAX_INTEGRATIONS_PER_ORGANIZATION,
            )
        integration = await PersonaIntegration.create(
            organization_id=actor.organization_id,
            api_base_url=url,
            webhook_secret_encrypted=seal(secret, encryption_key),
            api_key_encrypted=seal(key, encryption_key),
        )
        await uow.emit(PersonaIntegrationCreated(subject_id=integration.id, api_base_url=url))
    return integration


def webhook_secrets(integration: PersonaIntegration, encryption_key: str | None) -> list[str]:
    """The secrets a Persona-Signature may be made with."""
    return [unseal(integration.webhook_secret_encrypted, encryption_key)]


def api_key(integration: PersonaIntegration, encryption_key: str | None) -> str:
    """The bearer key of calls to Persona's API."""
    return unseal(integration.api_key_encrypted, encryption_key)
