"""Accounts, reports, verifications and transactions: objects other systems send us."""

from collections.abc import Callable, Sequence
from typing import Any

from tortoise.models import Model

from app.db.models import Account, Report, Transaction, Verification
from app.domain.bounds import at_most
from app.domain.errors import ValidationError
from app.domain.events import (
    AccountCreated,
    DomainEvent,
    ReportCreated,
    ReportReady,
    TransactionCreated,
    VerificationCreated,
)
from app.domain.objects import ReportStatus
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.tags import normalize_tags
from app.services.uow import unit_of_work

WORD = 64  # characters of a type name (the column's width)
STATUS = 32  # characters of a free-text status (verifications, transactions)
REFERENCE = 200  # characters of a reference id


def _word(value: str, field: str, maximum: int = WORD) -> str:
    text = value.strip()
    if not text or len(text) > maximum:
        raise ValidationError.of(field, f"must be 1-{maximum} characters")
    return text


def _reference(value: str | None) -> str | None:
    return None if value is None else at_most(value, REFERENCE, "referenceId", "characters")


async def _create(
    actor: Principal,
    model: type[Model],
    events: Callable[[int], Sequence[DomainEvent]],
    **values: Any,
) -> Any:
    require(actor, Operation.MANAGE_OBJECTS)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        row = await model.create(organization_id=actor.organization_id, **values)
        for event in events(row.pk):
            await uow.emit(event)
    return row


async def create_account(
    *,
    actor: Principal,
    reference_id: str | None = None,
    fields: dict[str, Any] | None = None,
    tags: list[str] | None = None,
) -> Account:
    """Record an account (the customer's end user)."""
    clean_tags = normalize_tags(tags or [])
    reference_id = _reference(reference_id)
    result: Account = await _create(
        actor,
        Account,
        lambda pk: [AccountCreated(subject_id=pk, reference_id=reference_id)],
        reference_id=reference_id,
        fields_data=fields or {},
        tags=clean_tags,
    )
    return result


async def create_report(
    *,
    actor: Principal,
    report_type: str,
    status: ReportStatus = ReportStatus.PENDING,
    has_match: bool = False,
    fields: dict[str, Any] | None = None,
) -> Report:
    """Record a report (watchlist, adverse media, ...)."""
    kind = _word(report_type, "reportType")
    ready = status is ReportStatus.READY
    result: Report = await _create(
        actor,
        Report,
        lambda pk: [
            event(subject_id=pk, report_type=kind, status=status, has_match=has_match)
            for event in ([ReportCreated, ReportReady] if ready else [ReportCreated])
        ],
        report_type=kind,
        status=status,
        has_match=has_match,
        fields_data=fields or {},
    )
    return result


async def create_verification(
    *, actor: Principal, verification_type: str, status: str, fields: dict[str, Any] | None = None
) -> Verification:
    """Record a verification (government id, selfie, database, ...)."""
    kind = _word(verification_type, "verificationType")
    state = _word(status, "status", STATUS)
    result: Verification = await _create(
        actor,
        Verification,
        lambda pk: [VerificationCreated(subject_id=pk, verification_type=kind, status=state)],
        verification_type=kind,
        status=state,
        fields_data=fields or {},
    )
    return result


async def create_transaction(
    *,
    actor: Principal,
    transaction_type: str,
    status: str,
    reference_id: str | None = None,
    fields: dict[str, Any] | None = None,
) -> Transaction:
    """Record a transaction (often the trigger of an AML alert case)."""
    kind = _word(transaction_type, "transactionType")
    state = _word(status, "status", STATUS)
    reference_id = _reference(reference_id)
    result: Transaction = await _create(
        actor,
        Transaction,
        lambda pk: [
            TransactionCreated(
                subject_id=pk, transaction_type=kind, status=state, reference_id=reference_id
            )
        ],
        transaction_type=kind,
        status=state,
        reference_id=reference_id,
        fields_data=fields or {},
    )
    return result
