"""Runs the workers in the background of a server process, polling the log."""

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from app.services import idempotency
from app.settings import Settings
from app.workers.assignment_backlog import AssignmentBacklog
from app.workers.consumer import LogConsumer
from app.workers.mailer import Mailer, make_mailer
from app.workers.notifications import EmailSender, NotificationFanout, RetryPolicy
from app.workers.persona import PersonaSender, PersonaWriteback
from app.workers.sla import SlaDeadlines
from app.workers.webhooks import SenderConfig, WebhookFanout, WebhookSender
from app.workers.workflows import WorkflowExecutor, WorkflowTrigger

log = logging.getLogger(__name__)
STOP_GRACE_SECONDS = 10.0


class Workers:
    """The consumers, the email sender and the webhook sender of one process."""

    def __init__(self, settings: Settings, mailer: Mailer | None = None) -> None:
        self.consumers: list[LogConsumer] = [
            AssignmentBacklog(),
            NotificationFanout(settings.links_base_url),
            WorkflowTrigger(settings.workflow_max_depth),
            WebhookFanout(),
            PersonaWriteback(),
        ]
        self.executor = WorkflowExecutor(
            retry=RetryPolicy(
                settings.workflow_run_retry_base_seconds, settings.workflow_run_max_attempts
            )
        )
        self.sender = EmailSender(
            mailer or make_mailer(settings.smtp_url, settings.smtp_from),
            RetryPolicy(settings.notify_retry_base_seconds, settings.notify_max_attempts),
        )
        self.webhooks = WebhookSender(sender_config(settings))
        self.persona = PersonaSender(settings)
        self.deadlines = SlaDeadlines()
        self.poll_seconds = settings.worker_poll_seconds
        self.sla_poll_seconds = settings.sla_poll_seconds
        self._pruned_at: dt.datetime | None = None
        self._task: asyncio.Task[None] | None = None
        self._sla_task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def run_once(self) -> None:
        """One pass: due SLA moments fire, consumers catch up, due emails and webhooks go out."""
        await self.deadlines.run_once()
        for consumer in self.consumers:
            await consumer.drain()
        while await self.executor.run_once():
            for consumer in self.consumers:  # runs cause events that trigger more work
                await consumer.drain()
        await self.sender.run_once()
        await self.webhooks.run_once()
        await self.persona.run_once()
        await self.prune()

    async def prune(self, *, every: dt.timedelta = dt.timedelta(minutes=1)) -> int:
        """Delete expired idempotency keys, at most once per ``every``; returns how many."""
        now = dt.datetime.now(dt.UTC)
        if self._pruned_at is not None and now - self._pruned_at < every:
            return 0
        self._pruned_at = now
        return await idempotency.prune(now=now)

    async def _loop(self) -> None:
        await self._repeat(self.run_once, self.poll_seconds, "worker pass")

    async def _sla_loop(self) -> None:
        await self._repeat(self.deadlines.run_once, self.sla_poll_seconds, "SLA deadline pass")

    async def _repeat(self, work: Callable[[], Awaitable[object]], every: float, what: str) -> None:
        """Run ``work`` every ``every`` seconds until asked to stop; a pass in progress is
        finished first, so no transaction is cut off in the middle."""
        while not self._stopping.is_set():
            try:
                await work()
            except Exception:
                log.exception("%s failed; retrying", what)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), every)

    def start(self) -> None:
        """Start polling in the background (the SLA deadlines on their own schedule)."""
        self._stopping.clear()
        self._task = asyncio.create_task(self._loop(), name="casegraph-workers")
        self._sla_task = asyncio.create_task(self._sla_loop(), name="casegraph-sla")

    async def stop(self, grace_seconds: float = STOP_GRACE_SECONDS) -> None:
        """Stop polling: the passes in progress finish (within ``grace_seconds``; after that
        they are cancelled and their transactions roll back)."""
        self._stopping.set()
        tasks = [t for t in (self._task, self._sla_task) if t is not None]
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=grace_seconds)
            for task in late:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = self._sla_task = None
        await self.webhooks.aclose()
        await self.persona.aclose()


def sender_config(settings: Settings) -> SenderConfig:
    """The webhook sender's configuration from the settings."""
    return SenderConfig(
        retry_scale=settings.webhook_retry_scale,
        disable_after_seconds=settings.webhook_disable_after_seconds,
        allow_private_networks=settings.webhook_allow_private_networks,
        timeout_seconds=settings.webhook_timeout_seconds,
        concurrency=settings.webhook_concurrency,
    )
