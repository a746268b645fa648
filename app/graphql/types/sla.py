"""SLA settings and states in the API."""

import datetime as dt
from enum import Enum

import strawberry

from app.domain.errors import ValidationError
from app.domain.sla import BusinessHours as BusinessHoursValue
from app.domain.sla import SlaState
from app.graphql.types.common import expose_enum

expose_enum(
    SlaState,
    "Where a case stands against its SLA deadline.",
    {
        "NONE": "No deadline.",
        "ON_TRACK": "Open, clock running, before the warning time.",
        "WARNING": "Open, clock running, past the warning time, before the deadline.",
        "BREACHED": "The deadline passed while the case was open (also once resolved).",
        "PAUSED": "Open in one of the template's paused statuses: the clock stands still.",
        "MET": "Resolved before its deadline.",
    },
)


@strawberry.enum(description="A day of the week.")
class Weekday(Enum):
    MONDAY = strawberry.enum_value(0, description="Monday.")
    TUESDAY = strawberry.enum_value(1, description="Tuesday.")
    WEDNESDAY = strawberry.enum_value(2, description="Wednesday.")
    THURSDAY = strawberry.enum_value(3, description="Thursday.")
    FRIDAY = strawberry.enum_value(4, description="Friday.")
    SATURDAY = strawberry.enum_value(5, description="Saturday.")
    SUNDAY = strawberry.enum_value(6, description="Sunday.")


@strawberry.type(description="When SLA time runs: only inside these hours.")
class BusinessHours:
    timezone: str = strawberry.field(description="IANA timezone, e.g. Europe/Berlin.")
    weekdays: list[Weekday] = strawberry.field(description="Working days.")
    start: dt.time = strawberry.field(description="Local start time of a working day.")
    end: dt.time = strawberry.field(description="Local end time of a working day.")

    @classmethod
    def of(cls, value: BusinessHoursValue | None) -> "BusinessHours | None":
        """The API form of stored business hours."""
        if value is None:
            return None
        return cls(
            timezone=value.timezone,
            weekdays=[Weekday(d) for d in sorted(value.weekdays)],
            start=value.start,
            end=value.end,
        )


@strawberry.input(description="Business hours: SLA seconds count only inside them.")
class BusinessHoursInput:
    timezone: str = strawberry.field(description="IANA timezone name, e.g. Europe/Berlin.")
    weekdays: list[Weekday] = strawberry.field(description="Working days (1 to 7).")
    start: dt.time = strawberry.field(description="Local start time, e.g. 09:00.")
    end: dt.time = strawberry.field(description="Local end time, at least 15 minutes later.")

    def value(self) -> BusinessHoursValue:
        """As a domain value (validated by the service)."""
        if len(self.weekdays) > 7:
            raise ValidationError.of("businessHours.weekdays", "at most 7 days")
        days = frozenset(int(d.value) for d in self.weekdays)
        return BusinessHoursValue(self.timezone.strip(), days, self.start, self.end)
