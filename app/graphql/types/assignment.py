"""Assignment explanations and notifications."""

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from app.db import models
from app.domain.assignment import Decision
from app.graphql.context import Info
from app.graphql.types.common import AssignmentPolicy, Availability, RowNode
from app.graphql.types.tenancy import User

if TYPE_CHECKING:
    from app.graphql.types.cases import Case


@strawberry.enum(description="Why a candidate could not receive the case.")
class ExclusionReason(Enum):
    BUSY = strawberry.enum_value("busy", description="Busy: keeps cases, receives none.")
    UNAVAILABLE = strawberry.enum_value("unavailable", description="Unavailable.")
    AT_CAPACITY = strawberry.enum_value(
        "at_capacity", description="Holds as many open cases as the template's capacity."
    )


async def _user(info: Info, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    row = await info.context.loaders.rows(models.User).load(user_id)
    return User.from_row(row) if row else None


@strawberry.type(description="One candidate the policy considered.")
class AssignmentCandidate:
    user_id: strawberry.Private[int]
    availability: Availability = strawberry.field(description="Availability at decision time.")
    open_cases: int = strawberry.field(description="Open cases the user held.")
    excluded: ExclusionReason | None = strawberry.field(
        description="Why the user could not receive the case; null when eligible."
    )

    @strawberry.field(description="The user.")
    async def user(self, info: Info) -> User | None:
        return await _user(info, self.user_id)


@strawberry.type(description="What an assignment policy decided, and why.")
class AssignmentExplanation:
    policy: AssignmentPolicy = strawberry.field(description="The template's policy.")
    reason: str = strawberry.field(description="Why this user, or why nobody.")
    candidates: list[AssignmentCandidate] = strawberry.field(
        description="Everyone considered, with open counts and exclusions."
    )
    chosen_id: strawberry.Private[int | None]

    @strawberry.field(description="Who gets (or would get) the case; null when nobody can.")
    async def chosen(self, info: Info) -> User | None:
        return await _user(info, self.chosen_id)

    @classmethod
    def from_decision(cls, decision: Decision) -> "AssignmentExplanation":
        """Build from the domain decision."""
        data: dict[str, Any] = decision.explanation()
        return cls(
            policy=decision.policy,
            reason=decision.reason,
            chosen_id=decision.chosen,
            candidates=[
                AssignmentCandidate(
                    user_id=c["user_id"],
                    availability=Availability(c["availability"]),
                    open_cases=c["open_cases"],
                    excluded=ExclusionReason(c["excluded"]) if c["excluded"] else None,
                )
                for c in data["candidates"]
            ],
        )


@strawberry.type(description="An entry of the caller's in-app inbox.")
class Notification(RowNode[models.Notification]):
    MODEL = models.Notification

    @strawberry.field(description="The event it is about, e.g. case.assigned.")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="One-line summary.")
    def message(self) -> str:
        return str(self.row.message)

    @strawberry.field(description="The case it is about.")
    async def case(
        self, info: Info
    ) -> Annotated["Case", strawberry.lazy("app.graphql.types.cases")] | None:
        from app.graphql.types.cases import Case

        if self.row.case_id is None:
            return None
        row = await info.context.loaders.rows(models.Case).load(self.row.case_id)
        return Case.from_row(row) if row else None

    @strawberry.field(description="When it was read; null while unread.")
    def read_at(self) -> dt.datetime | None:
        return self.row.read_at

    @strawberry.field(description="When it arrived.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="One email to one recipient about one event (admins).")
class NotificationDelivery(RowNode[models.NotificationDelivery]):
    MODEL = models.NotificationDelivery

    @strawberry.field(description="Recipient address.")
    def recipient(self) -> str:
        return str(self.row.recipient)

    @strawberry.field(description="Email subject.")
    def subject(self) -> str:
        return str(self.row.subject)

    @strawberry.field(description="pending, sent or failed.")
    def status(self) -> str:
        return str(self.row.status)

    @strawberry.field(description="Attempts made so far.")
    def attempts(self) -> int:
        return int(self.row.attempts)

    @strawberry.field(description="Error of the last failed attempt.")
    def last_error(self) -> str | None:
        return self.row.last_error

    @strawberry.field(description="When it was sent.")
    def sent_at(self) -> dt.datetime | None:
        return self.row.sent_at

    @strawberry.field(description="Global id of the event that caused it.")
    def event_id(self) -> relay.GlobalID:
        return relay.GlobalID("Event", str(self.row.event_id))
