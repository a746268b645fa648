"""Rate limits per API key and per client address, counted with ``limits`` (async API).

Counters live in process memory by default and in Redis when the broadcast URL is Redis, so
replicas share them. A request with a bearer key is counted under a hash of the key (no
database lookup); one without is counted under its client address. A key that turns out to
be invalid is also counted against its address, and an address over that budget is refused
for keyed requests until the window ends, so random keys do not escape the limit. Fixed
windows of one minute start at the first hit (bursts of up to twice the limit can straddle
two windows)."""

import hashlib
import logging
import math
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import redis.asyncio
from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.errors import StorageError
from starlette.types import ASGIApp, Receive, Scope, Send

from app.edge.rejection import EdgeRejection
from app.services.auth import KEY_PREFIX

log = logging.getLogger("casegraph.edge")
UNLIMITED_PATHS = frozenset({"/healthz"})


def storage_for(broadcast_url: str, *, key_prefix: str = "casegraph-rl") -> Storage:
    """Redis when the deployment already runs Redis for broadcasts, else process memory. The
    Redis storage gets a connection pool of its own (``RateLimiter.close`` releases it)."""
    if broadcast_url.startswith(("redis://", "rediss://")):
        # passed through to redis.asyncio.Redis (limits types its options as scalars)
        options: dict[str, Any] = {
            "connection_pool": redis.asyncio.ConnectionPool.from_url(broadcast_url)
        }
        return RedisStorage(
            "async+" + broadcast_url,
            implementation="redispy",
            key_prefix=key_prefix,
            wrap_exceptions=True,
            **options,
        )
    return MemoryStorage(wrap_exceptions=True)


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused and when to come back."""

    message: str
    retry_after: int

    def rejection(self) -> EdgeRejection:
        return EdgeRejection(
            429, "RATE_LIMITED", self.message, headers={"Retry-After": str(self.retry_after)}
        )


def _retry_after(reset_at: float) -> int:
    return max(1, math.ceil(reset_at - time.time()))


class RateLimiter:
    """Per-key and per-address request budgets (``0`` = off)."""

    def __init__(self, storage: Storage, *, per_key: int, anonymous: int) -> None:
        self.storage = storage
        self.strategy = FixedWindowRateLimiter(storage)
        self.per_key: RateLimitItem | None = (
            RateLimitItemPerMinute(per_key) if per_key > 0 else None
        )
        self.anonymous: RateLimitItem | None = (
            RateLimitItemPerMinute(anonymous) if anonymous > 0 else None
        )
        # addresses over their rejected-key budget, until (wall clock) time
        self._blocked: dict[str, float] = {}
        self._last_storage_warning = 0.0

    async def close(self) -> None:
        """Release the Redis connections of the storage, if it has any."""
        client = getattr(getattr(self.storage, "bridge", None), "storage", None)
        if isinstance(client, redis.asyncio.Redis):
            await client.connection_pool.aclose()

    async def check(self, *, token: str | None, address: str) -> Refusal | None:
        """Count one request; a ``Refusal`` when it is over its budget."""
        if token is not None and token.startswith(KEY_PREFIX):
            until = self._blocked.get(address)
            if until is not None:
                if until > time.time():
                    return Refusal(
                        "too many requests with invalid API keys from this address",
                        _retry_after(until),
                    )
                del self._blocked[address]
            digest = hashlib.sha256(token.encode()).hexdigest()[:32]
            return await self._hit(self.per_key, "key", digest, "for this API key")
        return await self._hit(self.anonymous, "address", address, "from this address")

    async def note_rejected_key(self, address: str) -> None:
        """Count an invalid or revoked key against its address's anonymous budget."""
        refusal = await self._hit(self.anonymous, "rejected", address, "")
        if refusal is not None:
            self._blocked[address] = time.time() + refusal.retry_after
            if len(self._blocked) > 10_000:
                now = time.time()
                self._blocked = {a: t for a, t in self._blocked.items() if t > now}

    async def _hit(
        self, item: RateLimitItem | None, kind: str, identity: str, whose: str
    ) -> Refusal | None:
        if item is None:
            return None
        try:
            if await self.strategy.hit(item, kind, identity):
                return None
            stats = await self.strategy.get_window_stats(item, kind, identity)
        except StorageError as exc:  # fail open: an outage of Redis must not stop the API
            now = time.monotonic()
            if now - self._last_storage_warning > 60:
                self._last_storage_warning = now
                log.warning("rate limit storage unavailable, not limiting: %s", exc)
            return None
        return Refusal(
            f"rate limit of {item.amount} requests per minute exceeded {whose}",
            _retry_after(stats.reset_time),
        )


def _request_identity(scope: Scope) -> tuple[str | None, str]:
    token = None
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, rest = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and rest.strip():
                token = rest.strip()
            break
    client = scope.get("client")
    return token, client[0] if client else "unknown"


def client_address(scope: Scope) -> str:
    """The client address uvicorn reports (``X-Forwarded-For`` from trusted proxies)."""
    return _request_identity(scope)[1]


class RateLimitMiddleware:
    """Pure ASGI middleware: refuse an HTTP request over its budget with 429 and
    ``Retry-After`` before anything reads its body."""

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # a plain function, so that a WebSocket (or an unlimited path) goes straight to the
        # app and no frame of this middleware stays suspended for a connection's lifetime
        if scope["type"] == "http" and scope["path"] not in UNLIMITED_PATHS:
            return self._limited(scope, receive, send)
        return self.app(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        token, address = _request_identity(scope)
        refusal = await self.limiter.check(token=token, address=address)
        if refusal is not None:
            await refusal.rejection().send(send)
            return
        await self.app(scope, receive, send)
