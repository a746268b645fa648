"""The event log as GraphQL: each change, who made it, and its details."""

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.db import models
from app.domain.events import SubjectType
from app.events.codec import decode
from app.graphql.types.common import Actor, RowNode, actor_of
from app.graphql.types.event_data import EventData, event_data


@strawberry.type(description="One entry of the append-only event log (a case's timeline).")
class Event(RowNode[models.Event]):
    MODEL = models.Event

    @strawberry.field(description="Event name, e.g. case.status-updated (Persona's names).")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="Global id of the object the event is about.")
    def subject_id(self) -> relay.GlobalID:
        type_name = SubjectType(self.row.subject_type).node_type
        return relay.GlobalID(type_name, str(self.row.subject_id))

    @strawberry.field(description="Who caused it.")
    def actor(self) -> Actor:
        actor = actor_of(self.row.actor_type, self.row.actor_id)
        assert actor is not None
        return actor

    @strawberry.field(description="Event details as stored JSON, e.g. previous and new status.")
    def payload(self) -> JSON:
        return self.row.payload

    @strawberry.field(
        description="Event details, typed per event name (see the event catalogue); null for a "
        "name this server no longer defines.",
        graphql_type=EventData | None,
    )
    def data(self) -> object:
        stored = self.row
        event = decode(stored.name, stored.subject_id, stored.payload, stored.payload_version)
        return event_data(event)

    @strawberry.field(description="When it happened.")
    def occurred_at(self) -> dt.datetime:
        return self.row.created_at
