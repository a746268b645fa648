"""Calls back to Persona's API: a log consumer queues one action per casegraph decision on an
inquiry Persona sent; the sender POSTs due actions with the integration's key, a stable
Idempotency-Key (so a retry after a lost answer is not applied twice) and Persona's retries."""

import asyncio
import datetime as dt
import json
import logging
import time

import httpx

from app.domain.events import InquiryApproved, InquiryDeclined, InquiryMarkedForReview
from app.events.envelope import EventEnvelope
from app.services import persona_writeback as writeback
from app.services.persona_integrations import api_key
from app.services.persona_writeback import Claimed
from app.services.sealed import SealError
from app.services.webhook_deliveries import Outcome
from app.settings import Settings
from app.workers.consumer import LogConsumer
from app.workers.outbound import post_checked
from app.workers.webhooks import VERSION

log = logging.getLogger(__name__)


class PersonaWriteback(LogConsumer):
    """Consumer ``persona-writeback``: inquiry decisions -> actions to call on Persona."""

    name = "persona-writeback"
    events = frozenset({InquiryApproved, InquiryDeclined, InquiryMarkedForReview})

    async def handle(self, event: EventEnvelope) -> None:
        await writeback.queue(event)


def idempotency_key(claimed: Claimed) -> str:
    """The same for every attempt of one action."""
    return f"casegraph-action-{claimed.action.id}-event-{claimed.action.event_id}"


class PersonaSender:
    """Sends due actions, records each attempt, retries with Persona's n**6 backoff."""

    def __init__(
        self, settings: Settings, *, lease_seconds: float = 60.0, batch: int = 100
    ) -> None:
        self.settings = settings
        self.lease_seconds = lease_seconds
        self.batch = batch
        self.timeout = settings.webhook_timeout_seconds
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        """One pool; no redirects, no proxies from the environment."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                follow_redirects=False, trust_env=False, timeout=httpx.Timeout(self.timeout)
            )
        return self._client

    async def aclose(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run_once(self, *, now: dt.datetime | None = None) -> int:
        """Attempt every action due at ``now`` (one batch); returns how many."""
        now = now or dt.datetime.now(dt.UTC)
        claimed = await writeback.claim_due(
            now, self.batch, dt.timedelta(seconds=self.lease_seconds)
        )
        gate = asyncio.Semaphore(10)

        async def one(item: Claimed) -> None:
            async with gate:
                outcome = await self.attempt(item)
                if not outcome.succeeded:
                    log.warning(
                        "Persona action %s (%s %s) attempt %d failed: %s",
                        item.action.id,
                        item.action.action,
                        item.action.persona_inquiry_id,
                        item.action.attempts,
                        outcome.summary(),
                    )
                await writeback.record(
                    item, outcome, now=now, retry_scale=self.settings.persona_retry_scale
                )

        await asyncio.gather(*(one(c) for c in claimed))
        return len(claimed)

    async def attempt(self, item: Claimed) -> Outcome:
        """One POST of the action; never raises for network trouble."""
        started = dt.datetime.now(dt.UTC)
        clock = time.monotonic()
        action = item.action
        url = (
            f"{item.integration.api_base_url}/api/v1/inquiries/"
            f"{action.persona_inquiry_id}/{action.action}"
        )

        def done(**result: object) -> Outcome:
            elapsed = int((time.monotonic() - clock) * 1000)
            return Outcome(started_at=started, duration_ms=elapsed, **result)  # type: ignore[arg-type]

        try:
            key = api_key(item.integration, self.settings.encryption_key)
        except SealError as exc:
            return done(error=f"refused: {exc}")
        body = json.dumps({"meta": {"comment": action.comment}}).encode()
        headers = {
            "Authorization": f"Bearer {key}",
            "Persona-Version": self.settings.persona_api_version,
            "Idempotency-Key": idempotency_key(item),
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": f"casegraph/{VERSION}",
        }
        answer = await post_checked(
            self.client,
            url,
            body,
            headers,
            within=self.timeout,
            allow_private=self.settings.persona_allow_private_networks,
        )
        if answer.error is not None:
            return done(error=answer.error)
        return done(response_status=answer.status, response_body=answer.body)
