"""The case timeline with typed payloads: `Event.data` lets a frontend render each event
without guessing keys, next to the stored JSON `payload`."""

import base64

from tests.api import make_case, make_inquiry, make_template
from tests.test_cases import CASE_SET_STATUS

ME = "{ viewer { user { id } } }"

TIMELINE = """
query($id: ID!) {
  case(id: $id) {
    events {
      nodes {
        name
        data {
          __typename
          ... on CaseCreatedData {
            name templateId templateKey status tags objects { type id } payloadVersion
          }
          ... on CaseAssignedData {
            assigneeId previousAssigneeId explanation reason payloadVersion
          }
          ... on CaseStatusUpdatedData { status previousStatus comment resolution }
          ... on CaseResolvedData { status previousStatus comment resolution }
          ... on CaseCommentedData { body }
        }
      }
    }
  }
}
"""


async def test_each_timeline_entry_carries_its_typed_payload(admin):
    template = await make_template(admin)
    inquiry = await make_inquiry(admin, referenceId="user-7")
    me = (await admin(ME))["viewer"]["user"]["id"]
    case = await make_case(admin, template, objectIds=[inquiry], tags=["VIP"], assigneeId=me)
    await admin(CASE_SET_STATUS, input={"id": case["id"], "status": "Approved", "comment": "ok"})

    nodes = (await admin(TIMELINE, id=case["id"]))["case"]["events"]["nodes"]
    inquiry_number = int(inquiry_node_id(inquiry))
    assert nodes == [
        {
            "name": "case.created",
            "data": {
                "__typename": "CaseCreatedData",
                "name": "KYC-1",
                "templateId": template,
                "templateKey": "KYC",
                "status": "Open",
                "tags": ["VIP"],
                "objects": [{"type": "inquiry", "id": inquiry_number}],
                "payloadVersion": 1,
            },
        },
        {
            "name": "case.assigned",
            "data": {
                "__typename": "CaseAssignedData",
                "assigneeId": me,
                "previousAssigneeId": None,
                "explanation": None,
                "reason": None,
                "payloadVersion": 1,
            },
        },
        {
            "name": "case.status-updated",
            "data": {
                "__typename": "CaseStatusUpdatedData",
                "status": "Approved",
                "previousStatus": "Open",
                "comment": "ok",
                "resolution": "Approved",
            },
        },
        {
            "name": "case.resolved",
            "data": {
                "__typename": "CaseResolvedData",
                "status": "Approved",
                "previousStatus": "Open",
                "comment": "ok",
                "resolution": "Approved",
            },
        },
        {"name": "case.commented", "data": {"__typename": "CaseCommentedData", "body": "ok"}},
    ]


def inquiry_node_id(global_id: str) -> str:
    """The number inside a global id (payloads of linked objects carry plain ids)."""
    return base64.b64decode(global_id).decode().split(":", 1)[1]
