"""Inquiries and the other records: create, update, lifecycle events."""

import datetime as dt

from tests.api import INQUIRY_CREATE, make_case, make_inquiry, make_template

UPDATE = """
mutation($input: InquiryUpdateInput!) {
  inquiryUpdate(input: $input) {
    __typename
    ... on InquiryPayload {
      inquiry { referenceId nameFirst nameLast birthdate fields account { referenceId } }
    }
    ... on Error { code message }
  }
}
"""

SET_STATUS = """
mutation($input: InquirySetStatusInput!) {
  inquirySetStatus(input: $input) {
    __typename
    ... on InquiryPayload { inquiry { status completedAt decisionedAt } }
    ... on Error { code message }
  }
}
"""

ACCOUNT = """
mutation { accountCreate(input: {referenceId: "acct-9", fields: {plan: "pro"}}) {
  ... on AccountPayload { account { id referenceId fields } } } }
"""

INQUIRY = """
query($id: ID!) {
  node(id: $id) {
    ... on Inquiry {
      status referenceId creator { email } cases { name }
    }
  }
}
"""

LOG = """
{ inquiries { nodes { referenceId status } } }
"""

REPORT_BAD = """
mutation { reportCreate(input: {reportType: " "}) { __typename ... on Error { code message } } }
"""


async def test_create_and_update_an_inquiry(admin):
    account = (await admin(ACCOUNT))["accountCreate"]["account"]
    assert account["fields"] == {"plan": "pro"}
    inquiry = await make_inquiry(
        admin, referenceId="u-1", nameFirst="Ada", birthdate="2010-05-01", fields={"age": 16}
    )
    data = await admin(
        UPDATE,
        input={
            "id": inquiry,
            "nameLast": "Lovelace",
            "referenceId": None,
            "fields": {"age": None, "country": "GB"},
            "accountId": account["id"],
        },
    )
    assert data["inquiryUpdate"] == {
        "__typename": "InquiryPayload",
        "inquiry": {
            "referenceId": None,
            "nameFirst": "Ada",
            "nameLast": "Lovelace",
            "birthdate": "2010-05-01",
            "fields": {"country": "GB"},
            "account": {"referenceId": "acct-9"},
        },
    }


async def test_create_rejects_a_future_birthdate_and_non_object_fields(admin):
    future = await admin(INQUIRY_CREATE, input={"birthdate": "2999-01-01"})
    assert future["inquiryCreate"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "birthdate: must not be in the future",
    }
    scalar = await admin(INQUIRY_CREATE, input={"fields": [1, 2]})
    assert scalar["inquiryCreate"]["message"] == "fields: must be a JSON object"


async def test_lifecycle_emits_persona_events(admin):
    inquiry = await make_inquiry(admin, referenceId="u-2")
    moments = {}
    for status in ("PENDING", "COMPLETED", "NEEDS_REVIEW", "APPROVED"):
        before = dt.datetime.now(dt.UTC)
        data = await admin(SET_STATUS, input={"id": inquiry, "status": status})
        moments[status] = (before, dt.datetime.now(dt.UTC))
        assert data["inquirySetStatus"]["inquiry"]["status"] == status
    final = data["inquirySetStatus"]["inquiry"]
    completed, decisioned = moments["COMPLETED"], moments["APPROVED"]
    assert completed[0] <= dt.datetime.fromisoformat(final["completedAt"]) <= completed[1]
    assert decisioned[0] <= dt.datetime.fromisoformat(final["decisionedAt"]) <= decisioned[1]
    bad = await admin(SET_STATUS, input={"id": inquiry, "status": "PENDING"})
    assert bad["inquirySetStatus"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "status: an inquiry in status 'approved' can move to declined, needs_review, "
        "not 'pending'",
    }
    events = await admin(EVENTS, id=inquiry)
    assert [e["name"] for e in events["events"]["nodes"]] == [
        "inquiry.created",
        "inquiry.started",
        "inquiry.completed",
        "inquiry.marked-for-review",
        "inquiry.approved",
    ]


EVENTS = "query($id: ID!) { events(subjectId: $id) { nodes { name } } }"


async def test_an_inquiry_knows_its_creator_and_cases(admin):
    inquiry = await make_inquiry(admin, referenceId="u-3")
    await make_case(admin, await make_template(admin), objectIds=[inquiry])
    data = await admin(INQUIRY, id=inquiry)
    assert data["node"] == {
        "status": "CREATED",
        "referenceId": "u-3",
        "creator": {"email": "admin@acme.example"},
        "cases": [{"name": "KYC-1"}],
    }
    assert await admin(LOG) == {
        "inquiries": {"nodes": [{"referenceId": "u-3", "status": "CREATED"}]}
    }


async def test_records_validate_their_type(admin):
    data = await admin(REPORT_BAD)
    assert data["reportCreate"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "reportType: must be 1-64 characters",
    }


TRANSACTION = """
mutation($status: String!, $ref: String) {
  transactionCreate(input: {transactionType: "wire", status: $status, referenceId: $ref}) {
    __typename ... on Error { message }
  }
}
"""
INQUIRY_TOO_LONG = """
mutation($input: InquiryCreateInput!) {
  inquiryCreate(input: $input) { __typename ... on Error { message } }
}
"""


async def test_texts_longer_than_their_columns_are_refused(admin):  # found by the fuzzer
    status = await admin(TRANSACTION, status="x" * 33)
    assert status["transactionCreate"] == {
        "__typename": "ValidationError",
        "message": "status: must be 1-32 characters",
    }
    reference = await admin(TRANSACTION, status="settled", ref="r" * 201)
    assert reference["transactionCreate"] == {
        "__typename": "ValidationError",
        "message": "referenceId: at most 200 characters (got 201)",
    }
    name = await admin(INQUIRY_TOO_LONG, input={"nameFirst": "n" * 201})
    assert name["inquiryCreate"] == {
        "__typename": "ValidationError",
        "message": "nameFirst: at most 200 characters (got 201)",
    }
    fits = await admin(TRANSACTION, status="s" * 32, ref="r" * 200)
    assert fits["transactionCreate"]["__typename"] == "TransactionPayload"
