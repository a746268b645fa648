"""The body of a webhook delivery: Persona's event object, its subject serialized JSON:API-style.

``{"data": {"type": "event", "id", "attributes": {"name", "created-at", "payload": {"data":
<subject>, "included": [<related objects>]}}}}`` with kebab-case keys. The subject carries the
API's global ids; its foreign keys become ``relationships`` and the related rows ``included``.
"""

import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.fields.relational import ForeignKeyFieldInstance
from tortoise.models import Model

from app.db import models
from app.domain.events import SubjectType
from app.domain.ids import global_id
from app.domain.webhooks import kebab
from app.events.envelope import EventEnvelope

MODELS: dict[SubjectType, type[Model]] = {
    SubjectType.CASE: models.Case,
    SubjectType.CASE_TEMPLATE: models.CaseTemplate,
    SubjectType.INQUIRY: models.Inquiry,
    SubjectType.ACCOUNT: models.Account,
    SubjectType.REPORT: models.Report,
    SubjectType.VERIFICATION: models.Verification,
    SubjectType.TRANSACTION: models.Transaction,
    SubjectType.USER: models.User,
    SubjectType.TEAM: models.Team,
    SubjectType.API_KEY: models.ApiKey,
    SubjectType.WORKFLOW: models.Workflow,
    SubjectType.WEBHOOK: models.Webhook,
}
_KIND_OF_MODEL = {model: kind for kind, model in MODELS.items()}
# never published: tenancy, secrets, and internal indexes
HIDDEN = frozenset({"organization", "key_hash", "tag_index", "secret", "previous_secret"})


def json_value(value: Any) -> Any:
    """A column value as JSON: times in ISO 8601, enums by value."""
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def resource_type(kind: SubjectType) -> str:
    """The JSON:API type of a subject kind: case, case-template, api-key, ..."""
    return kebab(kind.value)


def identifier(kind: SubjectType, ident: int) -> dict[str, str]:
    """A resource identifier object with the API's global id."""
    return {"type": resource_type(kind), "id": global_id(kind.node_type, ident)}


def resource(kind: SubjectType, row: Model) -> tuple[dict[str, Any], list[tuple[SubjectType, int]]]:
    """One row as a JSON:API resource, and the (kind, id) of the rows it relates to."""
    attributes: dict[str, Any] = {}
    relationships: dict[str, Any] = {}
    related: list[tuple[SubjectType, int]] = []
    meta = row._meta
    for name in meta.fk_fields:
        if name in HIDDEN:
            continue
        field = meta.fields_map[name]
        assert isinstance(field, ForeignKeyFieldInstance)
        target = _KIND_OF_MODEL.get(field.related_model)
        if target is None:
            continue
        target_id = getattr(row, f"{name}_id")
        data = None if target_id is None else identifier(target, target_id)
        relationships[kebab(name)] = {"data": data}
        if target_id is not None:
            related.append((target, target_id))
    fk_columns = {f"{name}_id" for name in meta.fk_fields}
    for name, column in meta.fields_db_projection.items():
        if name == meta.pk_attr or name in fk_columns or name in HIDDEN:
            continue
        attributes[kebab(column)] = json_value(getattr(row, name))
    body = {**identifier(kind, row.pk), "attributes": attributes}
    if relationships:
        body["relationships"] = relationships
    return body, related


async def subject_payload(kind: SubjectType, ident: int) -> dict[str, Any]:
    """``{"data": <subject>, "included": [<related rows>]}`` as the subject is now (a subject
    gone since the event is an identifier without attributes)."""
    model = MODELS.get(kind)
    row = await model.filter(id=ident).first() if model is not None else None
    if row is None:
        return {"data": identifier(kind, ident), "included": []}
    data, related = resource(kind, row)
    included = []
    for target, target_id in dict.fromkeys(related):
        other = await MODELS[target].filter(id=target_id).first()
        if other is not None:
            included.append(resource(target, other)[0])
    return {"data": data, "included": included}


async def event_body(event: EventEnvelope) -> str:
    """The JSON body every webhook receiving this event is sent."""
    kind = SubjectType(event.subject_type)
    created = dt.datetime.fromisoformat(event.created_at)
    body = {
        "data": {
            "type": "event",
            "id": global_id("Event", event.id),
            "attributes": {
                "name": event.name,
                "created-at": json_value(created.astimezone(dt.UTC)),
                "payload": await subject_payload(kind, event.subject_id),
            },
        }
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)
