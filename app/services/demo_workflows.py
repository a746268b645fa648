"""The two workflows of the seed scenario, as the demo seeds them (published, version 1)."""

from typing import Any

from app.domain.events import EventName

KYC_INTAKE: dict[str, Any] = {
    "trigger": EventName.INQUIRY_COMPLETED,
    "routes": [
        {
            "name": "under 18",
            "when": {"path": "inquiry.birthdate", "op": "younger_than_years", "value": 18},
            "steps": [
                {"id": "review", "kind": "inquiry_mark_for_review"},
                {
                    "id": "open",
                    "kind": "case_create",
                    "template": "KYC",
                    "fields": {"risk": "high"},
                    "tags": ["MINOR"],
                    "link_trigger": True,
                },
            ],
        },
        {"name": "adult", "else": True, "steps": [{"id": "approve", "kind": "inquiry_approve"}]},
    ],
}

KYC_DECISION: dict[str, Any] = {
    "trigger": EventName.CASE_RESOLVED,
    "criteria": {"path": "case.template.key", "op": "eq", "value": "KYC"},
    "routes": [
        {
            "name": "approved",
            "when": {"path": "case.resolution", "op": "eq", "value": "Approved"},
            "steps": [{"id": "approve", "kind": "inquiry_approve", "inquiry": "case_inquiries"}],
        },
        {
            "name": "declined",
            "when": {"path": "case.resolution", "op": "eq", "value": "Declined"},
            "steps": [{"id": "decline", "kind": "inquiry_decline", "inquiry": "case_inquiries"}],
        },
    ],
}

SEED_WORKFLOWS = (("KYC intake", KYC_INTAKE), ("KYC decision", KYC_DECISION))
