"""GraphQL over HTTP response media types: which one a request accepts, and the status code and
body the spec gives a result under `application/graphql-response+json`."""

import json
from typing import Any

import orjson
from strawberry.http import process_result
from strawberry.types.execution import ExecutionResult

from app.graphql.error_labels import label

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
_SUPPORTED = (GRAPHQL_RESPONSE_JSON, JSON)
CONTENT_TYPES = {  # the Content-Type header of an answer in each
    JSON: b"application/json",
    GRAPHQL_RESPONSE_JSON: GRAPHQL_RESPONSE_JSON.encode() + b"; charset=utf-8",
}


def negotiate(accept: str | None) -> str:
    """The response media type for an `Accept` header: the supported type with the highest
    quality, ties going to the one listed first; `application/json` when none is acceptable
    or the header is missing (the legacy default the spec keeps for watershed clients)."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept or "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        candidates = [JSON] if media in ("*/*", "application/*") else [media]
        for candidate in candidates:
            if candidate in _SUPPORTED and quality > 0:
                rank = (-quality, position, candidate)
                if best is None or rank < best:
                    best = rank
    return best[2] if best else JSON


def is_request_error(result: ExecutionResult) -> bool:
    """True when execution never started: the document did not parse or validate, the
    variables did not coerce, or the caller is not authenticated. Such a result has no data,
    and none of its errors has a path (a field error always has one)."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(not e.path for e in errors)


def request_error_status(result: ExecutionResult) -> int:
    """The status of a request error under `application/graphql-response+json`: 401 for a
    missing or bad API key, 400 for everything else."""
    codes = {(e.extensions or {}).get("code") for e in result.errors or []}
    return 401 if codes == {"UNAUTHENTICATED"} else 400


def without_data(body: dict[str, Any]) -> dict[str, Any]:
    """A request error's body carries no `data` entry under `application/graphql-response+json`."""
    return {k: v for k, v in body.items() if k != "data"}


def http_body(result: ExecutionResult, media_type: str) -> tuple[int, dict[str, Any]]:
    """The status and body of one result in ``media_type``: a request error gets its 4xx
    status and no `data` entry under `application/graphql-response+json`; `application/json`
    keeps 200 and `data: null`. Every error leaves labelled, whichever path produced it."""
    if result.errors:
        result.errors = [label(error) for error in result.errors]
    body: dict[str, Any] = dict(process_result(result))
    if media_type == GRAPHQL_RESPONSE_JSON and is_request_error(result):
        return request_error_status(result), without_data(body)
    return 200, body


def json_bytes(data: object) -> bytes:
    """Compact JSON by orjson (several times faster than the standard library on result
    trees); what orjson refuses (integers beyond 64 bits or nesting deeper than 254 in a JSON
    scalar) goes through ``json``."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, separators=(",", ":")).encode()
