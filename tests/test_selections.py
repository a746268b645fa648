"""The selections a point read and the case list look at, read from graphql-core's nodes,
name what strawberry's ``info.selected_fields`` names: plain fields, inline fragments and
fragment spreads, both connection shapes; the memo answers a repeated document the same."""

from typing import Any

import pytest
import strawberry
from graphql import execute_sync, parse

from app.graphql import selections
from app.graphql.selections import node_fields, object_fields

SEEN: list[tuple[frozenset[str], frozenset[str], set[str], set[str]]] = []


def _strawberry_names(info: Any) -> tuple[set[str], set[str]]:
    def fields(sel: Any) -> Any:
        for s in sel:
            if isinstance(s, strawberry.types.nodes.SelectedField):
                yield s
            else:
                yield from fields(s.selections)

    top = {f.name for selected in info.selected_fields for f in fields(selected.selections)}
    nodes: set[str] = set()
    for connection in info.selected_fields:
        for field in fields(connection.selections):
            if field.name == "nodes":
                nodes.update(f.name for f in fields(field.selections))
            elif field.name == "edges":
                for node in fields(field.selections):
                    if node.name == "node":
                        nodes.update(f.name for f in fields(node.selections))
    return top, nodes


@strawberry.type
class Item:
    name: str
    size: int


@strawberry.type
class Edge:
    node: Item
    cursor: str


@strawberry.type
class Page:
    edges: list[Edge]
    nodes: list[Item]
    total: int


@strawberry.type
class Query:
    @strawberry.field
    def page(self, info: strawberry.Info) -> Page:
        SEEN.append((object_fields(info), node_fields(info), *_strawberry_names(info)))
        return Page(edges=[], nodes=[], total=0)


SCHEMA = strawberry.Schema(query=Query)


@pytest.mark.parametrize(
    ("document", "top", "nodes"),
    [
        ("{ page { total } }", {"total"}, set()),
        ("{ page { edges { node { name } } } }", {"edges"}, {"name"}),
        ("{ page { nodes { size } edges { cursor } } }", {"nodes", "edges"}, {"size"}),
        (
            "{ page { ...P } } fragment P on Page { edges { node { ... on Item { name } ...S } } }"
            " fragment S on Item { size }",
            {"edges"},
            {"name", "size"},
        ),
        ("{ page { ... { total } t: total @skip(if: true) } }", {"total"}, set()),
        ("{ page { total } page { nodes { name } } }", {"total", "nodes"}, {"name"}),
    ],
)
def test_selections_name_what_strawberry_names(document, top, nodes):
    parsed = parse(document)
    for _ in range(2):  # the second time from the memo (the same nodes)
        SEEN.clear()
        result = execute_sync(SCHEMA._schema, parsed)
        assert result.errors is None
        ((mine_top, mine_nodes, theirs_top, theirs_nodes),) = SEEN
        assert (mine_top, mine_nodes) == (top, nodes)
        assert (set(mine_top), set(mine_nodes)) == (theirs_top, theirs_nodes)


def test_the_memo_is_bounded():
    selections._memo.clear()
    for n in range(selections._MEMO_SIZE + 3):
        execute_sync(SCHEMA._schema, parse(f"{{ page {{ total t{n}: total }} }}"))
    assert len(selections._memo) <= selections._MEMO_SIZE
