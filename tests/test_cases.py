"""Cases: create, fields, assignment, status, tags, comments, versions, timeline."""

import datetime as dt

from app.domain.principal import Role
from tests.api import CASE_CREATE, database_id, make_case, make_inquiry, make_template

FIELDS = [
    {"key": "risk", "label": "Risk", "type": "STRING", "required": True},
    {"key": "score", "label": "Score", "type": "INTEGER"},
]

CASE_DETAIL = """
query($id: ID!) {
  case(id: $id) {
    name status state resolution tags fields version slaExpiresAt resolvedAt
    template { key }
    assignee { email }
    creator { type user { email } apiKey { name } }
    assigner { type }
    resolver { type }
    inquiries { referenceId }
    comments { totalCount nodes { body author { type } } }
    events { nodes { name payload actor { type } } }
  }
}
"""

CASE_UPDATE = """
mutation($input: CaseUpdateInput!) {
  caseUpdate(input: $input) {
    __typename
    ... on CasePayload { case { fields version slaExpiresAt } }
    ... on ConflictError { code message currentVersion }
    ... on ValidationError { code field problems { field message } }
  }
}
"""

CASE_ASSIGN = """
mutation($input: CaseAssignInput!) {
  caseAssign(input: $input) {
    __typename
    ... on CasePayload { case { assignee { email } assigner { type } version } }
    ... on Error { code message }
  }
}
"""

CASE_SET_STATUS = """
mutation($input: CaseSetStatusInput!) {
  caseSetStatus(input: $input) {
    __typename
    ... on CasePayload { case { status state resolution resolver { type } version } }
    ... on Error { code message }
  }
}
"""

CASE_SET_TAGS = """
mutation($input: CaseSetTagsInput!) {
  caseSetTags(input: $input) {
    __typename
    ... on CasePayload { case { tags version } }
    ... on Error { code message }
  }
}
"""

COMMENT_ADD = """
mutation($input: CaseCommentAddInput!) {
  caseCommentAdd(input: $input) {
    __typename
    ... on CaseCommentAddPayload { comment { body author { type user { email } } } }
    ... on Error { code message }
  }
}
"""

USERS = "{ users { nodes { id email } } }"
HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)


async def test_create_names_cases_per_template_and_starts_in_the_initial_status(admin):
    kyc = await make_template(admin, "KYC")
    aml = await make_template(admin, "AML")
    names = [(await make_case(admin, t))["name"] for t in (kyc, kyc, aml, kyc)]
    assert names == ["KYC-1", "KYC-2", "AML-1", "KYC-3"]
    case = await make_case(admin, kyc)
    assert {k: case[k] for k in ("status", "state", "version")} == {
        "status": "Open",
        "state": "OPEN",
        "version": 1,
    }


async def test_create_with_everything_and_read_the_detail_graph(admin):
    template = await make_template(admin, fieldDefinitions=FIELDS)
    inquiry = await make_inquiry(admin, referenceId="user-7")
    me = (await admin(USERS))["users"]["nodes"][0]
    before = dt.datetime.now(dt.UTC)
    case = await make_case(
        admin,
        template,
        fields={"risk": "high", "score": 7},
        objectIds=[inquiry],
        tags=["FRAUD", "FRAUD", " VIP"],
        assigneeId=me["id"],
        slaExpiresInSeconds=3600,
    )
    after = dt.datetime.now(dt.UTC)
    detail = (await admin(CASE_DETAIL, id=case["id"]))["case"]
    sla = dt.datetime.fromisoformat(detail.pop("slaExpiresAt"))
    assert before + HOUR <= sla <= after + HOUR
    assert detail == {
        "name": "KYC-1",
        "status": "Open",
        "state": "OPEN",
        "resolution": None,
        "tags": ["FRAUD", "VIP"],
        "fields": {"risk": "high", "score": 7},
        "version": 2,  # created, then assigned (one writer of assignments)
        "resolvedAt": None,
        "template": {"key": "KYC"},
        "assignee": {"email": "admin@acme.example"},
        "creator": {
            "type": "API_KEY",
            "user": {"email": "admin@acme.example"},
            "apiKey": {"name": "cli"},
        },
        "assigner": {"type": "API_KEY"},
        "resolver": None,
        "inquiries": [{"referenceId": "user-7"}],
        "comments": {"totalCount": 0, "nodes": []},
        "events": {
            "nodes": [
                {
                    "name": "case.created",
                    "payload": {
                        "name": "KYC-1",
                        "template_id": database_id(template),
                        "template_key": "KYC",
                        "status": "Open",
                        "tags": ["FRAUD", "VIP"],
                        "objects": [{"type": "inquiry", "id": database_id(inquiry)}],
                    },
                    "actor": {"type": "API_KEY"},
                },
                {
                    "name": "case.assigned",
                    "payload": {
                        "assignee_id": database_id(me["id"]),
                        "previous_assignee_id": None,
                        "explanation": None,
                        "reason": None,
                    },
                    "actor": {"type": "API_KEY"},
                },
            ]
        },
    }


async def test_create_rejects_bad_fields_naming_each_one(admin):
    template = await make_template(admin, fieldDefinitions=FIELDS)
    data = await admin(
        CASE_CREATE, input={"templateId": template, "fields": {"score": "7", "colour": "red"}}
    )
    assert data["caseCreate"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "field": "fields.score",
        "message": "fields.score: must be an integer; fields.colour: is not a field of this "
        "template; fields.risk: is required",
        "problems": [
            {"field": "fields.score", "message": "must be an integer"},
            {"field": "fields.colour", "message": "is not a field of this template"},
            {"field": "fields.risk", "message": "is required"},
        ],
    }
    assert (await admin("{ cases { totalCount } }"))["cases"]["totalCount"] == 0


async def test_create_rejects_unknown_template_object_and_bad_sla(admin):
    template = await make_template(admin)
    inquiry = await make_inquiry(admin)
    await admin(
        "mutation($id: ID!) { caseTemplateArchive(input: {id: $id}) { __typename } }", id=template
    )
    archived = await admin(CASE_CREATE, input={"templateId": template})
    assert archived["caseCreate"]["message"] == "templateId: template KYC is archived"
    live = await make_template(admin, "AML")
    wrong_kind = await admin(CASE_CREATE, input={"templateId": inquiry})
    assert wrong_kind["caseCreate"]["problems"] == [
        {
            "field": "templateId",
            "message": "expected an id of type CaseTemplate, got one of type Inquiry",
        }
    ]
    sla = await admin(CASE_CREATE, input={"templateId": live, "slaExpiresInSeconds": 0})
    assert sla["caseCreate"]["problems"] == [
        {"field": "slaExpiresInSeconds", "message": "must be between 1 and 7776000 seconds"}
    ]


async def test_update_merges_fields_and_checks_the_version(admin):
    template = await make_template(admin, fieldDefinitions=FIELDS)
    case = await make_case(admin, template, fields={"risk": "low"})
    ok = await admin(
        CASE_UPDATE, input={"id": case["id"], "fields": {"score": 3}, "expectedVersion": 1}
    )
    assert ok["caseUpdate"] == {
        "__typename": "CasePayload",
        "case": {"fields": {"risk": "low", "score": 3}, "version": 2, "slaExpiresAt": None},
    }
    stale = await admin(
        CASE_UPDATE, input={"id": case["id"], "fields": {"score": 4}, "expectedVersion": 1}
    )
    assert stale["caseUpdate"] == {
        "__typename": "ConflictError",
        "code": "CONFLICT",
        "message": "case KYC-1 is at version 2, not 1; reload it and try again",
        "currentVersion": 2,
    }
    cleared = await admin(CASE_UPDATE, input={"id": case["id"], "fields": {"risk": None}})
    assert cleared["caseUpdate"]["problems"] == [{"field": "fields.risk", "message": "is required"}]
    detail = (await admin(CASE_DETAIL, id=case["id"]))["case"]
    assert (detail["fields"], detail["version"]) == ({"risk": "low", "score": 3}, 2)
    assert [e["name"] for e in detail["events"]["nodes"]] == [
        "case.created",
        "case.updated-fields",
    ]
    assert detail["events"]["nodes"][1]["payload"] == {
        "changes": {"score": {"old": None, "new": 3}}
    }


async def test_update_sets_and_clears_the_sla(admin):
    case = await make_case(admin, await make_template(admin))
    before = dt.datetime.now(dt.UTC)
    set_ = await admin(CASE_UPDATE, input={"id": case["id"], "slaExpiresInSeconds": 60})
    after = dt.datetime.now(dt.UTC)
    sla = dt.datetime.fromisoformat(set_["caseUpdate"]["case"]["slaExpiresAt"])
    assert before + MINUTE <= sla <= after + MINUTE
    cleared = await admin(CASE_UPDATE, input={"id": case["id"], "slaExpiresInSeconds": None})
    assert cleared["caseUpdate"]["case"]["slaExpiresAt"] is None
    empty = await admin(CASE_UPDATE, input={"id": case["id"]})
    assert empty["caseUpdate"]["problems"] == [
        {"field": "input", "message": "nothing to update: give fields or slaExpiresInSeconds"}
    ]


async def test_assign_unassign_and_typed_errors(admin, other_admin):
    case = await make_case(admin, await make_template(admin))
    reviewer = await admin.as_role("rev@acme.example", Role.REVIEWER)
    users = {u["email"]: u["id"] for u in (await admin(USERS))["users"]["nodes"]}
    assigned = await reviewer(
        CASE_ASSIGN,
        input={"id": case["id"], "assigneeId": users["rev@acme.example"], "expectedVersion": 1},
    )
    assert assigned["caseAssign"] == {
        "__typename": "CasePayload",
        "case": {
            "assignee": {"email": "rev@acme.example"},
            "assigner": {"type": "API_KEY"},
            "version": 2,
        },
    }
    again = await admin(
        CASE_ASSIGN, input={"id": case["id"], "assigneeId": users["rev@acme.example"]}
    )
    assert again["caseAssign"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "assigneeId: the case is already assigned to that user",
    }
    stranger = (await other_admin(USERS))["users"]["nodes"][0]["id"]
    foreign = await admin(CASE_ASSIGN, input={"id": case["id"], "assigneeId": stranger})
    assert foreign["caseAssign"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "message": "assigneeId: User not found",
    }
    unassigned = await admin(CASE_ASSIGN, input={"id": case["id"], "assigneeId": None})
    assert unassigned["caseAssign"]["case"]["assignee"] is None


async def test_status_resolves_reopens_and_records_the_comment(admin):
    case = await make_case(admin, await make_template(admin))
    resolved = await admin(
        CASE_SET_STATUS,
        input={"id": case["id"], "status": "Approved", "comment": "docs ok", "expectedVersion": 1},
    )
    assert resolved["caseSetStatus"] == {
        "__typename": "CasePayload",
        "case": {
            "status": "Approved",
            "state": "RESOLVED",
            "resolution": "Approved",
            "resolver": {"type": "API_KEY"},
            "version": 2,
        },
    }
    reopened = await admin(CASE_SET_STATUS, input={"id": case["id"], "status": "Pending"})
    assert reopened["caseSetStatus"]["case"] == {
        "status": "Pending",
        "state": "OPEN",
        "resolution": None,
        "resolver": None,
        "version": 3,
    }
    unknown = await admin(CASE_SET_STATUS, input={"id": case["id"], "status": "Closed"})
    assert unknown["caseSetStatus"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "status: 'Closed' is not a status of this template "
        "(Open, Pending, Approved, Declined)",
    }
    detail = (await admin(CASE_DETAIL, id=case["id"]))["case"]
    assert [e["name"] for e in detail["events"]["nodes"]] == [
        "case.created",
        "case.status-updated",
        "case.resolved",
        "case.commented",
        "case.status-updated",
        "case.reopened",
    ]
    assert detail["comments"] == {
        "totalCount": 1,
        "nodes": [{"body": "docs ok", "author": {"type": "API_KEY"}}],
    }


async def test_tags_replace_and_emit_what_changed(admin):
    case = await make_case(admin, await make_template(admin), tags=["A", "B"])
    data = await admin(CASE_SET_TAGS, input={"id": case["id"], "tags": ["B", "C"]})
    assert data["caseSetTags"] == {
        "__typename": "CasePayload",
        "case": {"tags": ["B", "C"], "version": 2},
    }
    same = await admin(CASE_SET_TAGS, input={"id": case["id"], "tags": ["B", "C"]})
    assert same["caseSetTags"]["case"]["version"] == 2
    events = (await admin(CASE_DETAIL, id=case["id"]))["case"]["events"]["nodes"]
    assert events[-1] == {
        "name": "case.updated-tags",
        "payload": {"tags": ["B", "C"], "added": ["C"], "removed": ["A"]},
        "actor": {"type": "API_KEY"},
    }


async def test_comments(admin):
    case = await make_case(admin, await make_template(admin))
    data = await admin(COMMENT_ADD, input={"id": case["id"], "body": "  looks odd  "})
    assert data["caseCommentAdd"] == {
        "__typename": "CaseCommentAddPayload",
        "comment": {
            "body": "looks odd",
            "author": {"type": "API_KEY", "user": {"email": "admin@acme.example"}},
        },
    }
    blank = await admin(COMMENT_ADD, input={"id": case["id"], "body": "  "})
    assert blank["caseCommentAdd"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "body: must not be blank",
    }
