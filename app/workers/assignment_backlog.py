"""Hands waiting cases out when capacity frees: a case resolved or unassigned, a reviewer
back to available, a template's pool or capacity changed."""

from app.db.models import Event
from app.domain.principal import Actor, ActorType, Availability
from app.events.envelope import EventEnvelope
from app.services.assignment import fill_backlog
from app.services.uow import UnitOfWork
from app.workers.consumer import LogConsumer


class AssignmentBacklog(LogConsumer):
    """Consumer ``assignment-backlog``."""

    name = "assignment-backlog"
    events = frozenset(
        {"case.resolved", "case.assigned", "user.availability-updated", "case-template.updated"}
    )

    def __init__(self) -> None:
        self._organizations: set[int] = set()

    async def handle(self, event: Event, outbox: list[EventEnvelope]) -> None:
        if event.name == "case.assigned" and event.payload.get("assignee_id") is not None:
            return
        if (
            event.name == "user.availability-updated"
            and event.payload.get("availability") != Availability.AVAILABLE
        ):
            return
        self._organizations.add(event.organization_id)

    async def after_batch(self, outbox: list[EventEnvelope]) -> None:
        organizations, self._organizations = sorted(self._organizations), set()
        for organization_id in organizations:
            uow = UnitOfWork(organization_id, Actor(ActorType.SYSTEM, self.name))
            await fill_backlog(uow, organization_id)
            outbox.extend(uow.events)
