"""`case(id:)` reads the case and its template in one statement when both are asked for,
with the same answers as reading them one by one, and never another organization's case."""

from bench.documents import CASE
from tests.api import make_case, make_template

CASE_ALONE = "query($id: ID!) { case(id: $id) { id name } }"
BY_NODE = """
query($id: ID!) { node(id: $id) { ... on Case { id name status state version createdAt
  template { id name key } } } }
"""


async def test_the_joined_read_answers_as_the_node_does(admin):
    case = (await make_case(admin, await make_template(admin)))["id"]
    joined = await admin(CASE, id=case)
    by_node = await admin(BY_NODE, id=case)
    assert joined["case"] == by_node["node"]
    assert joined["case"]["template"]["key"] == "KYC"
    assert await admin(CASE_ALONE, id=case) == {"case": {"id": case, "name": "KYC-1"}}


async def test_another_organizations_case_is_null_either_way(admin, other_admin):
    theirs = (await make_case(other_admin, await make_template(other_admin)))["id"]
    assert await admin(CASE, id=theirs) == {"case": None}
    assert await admin(CASE_ALONE, id=theirs) == {"case": None}
    assert (await other_admin(CASE, id=theirs))["case"]["id"] == theirs
