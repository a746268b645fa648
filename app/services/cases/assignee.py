"""The one writer of a case's assignee: people, policies, workflow steps and hand-backs all
assign through ``set_assignee``, so the case row and the ``case.assigned`` event agree."""

import datetime as dt
from typing import Any

from app.db.models import Case
from app.domain.events import CaseAssigned
from app.domain.principal import Actor
from app.services.uow import UnitOfWork


async def set_assignee(
    uow: UnitOfWork,
    case: Case,
    *,
    assignee_id: int | None,
    by: Actor,
    explanation: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """Give the (locked) case to ``assignee_id`` (None: unassign) on behalf of ``by``:
    records the assigner, the time, the updater and a new version, and appends
    ``case.assigned`` (with the policy's explanation when a policy decided)."""
    previous = case.assignee_id
    case.assignee_id = assignee_id
    case.assigner_type, case.assigner_id = by.type.value, by.id
    case.assigned_at = dt.datetime.now(dt.UTC) if assignee_id is not None else None
    case.updater_type, case.updater_id = by.type.value, by.id
    case.version += 1
    await case.save()
    await uow.emit(
        CaseAssigned(
            subject_id=case.id,
            assignee_id=assignee_id,
            previous_assignee_id=previous,
            explanation=explanation,
            reason=reason,
        ),
        actor=by,
    )
