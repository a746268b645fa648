"""Hands waiting cases out when capacity frees: a case resolved or unassigned, a reviewer
back to available, a template's pool or capacity changed."""

from app.domain.events import (
    CaseAssigned,
    CaseResolved,
    CaseTemplateUpdated,
    UserAvailabilityUpdated,
)
from app.domain.principal import Actor, ActorType, Availability
from app.events.envelope import EventEnvelope
from app.services.assignment import fill_backlog
from app.services.uow import unit_of_work
from app.workers.consumer import LogConsumer


class AssignmentBacklog(LogConsumer):
    """Consumer ``assignment-backlog``."""

    name = "assignment-backlog"
    events = frozenset({CaseResolved, CaseAssigned, UserAvailabilityUpdated, CaseTemplateUpdated})

    def __init__(self) -> None:
        self._organizations: set[int] = set()

    async def handle(self, event: EventEnvelope) -> None:
        match event.event:
            case CaseAssigned(assignee_id=int()):
                return  # an assignment takes capacity; it frees none
            case UserAvailabilityUpdated(availability=availability) if (
                availability is not Availability.AVAILABLE
            ):
                return
        self._organizations.add(event.organization_id)

    async def after_batch(self) -> None:
        organizations, self._organizations = sorted(self._organizations), set()
        for organization_id in organizations:
            system = Actor(ActorType.SYSTEM, self.name)
            async with unit_of_work(organization_id, system) as uow:
                await fill_backlog(uow, organization_id)
