"""Every node type built from a row by ``RowNode.from_row`` holds what its dataclass
``__init__`` would have built from the same row: the same attributes, the same values."""

from types import SimpleNamespace

import pytest
import strawberry
from strawberry.relay.utils import to_base64
from strawberry.types import get_object_definition

import app.graphql.schema  # noqa: F401  (imports every node type)
from app.graphql.types.common import RowNode, _defaults


def _node_types() -> list[type[RowNode]]:
    found, todo = [], list(RowNode.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if get_object_definition(cls) is not None and cls.__name__ != "RowNode":
            found.append(cls)
    return found


NODE_TYPES = _node_types()


def test_every_node_type_is_seen():
    names = {cls.__name__ for cls in NODE_TYPES}
    assert {"Case", "CaseTemplate", "User", "Inquiry", "Account", "Report"} <= names


@pytest.mark.parametrize("cls", NODE_TYPES, ids=lambda cls: cls.__name__)
def test_from_row_builds_what_init_builds(cls):
    row = SimpleNamespace(pk=41, **{name: object() for name in cls.COLUMNS})
    name = get_object_definition(cls, strict=True).name
    expected = cls(
        id=41,
        _id=strawberry.ID(to_base64(name, 41)),
        row=row,
        **{column: getattr(row, column) for column in cls.COLUMNS},
    )
    built = cls.from_row(row)
    assert type(built) is cls
    assert vars(built) == vars(expected)
    assert _defaults(cls) is not None, "built by __init__: a field has no plain default"
