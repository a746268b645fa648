"""`POST /webhooks/persona/{integration}`: the URL a Persona customer pastes into Persona's
webhook settings. Verifies Persona-Signature (401, nothing changed, when it is bad or stale),
then applies the event (app.services.persona_ingest); a redelivery answers 200 again."""

import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from app.db.models import PersonaIntegration
from app.domain.errors import ValidationError
from app.domain.persona import SIGNATURE_HEADER, parse_event, verify_signature
from app.edge.json_body import InvalidJson, decode_strict
from app.services.persona_ingest import ingest
from app.services.persona_integrations import webhook_secrets
from app.services.sealed import SealError
from app.settings import Settings

log = logging.getLogger(__name__)
Endpoint = Callable[[Request], Awaitable[Response]]


def _answer(status: int, body: dict[str, Any]) -> Response:
    return Response(
        json.dumps(body, separators=(",", ":")), status_code=status, media_type="application/json"
    )


def _error(status: int, title: str, detail: str, pointer: str | None = None) -> Response:
    error: dict[str, Any] = {"title": title, "detail": detail}
    if pointer is not None:
        error["source"] = {"pointer": pointer}
    return _answer(status, {"errors": [error]})


def persona_webhook_endpoint(settings: Settings) -> Endpoint:
    """The endpoint, configured by the settings (encryption key, signature tolerance)."""

    async def endpoint(request: Request) -> Response:
        ident = request.path_params["integration"]
        integration = await PersonaIntegration.filter(id=ident).first()
        if integration is None:
            return _error(404, "Not Found", "no Persona integration with this id")
        body = await request.body()
        try:
            secrets = webhook_secrets(integration, settings.encryption_key)
        except SealError as exc:
            log.error("Persona integration %s: %s", integration.id, exc)
            return _error(503, "Service Unavailable", "the integration's secret is unreadable")
        signed = verify_signature(
            request.headers.get(SIGNATURE_HEADER, ""),
            body,
            secrets,
            now=time.time(),
            tolerance=settings.persona_signature_tolerance_seconds,
        )
        if not signed:
            return _error(401, "Unauthorized", "missing, invalid or stale Persona-Signature")
        try:
            document = decode_strict(body, max_depth=settings.max_json_depth)
        except InvalidJson as exc:
            return _error(400, "Bad Request", str(exc)[:300])
        try:
            result = await ingest(integration=integration, event=parse_event(document))
        except ValidationError as exc:
            problem = exc.problems[0]
            pointer = "/" + problem.field.replace(".", "/")
            return _error(422, "Unprocessable Entity", problem.message, pointer)
        return _answer(200, {"status": result.status, "objectId": result.object_id})

    return endpoint
