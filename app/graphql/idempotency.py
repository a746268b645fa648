"""`Idempotency-Key` on `POST /graphql` mutations: the first answer (status and body) is
stored for the API key and replayed for a repeat of the same request; the same key with a
different request is refused (422 IDEMPOTENCY_KEY_REUSED); a duplicate arriving while the
first still runs waits for its answer (409 IDEMPOTENCY_KEY_IN_PROGRESS if it takes too long).
Queries, GET requests, anonymous callers and requests without the header are untouched."""

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLError, OperationType, get_operation_ast, parse
from starlette.requests import Request
from starlette.responses import Response

from app.domain import idempotency as rules
from app.edge.json_body import decode_request_json
from app.edge.rejection import EdgeRejection
from app.services import idempotency as keys
from app.services.auth import authenticate
from app.settings import Settings

Run = Callable[[], Awaitable[Response]]


def _is_mutation(item: Any) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("query"), str):
        return False
    name = item.get("operationName")
    try:
        document = parse(item["query"])
    except GraphQLError:
        return False
    operation = get_operation_ast(document, name if isinstance(name, str) else None)
    return operation is not None and operation.operation is OperationType.MUTATION


def _replay(stored: keys.Stored) -> Response:
    headers = {**stored.headers, rules.REPLAYED_HEADER: "true"}
    return Response(stored.body, status_code=stored.status, headers=headers)


def _refusal(verdict: keys.Verdict, key: str) -> Response:
    if verdict is keys.Verdict.REUSED:
        return EdgeRejection(
            422,
            rules.KEY_REUSED,
            f"Idempotency-Key {key!r} was already used with a different document, variables "
            "or operation name; use a new key for a new request",
        ).response()
    return EdgeRejection(
        409,
        rules.KEY_IN_PROGRESS,
        f"a request with Idempotency-Key {key!r} is still running; retry shortly",
        {"Retry-After": "1"},
    ).response()


async def idempotent(
    request: Request, run: Run, *, settings: Settings, token: str | None
) -> Response:
    """Answer a POST that carries an Idempotency-Key (see the module docstring)."""
    key = request.headers.get(rules.HEADER, "")
    principal = await authenticate(token) if token else None
    if principal is None or principal.api_key_id is None:
        return await run()  # refused by the view as unauthenticated; nothing to keep
    body = decode_request_json(await request.body(), max_depth=settings.max_json_depth)
    items = body if isinstance(body, list) else [body]
    if not any(_is_mutation(item) for item in items):
        return await run()
    problem = rules.key_problem(key)
    if problem is not None:
        return EdgeRejection(400, rules.KEY_INVALID, problem).response()
    api_key_id, digest = principal.api_key_id, rules.fingerprint(body)

    async def take() -> keys.Claim:
        return await keys.claim(
            api_key_id=api_key_id,
            key=key,
            fingerprint=digest,
            now=dt.datetime.now(dt.UTC),
            ttl=dt.timedelta(hours=settings.idempotency_ttl_hours),
            lock=dt.timedelta(seconds=settings.idempotency_lock_seconds),
        )

    claim = await take()
    if claim.verdict is keys.Verdict.IN_PROGRESS:
        claim = await keys.wait_for_answer(
            api_key_id=api_key_id,
            key=key,
            fingerprint=digest,
            seconds=settings.idempotency_wait_seconds,
        )
        if claim.verdict is keys.Verdict.IN_PROGRESS:  # the first may have let go: try again
            claim = await take()
    if claim.verdict is keys.Verdict.REPLAY:
        assert claim.stored is not None
        return _replay(claim.stored)
    if claim.verdict is not keys.Verdict.EXECUTE:
        return _refusal(claim.verdict, key)
    assert claim.row_id is not None
    try:
        response = await run()
    except BaseException:
        await keys.release(row_id=claim.row_id)
        raise
    if not hasattr(response, "body"):  # a streamed answer (not a mutation's): nothing to keep
        await keys.release(row_id=claim.row_id)
        return response
    kept = {"content-type": response.headers.get("content-type", "application/json")}
    answer = keys.Stored(response.status_code, kept, bytes(response.body))
    await keys.store(row_id=claim.row_id, answer=answer)
    return response
