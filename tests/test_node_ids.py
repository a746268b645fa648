"""Node ids are plain attributes encoded once per node (no resolver call per node), and they
are relay's global ids: base64 of "Type:pk", accepted back by `node(id:)`."""

import base64

from strawberry.types import get_object_definition

import app.graphql.schema  # noqa: F401  (imports every node type)
from app.graphql.ids import BIG_KEYS, MAX_ID, row_id
from app.graphql.types.common import RowNode

CREATE_TEMPLATE = """
mutation { caseTemplateCreate(input: {name: "KYC review", key: "KYC"}) {
  ... on CaseTemplatePayload { caseTemplate { id } } } }
"""
NODE = "query($id: ID!) { node(id: $id) { id ... on CaseTemplate { key } } }"


def _row_node_types() -> list[type]:
    found, todo = [], list(RowNode.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_node_id_is_a_plain_attribute():
    names = []
    for cls in _row_node_types():
        definition = get_object_definition(cls, strict=True)
        (id_field,) = [f for f in definition.fields if f.graphql_name == "id"]
        assert id_field.base_resolver is None, cls
        names.append(definition.name)
    assert {"Case", "CaseTemplate", "Inquiry", "User"} <= set(names)


async def test_an_id_is_relays_global_id_and_round_trips(admin):
    data = await admin(CREATE_TEMPLATE)
    ident = data["caseTemplateCreate"]["caseTemplate"]["id"]
    type_name, _, pk = base64.b64decode(ident).decode().partition(":")
    assert type_name == "CaseTemplate" and pk.isdigit()
    assert await admin(NODE, id=ident) == {"node": {"id": ident, "key": "KYC"}}


def test_big_keys_name_exactly_the_bigint_tables():
    from tortoise.fields import BigIntField

    for cls in _row_node_types():
        name = get_object_definition(cls, strict=True).name
        big = isinstance(cls.MODEL._meta.pk, BigIntField)
        assert (name in BIG_KEYS) is big, name


BEYOND = str(MAX_ID + 1)  # a valid 64-bit number no integer key holds
CASE_NODE = "query($id: ID!) { node(id: $id) { id } case(id: $id) { id } }"
ASSIGN = """
mutation($id: ID!) { caseAssign(input: {id: $id, assigneeId: null}) {
  __typename ... on ValidationError { problems { field message } } } }
"""


async def test_ids_beyond_the_key_column_name_nothing(admin):
    ident = base64.b64encode(f"Case:{BEYOND}".encode()).decode()
    assert await admin(CASE_NODE, id=ident) == {"node": None, "case": None}
    assigned = await admin(ASSIGN, id=ident)
    assert assigned["caseAssign"] == {
        "__typename": "ValidationError",
        "problems": [{"field": "id", "message": "is not a valid id"}],
    }
    assert row_id(str(MAX_ID)) == MAX_ID and row_id(BEYOND) is None
    assert row_id(BEYOND, big=True) == MAX_ID + 1
