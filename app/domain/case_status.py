"""The status machine of a case: which statuses it may enter and what entering one means."""

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.events import CaseReopened, CaseResolved, CaseStatusEvent, CaseStatusUpdated
from app.domain.templates import StatusDef, StatusType, find_status


class CaseState(StrEnum):
    """A case's derived state: open until an end status is entered."""

    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class StatusChange:
    """What entering a status does: the new state and resolution and the events to append."""

    status: str
    state: CaseState
    resolution: str | None
    events: tuple[type[CaseStatusEvent], ...]


def plan_status_change(
    statuses: list[StatusDef],
    current: str,
    target: str,
    *,
    comment: str | None,
    field: str = "status",
) -> StatusChange:
    """Decide the effect of moving a case from ``current`` to ``target``.

    Any status of the template may be entered from any other (Persona's templates have no
    transition graph): entering an end status resolves the case, leaving one reopens it.
    """
    new = find_status(statuses, target)
    if new is None:
        names = ", ".join(s.name for s in statuses)
        raise ValidationError.of(field, f"'{target}' is not a status of this template ({names})")
    if target == current:
        raise ValidationError.of(field, f"the case is already in status '{target}'")
    if comment is not None and not comment.strip():
        raise ValidationError.of("comment", "must not be blank when given")
    old = find_status(statuses, current)
    was_end = old is not None and old.type is StatusType.END
    is_end = new.type is StatusType.END
    events: list[type[CaseStatusEvent]] = [CaseStatusUpdated]
    if is_end:
        events.append(CaseResolved)
    elif was_end:
        events.append(CaseReopened)
    return StatusChange(
        status=new.name,
        state=CaseState.RESOLVED if is_end else CaseState.OPEN,
        resolution=new.name if is_end else None,
        events=tuple(events),
    )
