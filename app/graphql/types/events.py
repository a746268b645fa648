"""The event log as GraphQL: each change, who made it, and its details."""

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.db import models
from app.graphql.types.common import Actor, RowNode, actor_of

SUBJECT_TYPE_NAMES = {
    "case": "Case",
    "case_template": "CaseTemplate",
    "inquiry": "Inquiry",
    "account": "Account",
    "report": "Report",
    "verification": "Verification",
    "transaction": "Transaction",
    "user": "User",
    "team": "Team",
    "api_key": "ApiKey",
}


@strawberry.type(description="One entry of the append-only event log (a case's timeline).")
class Event(RowNode):
    MODEL = models.Event

    @strawberry.field(description="Event name, e.g. case.status-updated (Persona's names).")
    def name(self) -> str:
        return str(self.row.name)

    @strawberry.field(description="Global id of the object the event is about.")
    def subject_id(self) -> relay.GlobalID:
        type_name = SUBJECT_TYPE_NAMES.get(self.row.subject_type, self.row.subject_type)
        return relay.GlobalID(type_name, str(self.row.subject_id))

    @strawberry.field(description="Who caused it.")
    def actor(self) -> Actor:
        actor = actor_of(self.row.actor_type, self.row.actor_id)
        assert actor is not None
        return actor

    @strawberry.field(description="Event details, e.g. previous and new status.")
    def payload(self) -> JSON:
        return self.row.payload

    @strawberry.field(description="When it happened.")
    def occurred_at(self) -> dt.datetime:
        return self.row.created_at
