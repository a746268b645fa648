"""Node ids are plain attributes encoded once per node (no resolver call per node), and they
are relay's global ids: base64 of "Type:pk", accepted back by `node(id:)`."""

import base64

from strawberry.types import get_object_definition

import app.graphql.schema  # noqa: F401  (imports every node type)
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
