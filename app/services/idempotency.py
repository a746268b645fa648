"""The one writer of idempotency keys: claim a key, store the first answer, replay it.

A row per (API key, Idempotency-Key) with a unique constraint is the lock: the request that
inserts it executes; a concurrent duplicate finds it and waits for the stored answer. No
transaction is held while the request executes. A row whose request never finished (its
process died) is taken over once ``locked_until`` passes; expired rows are pruned.
"""

import asyncio
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tortoise.exceptions import IntegrityError

from app.db.models import IdempotencyKey


class Verdict(StrEnum):
    """What to do with a request that carries an Idempotency-Key."""

    EXECUTE = "execute"  # this request holds the key: run it, then store its answer
    REPLAY = "replay"  # the answer is stored: send it again
    REUSED = "reused"  # the key was used for a different request
    IN_PROGRESS = "in_progress"  # the first request is still running


@dataclass(frozen=True)
class Stored:
    """A stored answer."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Claim:
    """The verdict on a key, with the row (EXECUTE) or the stored answer (REPLAY)."""

    verdict: Verdict
    row_id: int | None = None
    stored: Stored | None = None


async def claim(
    *,
    api_key_id: int,
    key: str,
    fingerprint: str,
    now: dt.datetime,
    ttl: dt.timedelta,
    lock: dt.timedelta,
) -> Claim:
    """Insert the key (EXECUTE) or say why not: stored, reused, or in progress."""
    for _ in range(5):
        try:
            created = await IdempotencyKey.create(
                api_key_id=api_key_id,
                key=key,
                fingerprint=fingerprint,
                locked_until=now + lock,
                expires_at=now + ttl,
            )
            return Claim(Verdict.EXECUTE, row_id=created.id)
        except IntegrityError:
            pass
        row = await IdempotencyKey.filter(api_key_id=api_key_id, key=key).first()
        if row is None:  # deleted between the insert and the read: try again
            continue
        abandoned = row.response_status is None and row.locked_until <= now
        if row.expires_at <= now or abandoned:
            await IdempotencyKey.filter(id=row.id).delete()  # one taker wins the re-insert
            continue
        return _verdict(row, fingerprint)
    return Claim(Verdict.IN_PROGRESS)


def _verdict(row: IdempotencyKey, fingerprint: str) -> Claim:
    if row.fingerprint != fingerprint:
        return Claim(Verdict.REUSED)
    if row.response_status is None:
        return Claim(Verdict.IN_PROGRESS)
    stored = Stored(row.response_status, dict(row.response_headers or {}), row.response_body or b"")
    return Claim(Verdict.REPLAY, stored=stored)


async def wait_for_answer(
    *, api_key_id: int, key: str, fingerprint: str, seconds: float, poll: float = 0.05
) -> Claim:
    """Poll until the first request's answer is stored (REPLAY) or ``seconds`` pass
    (IN_PROGRESS); REUSED if the key now belongs to another request."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        row = await IdempotencyKey.filter(api_key_id=api_key_id, key=key).first()
        if row is None:  # the first request failed and let the key go
            return Claim(Verdict.IN_PROGRESS)
        verdict = _verdict(row, fingerprint)
        if verdict.verdict is not Verdict.IN_PROGRESS or loop.time() >= deadline:
            return verdict
        await asyncio.sleep(poll)


async def store(*, row_id: int, answer: Stored) -> None:
    """Keep the first request's answer for the key's remaining lifetime."""
    await IdempotencyKey.filter(id=row_id).update(
        response_status=answer.status, response_headers=answer.headers, response_body=answer.body
    )


async def release(*, row_id: int) -> None:
    """Let the key go (the request produced no answer to keep): it may be sent again."""
    await IdempotencyKey.filter(id=row_id, response_status=None).delete()


async def prune(*, now: dt.datetime) -> int:
    """Delete expired keys; returns how many."""
    return int(await IdempotencyKey.filter(expires_at__lte=now).delete())
