"""Outbound webhooks: fan events out to delivery rows, then POST them with Persona's retries.

Fan-out is a log consumer (``webhooks``): each (webhook, event) gets exactly one delivery row
(a unique key) holding the signed-over body. The sender claims due rows with a lease, then
talks HTTP with no database transaction open, then records the attempt; a sender that dies in
between leaves the row leased, and it is sent again when the lease ends (at-least-once;
receivers dedupe on the event id). Every attempt resolves the host again, refuses unsafe
addresses and connects to the address it checked.
"""

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpx

from app.domain.webhooks import delivery_headers
from app.events.envelope import EventEnvelope
from app.services import webhook_deliveries as deliveries
from app.services.webhook_deliveries import Claimed, Outcome
from app.services.webhook_payloads import event_body
from app.workers.consumer import LogConsumer
from app.workers.outbound import post_checked

log = logging.getLogger(__name__)

try:
    VERSION = version("casegraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    VERSION = "0"


class WebhookFanout(LogConsumer):
    """Consumer ``webhooks``: every event -> one delivery per enabled webhook that wants it."""

    name = "webhooks"
    events = None

    async def handle(self, event: EventEnvelope) -> None:
        hooks = await deliveries.subscribers(event)
        if hooks:
            await deliveries.queue(event, hooks, await event_body(event))


@dataclass(frozen=True)
class SenderConfig:
    """How the sender behaves (from the settings)."""

    retry_scale: float = 1.0
    disable_after_seconds: float = 3 * 24 * 3600
    allow_private_networks: bool = False
    timeout_seconds: float = 5.0
    concurrency: int = 20
    lease_seconds: float = 60.0
    batch: int = 200


class WebhookSender:
    """Sends due deliveries in parallel; records each attempt; retries with backoff."""

    def __init__(self, config: SenderConfig) -> None:
        self.config = config
        self._client: httpx.AsyncClient | None = None
        # test hook: runs after the HTTP call and before it is recorded (a crash here must
        # lose nothing)
        self.after_send: Callable[[Claimed, Outcome], Awaitable[None]] | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        """One connection pool per sender; no redirects, no proxies from the environment."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                follow_redirects=False,
                trust_env=False,
                timeout=httpx.Timeout(self.config.timeout_seconds),
                limits=httpx.Limits(max_connections=self.config.concurrency),
            )
        return self._client

    async def aclose(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run_once(self, *, now: dt.datetime | None = None) -> int:
        """Attempt every delivery due at ``now`` (up to one batch); returns how many."""
        now = now or dt.datetime.now(dt.UTC)
        lease = dt.timedelta(seconds=self.config.lease_seconds)
        claimed = await deliveries.claim_due(now, self.config.batch, lease)
        gate = asyncio.Semaphore(self.config.concurrency)

        async def one(item: Claimed) -> None:
            async with gate:
                await self._deliver(item, now)

        results = await asyncio.gather(*(one(c) for c in claimed), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return len(claimed)

    async def _deliver(self, item: Claimed, now: dt.datetime) -> None:
        outcome = await self.attempt(item, now)
        if self.after_send is not None:
            await self.after_send(item, outcome)
        if not outcome.succeeded:
            log.warning(
                "webhook %s delivery %s attempt %d failed: %s",
                item.webhook.id,
                item.delivery.id,
                item.delivery.attempts,
                outcome.summary(),
            )
        await deliveries.record(
            item,
            outcome,
            now=now,
            retry_scale=self.config.retry_scale,
            disable_after=dt.timedelta(seconds=self.config.disable_after_seconds),
        )

    def secrets(self, item: Claimed, now: dt.datetime) -> list[str]:
        """The secrets that sign now: the current one, and the previous one until it expires."""
        hook = item.webhook
        keys = [hook.secret]
        expires = hook.previous_secret_expires_at
        if hook.previous_secret and expires is not None and expires > now:
            keys.append(hook.previous_secret)
        return keys

    async def attempt(self, item: Claimed, now: dt.datetime) -> Outcome:
        """One POST of the delivery's body; never raises for network trouble."""
        started = dt.datetime.now(dt.UTC)
        clock = time.monotonic()
        delivery = item.delivery
        body = delivery.body.encode()
        first = delivery.first_attempted_at or now
        headers = delivery_headers(
            secrets=self.secrets(item, now),
            timestamp=int(time.time()),
            body=body,
            attempts_made=delivery.attempts,
            first_attempted_at=int(first.timestamp()),
            version=VERSION,
        )

        def done(**result: object) -> Outcome:
            elapsed = int((time.monotonic() - clock) * 1000)
            return Outcome(started_at=started, duration_ms=elapsed, **result)  # type: ignore[arg-type]

        answer = await post_checked(
            self.client,
            item.webhook.url,
            body,
            headers,
            within=self.config.timeout_seconds,
            allow_private=self.config.allow_private_networks,
        )
        if answer.error is not None:
            return done(error=answer.error)
        return done(response_status=answer.status, response_body=answer.body)
