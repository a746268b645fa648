"""Assignment policies and the pure choice of an assignee, with its explanation."""

from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.principal import Availability


class AssignmentPolicy(StrEnum):
    """Who receives a new case of a template."""

    MANUAL = "manual"
    INQUIRY_CREATOR = "inquiry_creator"
    CASE_CREATOR = "case_creator"
    ROUND_ROBIN = "round_robin"
    FEWEST_CASES = "fewest_cases"


class Exclusion(StrEnum):
    """Why a candidate cannot receive the case."""

    BUSY = "busy"
    UNAVAILABLE = "unavailable"
    AT_CAPACITY = "at_capacity"


@dataclass(frozen=True)
class Candidate:
    """A possible assignee: availability and how many open cases they hold now."""

    user_id: int
    availability: Availability
    open_cases: int


@dataclass(frozen=True)
class Decision:
    """Who gets the case (None: nobody can) and why; ``cursor`` is the new rotation cursor."""

    policy: AssignmentPolicy
    chosen: int | None
    reason: str
    candidates: tuple[Candidate, ...] = ()
    excluded: dict[int, Exclusion] = field(default_factory=dict)
    cursor: int | None = None

    def explanation(self) -> dict[str, object]:
        """The JSON form stored on the case.assigned event and shown by previews."""
        return {
            "policy": self.policy.value,
            "chosen_user_id": self.chosen,
            "reason": self.reason,
            "candidates": [
                {
                    "user_id": c.user_id,
                    "availability": c.availability.value,
                    "open_cases": c.open_cases,
                    "excluded": self.excluded[c.user_id].value
                    if c.user_id in self.excluded
                    else None,
                }
                for c in self.candidates
            ],
        }


def _exclusion(c: Candidate, capacity: int | None) -> Exclusion | None:
    if c.availability is Availability.UNAVAILABLE:
        return Exclusion.UNAVAILABLE
    if c.availability is Availability.BUSY:
        return Exclusion.BUSY
    if capacity is not None and c.open_cases >= capacity:
        return Exclusion.AT_CAPACITY
    return None


def _rotation(ids: list[int], cursor: int | None) -> list[int]:
    """Pool ids in round-robin order: those after the cursor first, then from the start."""
    ordered = sorted(ids)
    if cursor is None:
        return ordered
    return [i for i in ordered if i > cursor] + [i for i in ordered if i <= cursor]


def choose_assignee(
    policy: AssignmentPolicy,
    *,
    pool: list[Candidate],
    cursor: int | None,
    capacity: int | None,
    creator: Candidate | None = None,
) -> Decision:
    """Apply a policy. ``pool`` serves round robin and fewest cases; ``creator`` is the
    inquiry or case creator for the creator policies. Busy, unavailable and at-capacity
    candidates never receive a case."""
    if policy is AssignmentPolicy.MANUAL:
        return Decision(policy, None, "manual policy: cases wait for someone to assign them")
    if policy in (AssignmentPolicy.INQUIRY_CREATOR, AssignmentPolicy.CASE_CREATOR):
        who = "inquiry" if policy is AssignmentPolicy.INQUIRY_CREATOR else "case"
        if creator is None:
            return Decision(policy, None, f"no user created the {who}", cursor=cursor)
        why = _exclusion(creator, capacity)
        if why is not None:
            return Decision(
                policy,
                None,
                f"the {who} creator is {why.value.replace('_', ' ')}",
                (creator,),
                {creator.user_id: why},
                cursor,
            )
        return Decision(policy, creator.user_id, f"the {who} creator", (creator,), {}, cursor)

    candidates = tuple(sorted({c.user_id: c for c in pool}.values(), key=lambda c: c.user_id))
    excluded = {c.user_id: why for c in candidates if (why := _exclusion(c, capacity)) is not None}
    eligible = {c.user_id: c for c in candidates if c.user_id not in excluded}
    if not candidates:
        return Decision(policy, None, "the pool is empty", candidates, excluded, cursor)
    if not eligible:
        return Decision(
            policy, None, "nobody in the pool can take a case", candidates, excluded, cursor
        )
    order = [i for i in _rotation([c.user_id for c in candidates], cursor) if i in eligible]
    if policy is AssignmentPolicy.ROUND_ROBIN:
        chosen = order[0]
        reason = "next in rotation"
    else:
        fewest = min(c.open_cases for c in eligible.values())
        chosen = next(i for i in order if eligible[i].open_cases == fewest)
        reason = f"fewest open cases ({fewest}); ties broken by rotation"
    return Decision(policy, chosen, reason, candidates, excluded, chosen)
