"""The one writer of calls back to Persona (approve, decline, mark for review): queued from the
event log when casegraph decides an inquiry that came from Persona, claimed with a lease and
settled by the sender (no transaction is held across the HTTP call). The outcome shows on
the inquiry (``external_sync_status``) and in the call log."""

import datetime as dt
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from app.db.models import Case, CaseObject, Inquiry, PersonaAction, PersonaIntegration
from app.domain.events import InquiryStatusEvent
from app.domain.objects import InquiryStatus, ObjectType
from app.domain.persona import ACTION_OF_STATUS, ActionStatus, ExternalSyncStatus, action_comment
from app.domain.webhooks import ATTEMPTS_KEPT, MAX_ATTEMPTS, retry_delay_seconds
from app.events.envelope import EventEnvelope
from app.services.persona_ingest import is_persona_actor
from app.services.webhook_deliveries import Outcome

PENDING = ActionStatus.PENDING


@dataclass(frozen=True)
class Claimed:
    """An action the sender holds a lease on, with its integration."""

    action: PersonaAction
    integration: PersonaIntegration


async def _case_name(inquiry_id: int) -> str | None:
    link = (
        await CaseObject.filter(object_type=ObjectType.INQUIRY, object_id=inquiry_id)
        .order_by("-id")
        .first()
    )
    if link is None:
        return None
    case = await Case.filter(id=link.case_id).first()
    return case.name if case is not None else None


async def queue(event: EventEnvelope) -> PersonaAction | None:
    """One call back per decision event on an inquiry Persona sent (none for decisions that
    came from Persona itself); queueing the same event again is a no-op."""
    typed = event.event
    if not isinstance(typed, InquiryStatusEvent) or is_persona_actor(
        event.actor_type, event.actor_id
    ):
        return None
    action = ACTION_OF_STATUS.get(InquiryStatus(typed.status))
    inquiry = await Inquiry.filter(id=event.subject_id).first()
    if action is None or inquiry is None or inquiry.external_id is None:
        return None
    if inquiry.external_integration_id is None:
        return None
    comment = action_comment(await _case_name(inquiry.id), typed.comment)
    row, created = await PersonaAction.get_or_create(
        event_id=event.id,
        defaults={
            "organization_id": inquiry.organization_id,
            "integration_id": inquiry.external_integration_id,
            "inquiry_id": inquiry.id,
            "persona_inquiry_id": inquiry.external_id,
            "action": action.value,
            "comment": comment,
            "next_attempt_at": dt.datetime.fromisoformat(event.created_at),
        },
    )
    if created:
        await Inquiry.filter(id=inquiry.id).update(external_sync_status=ExternalSyncStatus.PENDING)
    return row


async def claim_due(now: dt.datetime, limit: int, lease: dt.timedelta) -> list[Claimed]:
    """Take up to ``limit`` due actions with a lease (skipping rows another sender holds)."""
    async with in_transaction():
        due = await (
            PersonaAction.filter(status=PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        for action in due:
            action.attempts += 1
            action.next_attempt_at = now + lease
            await action.save(update_fields=["attempts", "next_attempt_at"])
    found = await PersonaIntegration.filter(id__in={a.integration_id for a in due})
    integrations = {i.id: i for i in found}
    return [
        Claimed(a, integrations[a.integration_id]) for a in due if a.integration_id in integrations
    ]


def retryable(outcome: Outcome) -> bool:
    """Network trouble, 408, 409, 429 and 5xx are tried again; other 4xx answers are final."""
    status = outcome.response_status
    return status is None or status in (408, 409, 429) or status >= 500


async def record(
    claimed: Claimed, outcome: Outcome, *, now: dt.datetime, retry_scale: float
) -> None:
    """Settle one attempt: succeeded, retry later (n**6 s backoff), or failed; the inquiry's
    sync status follows its newest action."""
    async with in_transaction():
        action = await PersonaAction.filter(id=claimed.action.id).select_for_update().first()
        if action is None or action.status is not PENDING:
            return
        action.attempt_log = [*action.attempt_log, outcome.as_json(action.attempts)][
            -ATTEMPTS_KEPT:
        ]
        sync: ExternalSyncStatus | None = None
        if outcome.succeeded:
            action.status, action.completed_at, action.next_attempt_at = (
                ActionStatus.SUCCEEDED,
                now,
                None,
            )
            action.last_error = None  # type: ignore[assignment]
            sync = ExternalSyncStatus.SYNCED
        elif not retryable(outcome) or action.attempts >= MAX_ATTEMPTS:
            action.status, action.completed_at, action.next_attempt_at = (
                ActionStatus.FAILED,
                now,
                None,
            )
            action.last_error = outcome.summary()
            sync = ExternalSyncStatus.FAILED
        else:
            wait = retry_delay_seconds(action.attempts, retry_scale)
            action.next_attempt_at = now + dt.timedelta(seconds=wait)
            action.last_error = outcome.summary()
        await action.save()
        newest = await PersonaAction.filter(inquiry_id=action.inquiry_id).order_by("-id").first()
        if sync is not None and newest is not None and newest.id == action.id:
            await Inquiry.filter(id=action.inquiry_id).update(external_sync_status=sync)
