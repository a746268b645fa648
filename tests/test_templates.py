"""Case templates: defaults, custom statuses and fields, update, archive, typed errors."""

from tests.api import TEMPLATE_CREATE, make_case, make_template

DETAIL = """
query($id: ID!) {
  node(id: $id) {
    ... on CaseTemplate {
      name key archived assignmentPolicy notificationEmails
      statuses { name type }
      fieldDefinitions { key label type required }
    }
  }
}
"""

UPDATE = """
mutation($input: CaseTemplateUpdateInput!) {
  caseTemplateUpdate(input: $input) {
    __typename
    ... on CaseTemplatePayload { caseTemplate { name statuses { name } notificationEmails } }
    ... on ValidationError { code message problems { field message } }
    ... on Error { code message }
  }
}
"""

ARCHIVE = """
mutation($id: ID!) {
  caseTemplateArchive(input: {id: $id}) {
    __typename
    ... on CaseTemplatePayload { caseTemplate { archived } }
    ... on Error { code message }
  }
}
"""

LIST = "query($all: Boolean!) { caseTemplates(includeArchived: $all) { nodes { key } } }"
CREATE_ERRORS = """
mutation($input: CaseTemplateCreateInput!) {
  caseTemplateCreate(input: $input) {
    __typename
    ... on ValidationError { problems { field message } }
  }
}
"""


async def test_defaults_match_persona(admin):
    template = await make_template(admin, "KYC")
    data = await admin(DETAIL, id=template)
    assert data["node"] == {
        "name": "KYC review",
        "key": "KYC",
        "archived": False,
        "assignmentPolicy": "MANUAL",
        "notificationEmails": [],
        "statuses": [
            {"name": "Open", "type": "INITIAL"},
            {"name": "Pending", "type": "INTERMEDIATE"},
            {"name": "Approved", "type": "END"},
            {"name": "Declined", "type": "END"},
        ],
        "fieldDefinitions": [],
    }


async def test_custom_statuses_fields_and_notifications(admin):
    template = await make_template(
        admin,
        "AML",
        statuses=[
            {"name": "New", "type": "INITIAL"},
            {"name": "In Review", "type": "INTERMEDIATE"},
            {"name": "Will not File", "type": "END"},
            {"name": "Submitted to FinCEN", "type": "END"},
        ],
        fieldDefinitions=[{"key": "amount", "label": "Amount", "type": "NUMBER", "required": True}],
        notificationEmails=["Ops@Acme.example", "ops@acme.example"],
        assignmentPolicy="ROUND_ROBIN",
    )
    data = (await admin(DETAIL, id=template))["node"]
    assert data["statuses"][0] == {"name": "New", "type": "INITIAL"}
    assert data["fieldDefinitions"] == [
        {"key": "amount", "label": "Amount", "type": "NUMBER", "required": True}
    ]
    assert data["notificationEmails"] == ["ops@acme.example"]
    assert data["assignmentPolicy"] == "ROUND_ROBIN"
    case = await make_case(admin, template, fields={"amount": 12000.5})
    assert (case["name"], case["status"]) == ("AML-1", "New")


async def test_create_errors_name_every_field(admin):
    await make_template(admin, "KYC")
    data = await admin(
        CREATE_ERRORS,
        input={
            "name": "x",
            "key": "KYC",
            "statuses": [{"name": "Only", "type": "INITIAL"}],
        },
    )
    assert data["caseTemplateCreate"] == {
        "__typename": "ValidationError",
        "problems": [{"field": "statuses", "message": "needs at least one end status"}],
    }
    dup = await admin(CREATE_ERRORS, input={"name": "x", "key": "KYC"})
    assert dup["caseTemplateCreate"]["problems"] == [
        {"field": "key", "message": "a template with key 'KYC' already exists"}
    ]
    bad = await admin(
        CREATE_ERRORS, input={"name": "x", "key": "lower", "notificationEmails": ["nope"]}
    )
    assert bad["caseTemplateCreate"]["problems"] == [
        {
            "field": "key",
            "message": "must be 1-16 upper-case letters or digits, starting with a letter",
        }
    ]
    email = await admin(
        CREATE_ERRORS, input={"name": "x", "key": "OK", "notificationEmails": ["nope"]}
    )
    assert email["caseTemplateCreate"]["problems"] == [
        {"field": "notificationEmails.0", "message": "'nope' is not a valid email address"}
    ]


async def test_update_keeps_statuses_that_cases_use(admin):
    template = await make_template(admin)
    case = await make_case(admin, template)
    assert case["status"] == "Open"
    refused = await admin(
        UPDATE,
        input={
            "id": template,
            "statuses": [{"name": "New", "type": "INITIAL"}, {"name": "Done", "type": "END"}],
        },
    )
    assert refused["caseTemplateUpdate"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "statuses: cases of this template are in status Open; keep it",
        "problems": [
            {"field": "statuses", "message": "cases of this template are in status Open; keep it"}
        ],
    }
    ok = await admin(
        UPDATE,
        input={
            "id": template,
            "name": "KYC v2",
            "statuses": [{"name": "Open", "type": "INITIAL"}, {"name": "Done", "type": "END"}],
            "notificationEmails": ["lead@acme.example"],
        },
    )
    assert ok["caseTemplateUpdate"] == {
        "__typename": "CaseTemplatePayload",
        "caseTemplate": {
            "name": "KYC v2",
            "statuses": [{"name": "Open"}, {"name": "Done"}],
            "notificationEmails": ["lead@acme.example"],
        },
    }


async def test_archive_hides_the_template_and_is_not_repeatable(admin):
    template = await make_template(admin)
    await make_template(admin, "AML")
    assert (await admin(ARCHIVE, id=template))["caseTemplateArchive"] == {
        "__typename": "CaseTemplatePayload",
        "caseTemplate": {"archived": True},
    }
    again = await admin(ARCHIVE, id=template)
    assert again["caseTemplateArchive"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION_ERROR",
        "message": "id: the template is already archived",
    }
    assert await admin(LIST, all=False) == {"caseTemplates": {"nodes": [{"key": "AML"}]}}
    assert await admin(LIST, all=True) == {
        "caseTemplates": {"nodes": [{"key": "KYC"}, {"key": "AML"}]}
    }


async def test_template_create_reports_typed_errors_in_the_union(admin):
    data = await admin(TEMPLATE_CREATE, input={"name": " ", "key": "X"})
    assert data["caseTemplateCreate"] == {
        "__typename": "ValidationError",
        "message": "name: must not be blank",
        "code": "VALIDATION_ERROR",
    }
