"""The case list: filters, ordering, cursor pagination in both directions, totalCount."""

import datetime as dt

from app.domain.principal import Role
from tests.api import make_case, make_inquiry, make_template
from tests.waiting import eventually

CASES = """
query($filter: CaseFilterInput, $orderBy: CaseOrder, $first: Int, $after: String,
      $last: Int, $before: String) {
  cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last,
        before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { name }
  }
}
"""

NAMES_ONLY = """
query($filter: CaseFilterInput) { cases(filter: $filter) { nodes { name } } }
"""

UPDATED = "{ cases { nodes { updatedAt } } }"

SET_STATUS = """
mutation($id: ID!, $status: String!) {
  caseSetStatus(input: {id: $id, status: $status}) { __typename }
}
"""

ACCOUNT = """
mutation {
  accountCreate(input: {referenceId: "ref-A"}) { ... on AccountPayload { account { id } } }
}
"""

USERS = "{ users { nodes { id email } } }"


async def _names(api, **filter_):
    data = await api(NAMES_ONLY, filter=filter_)
    return [n["name"] for n in data["cases"]["nodes"]]


async def test_pages_forward_and_backward_without_gaps(admin):
    template = await make_template(admin)
    for _ in range(5):
        await make_case(admin, template)
    first = (await admin(CASES, first=2))["cases"]
    assert [n["name"] for n in first["nodes"]] == ["KYC-5", "KYC-4"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (5, True)
    assert first["pageInfo"]["hasPreviousPage"] is False
    second = (await admin(CASES, first=2, after=first["pageInfo"]["endCursor"]))["cases"]
    assert [n["name"] for n in second["nodes"]] == ["KYC-3", "KYC-2"]
    third = (await admin(CASES, first=2, after=second["pageInfo"]["endCursor"]))["cases"]
    assert [n["name"] for n in third["nodes"]] == ["KYC-1"]
    assert third["pageInfo"]["hasNextPage"] is False
    back = (await admin(CASES, last=2, before=third["pageInfo"]["startCursor"]))["cases"]
    assert [n["name"] for n in back["nodes"]] == ["KYC-3", "KYC-2"]
    assert back["pageInfo"]["hasPreviousPage"] is True
    oldest = await admin(CASES, orderBy={"field": "CREATED_AT", "direction": "ASC"}, first=2)
    assert [n["name"] for n in oldest["cases"]["nodes"]] == ["KYC-1", "KYC-2"]


async def test_order_by_last_update(admin):
    template = await make_template(admin)
    cases = [await make_case(admin, template) for _ in range(3)]
    # the status change must come strictly after the last creation, even on a coarse clock
    latest = max(
        dt.datetime.fromisoformat(n["updatedAt"]) for n in (await admin(UPDATED))["cases"]["nodes"]
    )
    await eventually(lambda: dt.datetime.now(dt.UTC) > latest, what="the clock moving on")
    await admin(SET_STATUS, id=cases[0]["id"], status="Pending")
    order = {"field": "UPDATED_AT", "direction": "DESC"}
    page = (await admin(CASES, orderBy=order, first=2))["cases"]
    assert [n["name"] for n in page["nodes"]] == ["KYC-1", "KYC-3"]
    rest = await admin(CASES, orderBy=order, first=2, after=page["pageInfo"]["endCursor"])
    assert [n["name"] for n in rest["cases"]["nodes"]] == ["KYC-2"]


async def test_page_size_and_cursor_errors_are_clear(admin):
    too_big = await admin.raw(CASES, first=101)
    assert too_big["errors"][0]["message"] == "first: must be between 1 and 100"
    assert too_big["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}
    both = await admin.raw(CASES, first=1, last=1)
    assert both["errors"][0]["message"] == "last: give `first` or `last`, not both"
    bad = await admin.raw(CASES, after="garbage")
    assert bad["errors"][0]["message"] == "after: not a cursor of this connection"


async def test_filters(admin):
    kyc = await make_template(admin, "KYC")
    aml = await make_template(admin, "AML")
    me = (await admin(USERS))["users"]["nodes"][0]["id"]
    inquiry = await make_inquiry(admin, referenceId="ref-I")
    account = (await admin(ACCOUNT))["accountCreate"]["account"]["id"]
    c1 = await make_case(admin, kyc, tags=["FRAUD"], assigneeId=me, objectIds=[inquiry])
    await make_case(admin, kyc, tags=["VIP"], objectIds=[account])
    await make_case(admin, aml)
    await admin(SET_STATUS, id=c1["id"], status="Approved")

    assert await _names(admin, templateIds=[aml]) == ["AML-1"]
    assert await _names(admin, statuses=["Approved"]) == ["KYC-1"]
    assert await _names(admin, state="OPEN") == ["AML-1", "KYC-2"]
    assert await _names(admin, assigneeIds=[me]) == ["KYC-1"]
    assert await _names(admin, unassigned=True) == ["AML-1", "KYC-2"]
    assert await _names(admin, unassigned=False) == ["KYC-1"]
    assert await _names(admin, assigneeIds=[me], unassigned=True) == ["AML-1", "KYC-2", "KYC-1"]
    assert await _names(admin, tag="VIP") == ["KYC-2"]
    assert await _names(admin, tag="VI") == []
    assert await _names(admin, inquiryId=inquiry) == ["KYC-1"]
    assert await _names(admin, accountId=account) == ["KYC-2"]
    assert await _names(admin, referenceId="ref-I") == ["KYC-1"]
    assert await _names(admin, referenceId="ref-A") == ["KYC-2"]
    assert await _names(admin, createdAfter="2999-01-01T00:00:00Z") == []
    assert await _names(admin, createdBefore="2999-01-01T00:00:00Z", templateIds=[kyc]) == [
        "KYC-2",
        "KYC-1",
    ]
    wrong = await admin.raw(NAMES_ONLY, filter={"templateIds": [inquiry]})
    assert wrong["errors"][0]["message"] == (
        "filter.templateIds.0: expected an id of type CaseTemplate, got one of type Inquiry"
    )
    assert wrong["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "filter.templateIds.0",
    }


async def test_viewers_can_list(admin):
    await make_case(admin, await make_template(admin))
    viewer = await admin.as_role("v@acme.example", Role.VIEWER)
    assert (await viewer(CASES))["cases"]["nodes"] == [{"name": "KYC-1"}]
