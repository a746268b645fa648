"""What workflow conditions and steps can read about a trigger event."""

from typing import Any

from app.db.models import (
    Account,
    Case,
    CaseObject,
    CaseTemplate,
    Inquiry,
    Report,
)
from app.domain.objects import ObjectType
from app.events.codec import encode
from app.events.envelope import EventEnvelope


def _inquiry(row: Inquiry) -> dict[str, Any]:
    return {
        "id": row.id,
        "status": row.status.value,
        "reference_id": row.reference_id,
        "name_first": row.name_first,
        "name_last": row.name_last,
        "birthdate": row.birthdate.isoformat() if row.birthdate else None,
        "fields": row.fields_data,
        "account_id": row.account_id,
        "creator_id": row.creator_id,
    }


def _account(row: Account) -> dict[str, Any]:
    return {
        "id": row.id,
        "reference_id": row.reference_id,
        "tags": list(row.tags),
        "fields": row.fields_data,
    }


async def _case(row: Case) -> dict[str, Any]:
    template = await CaseTemplate.get(id=row.template_id)
    inquiries = await CaseObject.filter(case_id=row.id, object_type=ObjectType.INQUIRY).order_by(
        "id"
    )
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "state": row.state.value,
        "resolution": row.resolution,
        "tags": list(row.tags),
        "fields": row.fields_data,
        "assignee_id": row.assignee_id,
        "template": {"id": template.id, "key": template.key, "name": template.name},
        "inquiry_ids": [link.object_id for link in inquiries],
    }


async def trigger_data(event: EventEnvelope) -> dict[str, Any]:
    """The event and its subject as plain data (read fresh)."""
    typed = event.event
    payload = encode(typed) if typed is not None else event.payload
    data: dict[str, Any] = {"event": {"name": event.name, "payload": payload}}
    subject = event.subject_type
    org = event.organization_id
    if subject == "inquiry":
        inquiry = await Inquiry.filter(id=event.subject_id, organization_id=org).first()
        if inquiry is not None:
            data["inquiry"] = _inquiry(inquiry)
            if inquiry.account_id is not None:
                account = await Account.filter(id=inquiry.account_id).first()
                if account is not None:
                    data["account"] = _account(account)
    elif subject == "case":
        case = await Case.filter(id=event.subject_id, organization_id=org).first()
        if case is not None:
            data["case"] = await _case(case)
    elif subject == "report":
        report = await Report.filter(id=event.subject_id, organization_id=org).first()
        if report is not None:
            data["report"] = {
                "id": report.id,
                "report_type": report.report_type,
                "status": report.status.value,
                "has_match": report.has_match,
                "fields": report.fields_data,
            }
    elif subject == "account":
        account = await Account.filter(id=event.subject_id, organization_id=org).first()
        if account is not None:
            data["account"] = _account(account)
    return data
