"""What a query selects below the field being resolved, read from the document's syntax tree
and remembered per field node: the point read and the case list look at it to load the
relations their objects will be asked for in the same statements.

strawberry's ``info.selected_fields`` builds a tree of dataclasses (arguments and directives
converted) on every call; here the names come straight from graphql-core's nodes
(``Info._raw_info``: the field nodes and the operation's fragments, pinned by
``tests/test_selections.py``). Like ``selected_fields``, directives are not evaluated: a field
under ``@skip`` counts as selected, which only means loading something unused. The answer
depends on nothing but the nodes: the parser cache hands every request for one document the
same nodes, and an entry keeps its nodes alive so that their ids are not reused."""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, SelectionNode

from app.graphql.context import Info

_MEMO_SIZE = 4096
_Memo = dict[tuple[str, tuple[int, ...]], tuple[tuple[FieldNode, ...], frozenset[str]]]
_memo: _Memo = {}


def _fields(
    selections: Iterable[SelectionNode], fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    """The fields of a selection set, looking through inline fragments and fragment spreads."""
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield selection
            continue
        if isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            selection_set = fragment.selection_set if fragment is not None else None
        else:  # an inline fragment
            selection_set = selection.selection_set  # type: ignore[attr-defined]
        if selection_set is not None:
            yield from _fields(selection_set.selections, fragments)


def _below(nodes: Iterable[FieldNode], fragments: Mapping[str, Any]) -> Iterator[FieldNode]:
    for node in nodes:
        if node.selection_set is not None:
            yield from _fields(node.selection_set.selections, fragments)


def _object_fields(nodes: tuple[FieldNode, ...], fragments: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(f.name.value for f in _below(nodes, fragments))


def _node_fields(nodes: tuple[FieldNode, ...], fragments: Mapping[str, Any]) -> frozenset[str]:
    names: set[str] = set()
    for field in _below(nodes, fragments):
        if field.name.value == "nodes":
            names.update(f.name.value for f in _below([field], fragments))
        elif field.name.value == "edges":
            for node in _below([field], fragments):
                if node.name.value == "node":
                    names.update(f.name.value for f in _below([node], fragments))
    return frozenset(names)


def _remembered(kind: str, info: Info) -> frozenset[str]:
    raw = info._raw_info
    nodes = tuple(raw.field_nodes)
    key = (kind, tuple(map(id, nodes)))
    entry = _memo.get(key)
    if entry is not None and all(a is b for a, b in zip(entry[0], nodes, strict=True)):
        return entry[1]
    names = (_object_fields if kind == "object" else _node_fields)(nodes, raw.fragments)
    if len(_memo) >= _MEMO_SIZE:
        _memo.clear()
    _memo[key] = (nodes, names)
    return names


def object_fields(info: Info) -> frozenset[str]:
    """Names of the fields the query selects on the object the resolving field returns
    (through fragments), so a point read can load what they read with it."""
    return _remembered("object", info)


def node_fields(info: Info) -> frozenset[str]:
    """Names of the fields the query selects on the nodes of the connection it resolves
    (``edges { node { ... } }`` and ``nodes { ... }``), so a list can preload their reads."""
    return _remembered("nodes", info)
