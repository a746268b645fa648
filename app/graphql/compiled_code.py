"""The code a compiled query runs (``app.graphql.compiled``): one generated Python function per
selection, built once per document from the schema's field table (``app.graphql.field_plans``).

A compiled function reads each selected field of its object the way graphql-core would (a
plain attribute, or a resolver that takes the source alone or a ``ContextInfo``), coerces leaf
values inline, and builds the response dict in the selection's order. It handles only what
an answer without an error is made of. On anything else it raises:

- ``Bail`` where graphql-core would report an error (a null in a non-null field, a value a
  scalar refuses, an object of another class, an exception of a resolver): the operation
  runs again through graphql-core, which reports it with its message, path and propagation;
- ``Unsupported`` where the value has a shape the compiled code does not complete (an
  iterable that is not a list, an awaitable list item): graphql-core runs the operation
  instead, now and from then on.

A field whose value is awaitable is completed after the synchronous pass (``LATER``): its key
takes its position in the dict at once (``None`` until then), and ``State.later`` remembers
where the value goes; all of them are awaited together, as graphql-core gathers them.

The generated source never holds a string of the request: response names and every other
value reach it as numbered globals of its namespace (``k0``, ``k1``, ...).
"""

import asyncio
import keyword
from collections.abc import Callable
from enum import Enum
from types import CoroutineType
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLString,
    InlineFragmentNode,
    SelectionSetNode,
)
from graphql.pyutils import Undefined
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

from app.graphql.field_plans import FieldRead, Kind, leaf_coercer
from app.graphql.planned_completion import _exact_class

TYPENAME = "__typename"
MAX_FIELDS = 400  # field selections of a compiled document (compiling costs like validating)


class Bail(Exception):
    """An error graphql-core reports: the operation runs again through graphql-core."""


class Unsupported(Exception):
    """A shape the compiled code does not complete: graphql-core runs this document."""


class _Later:
    def __repr__(self) -> str:
        return "LATER"


LATER = _Later()  # a completer's answer for an awaitable value: completed after the pass


def drop(value: Any) -> None:
    """An awaitable the compiled code will not await: a coroutine is closed, a task
    cancelled (graphql-core, which runs the document instead, makes its own)."""
    if isinstance(value, CoroutineType):
        value.close()
    elif isinstance(value, asyncio.Task):
        value.cancel()


_GO_ON = object()  # _null_or_later: neither null nor awaitable


def _null_or_later(value: Any, non_null: bool, later: bool, awaitable: str) -> Any:
    """What a slow path answers for a null (``None``; ``Bail`` in a non-null position) and
    an awaitable (``LATER`` where the caller completes it after the pass; elsewhere it is
    dropped and the document is ``Unsupported``); ``_GO_ON`` for any other value."""
    if value is None or value is Undefined:
        if non_null:
            raise Bail
        return None
    if optimized_is_awaitable(value):
        if later:
            return LATER
        drop(value)
        raise Unsupported(awaitable)
    return _GO_ON


def slow_leaf(coerce: Callable[[Any], Any], value: Any, non_null: bool, later: bool) -> Any:
    """A leaf value the inline check did not take: null, awaitable, or coerced by its type."""
    early = _null_or_later(value, non_null, later, "an awaitable scalar attribute or list item")
    if early is not _GO_ON:
        return early
    coerced = coerce(value)
    if coerced is None or coerced is Undefined:
        raise Bail  # graphql-core: "Expected `coerce_output_value` to return non-nullable value"
    return coerced


def slow_object(
    value: Any, non_null: bool, later: bool, is_type_of: Callable[[Any, Any], Any] | None
) -> Any:
    """An object value the inline check did not take: null, awaitable, accepted by the
    type's ``is_type_of`` (an instance of a subclass, a cast: then the value itself), or
    refused (graphql-core reports an error)."""
    early = _null_or_later(value, non_null, later, "an awaitable list item")
    if early is not _GO_ON:
        return early
    if is_type_of is None or is_type_of(value, None) is True:
        return value  # strawberry's is_type_of reads nothing of its info
    raise Bail


def slow_list(value: Any, non_null: bool, later: bool) -> Any:
    """A list value that is not a ``list``: null, awaitable, or another iterable (which
    graphql-core completes, and the compiled code does not)."""
    early = _null_or_later(value, non_null, later, "an awaitable list in a list")
    if early is not _GO_ON:
        return early
    raise Unsupported("a list value that is not a list")


class Compiler:
    """Turns one operation's selections into source text and its namespace."""

    def __init__(
        self,
        reads: dict[str, dict[str, FieldRead]],
        fragments: dict[str, FragmentDefinitionNode],
    ) -> None:
        self.reads = reads
        self.fragments = fragments
        self.namespace: dict[str, Any] = {
            "Bail": Bail,
            "LATER": LATER,
            "slow_leaf": slow_leaf,
            "slow_object": slow_object,
            "slow_list": slow_list,
            "CAST": TYPE_CAST_ATTRIBUTE,
        }
        self.constants: dict[int, str] = {}
        self.chunks: list[str] = []
        self.functions = 0
        self.fields = 0

    def const(self, value: Any) -> str:
        """The global name that holds ``value`` in the generated code."""
        name = self.constants.get(id(value))
        if name is None or self.namespace.get(name) is not value:
            name = f"k{len(self.namespace)}"
            self.namespace[name] = value
            self.constants[id(value)] = name
        return name

    def source(self) -> str:
        return "\n".join(self.chunks)

    # selections

    def collect(
        self, object_type: GraphQLObjectType, selection_sets: list[SelectionSetNode]
    ) -> dict[str, list[FieldNode]]:
        """graphql-core's field collection for selections without directives and with type
        conditions naming the object's own type: response names in first-seen order."""
        grouped: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()

        def visit(selection_set: SelectionSetNode) -> None:
            for selection in selection_set.selections:
                if selection.directives:
                    raise Unsupported("a directive")
                if isinstance(selection, FieldNode):
                    name = selection.alias.value if selection.alias else selection.name.value
                    grouped.setdefault(name, []).append(selection)
                    continue
                if isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    if condition is not None and condition.name.value != object_type.name:
                        raise Unsupported("a type condition on another type")
                    visit(selection.selection_set)
                    continue
                assert isinstance(selection, FragmentSpreadNode)
                fragment_name = selection.name.value
                if fragment_name in visited:
                    continue
                visited.add(fragment_name)
                fragment = self.fragments.get(fragment_name)
                if (
                    fragment is None
                    or fragment.directives
                    or fragment.variable_definitions
                    or fragment.type_condition.name.value != object_type.name
                ):
                    raise Unsupported("a fragment on another type")
                visit(fragment.selection_set)

        for selection_set in selection_sets:
            visit(selection_set)
        self.fields += len(grouped)
        if self.fields > MAX_FIELDS:
            raise Unsupported("too many fields")
        return grouped

    # completers: def cN(w, X, C) -> completed value, LATER, or raises

    def completer(
        self, return_type: GraphQLOutputType, nodes: list[FieldNode], later: bool = True
    ) -> str:
        """The function completing a value of ``return_type`` selected by ``nodes``."""
        non_null = isinstance(return_type, GraphQLNonNull)
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        self.functions += 1
        name = f"c{self.functions}"
        if isinstance(inner, GraphQLObjectType):
            self._object(name, inner, nodes, non_null, later)
        elif isinstance(inner, GraphQLList):
            item = inner.of_type
            item_inner = item.of_type if isinstance(item, GraphQLNonNull) else item
            if isinstance(item_inner, (GraphQLScalarType, GraphQLEnumType)):
                check = self._leaf_check("x", "v", item_inner, isinstance(item, GraphQLNonNull))
                self.chunks.append(
                    f"def {name}(w, X, C):\n"
                    f"    if type(w) is not list:\n"
                    f"        return slow_list(w, {non_null}, {later})\n"
                    f"    out = []\n"
                    f"    for x in w:\n"
                    f"{_indent(check, 8)}\n"
                    f"        out.append(v)\n"
                    f"    return out\n"
                )
            else:
                item_completer = self.completer(item, nodes, later=False)
                self.chunks.append(
                    f"def {name}(w, X, C):\n"
                    f"    if type(w) is not list:\n"
                    f"        return slow_list(w, {non_null}, {later})\n"
                    f"    return [{item_completer}(x, X, C) for x in w]\n"
                )
        elif isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
            coerce = self.const(leaf_coercer(inner))
            self.chunks.append(
                f"def {name}(w, X, C):\n    return slow_leaf({coerce}, w, {non_null}, {later})\n"
            )
        else:
            raise Unsupported("an abstract type")
        return name

    def _object(
        self,
        name: str,
        object_type: GraphQLObjectType,
        nodes: list[FieldNode],
        non_null: bool,
        later: bool,
    ) -> None:
        exact = _exact_class(object_type)
        if object_type.is_type_of is not None and exact is None:
            raise Unsupported("a custom is_type_of")
        sub_sets = [node.selection_set for node in nodes if node.selection_set is not None]
        grouped = self.collect(object_type, sub_sets)
        body = [f"def {name}(w, X, C):"]
        if object_type.is_type_of is not None:
            # strawberry's is_type_of: an instance of the type's class, not cast, passes here;
            # anything else asks it (a subclass, a cast, an object of another type)
            is_type_of = self.const(object_type.is_type_of)
            body.append(
                f"    if type(w) is not {self.const(exact)} or getattr(w, CAST, None) is not None:"
            )
            body.append(f"        w = slow_object(w, {non_null}, {later}, {is_type_of})")
            body.append("        if w is None or w is LATER:")
            body.append("            return w")
        else:
            # graphql-core completes any value as this type: only null and awaitables differ
            guess = self.const(exact) if exact is not None else "dict"
            body.append(f"    if type(w) is not {guess} and (w is None or w is Undefined")
            body.append("            or optimized_is_awaitable(w)):")
            body.append(f"        w = slow_object(w, {non_null}, {later}, None)")
            body.append("        if w is None or w is LATER:")
            body.append("            return w")
            self.namespace["Undefined"] = Undefined
            self.namespace["optimized_is_awaitable"] = optimized_is_awaitable
        body.append("    s = w")
        body.append("    d = {}")
        reads = self.reads.get(object_type.name, {})
        for response_name, field_nodes in grouped.items():
            key = self.const(response_name)
            field_name = field_nodes[0].name.value
            if field_name == TYPENAME:
                body.append(f"    d[{key}] = {self.const(object_type.name)}")
                continue
            read = reads.get(field_name)
            if read is None or read.kind is Kind.OTHER:
                raise Unsupported("a field graphql-core resolves")
            field_type = object_type.fields[field_name].type
            if read.kind is Kind.LEAF:
                assert read.leaf_type is not None
                check = self._leaf_check(
                    _attribute("s", read.python_name), "v", read.leaf_type, read.non_null
                )
                body.append(_indent(check, 4))
                body.append(f"    d[{key}] = v")
                continue
            if read.kind is Kind.VALUE:
                body.append(f"    r = {_attribute('s', read.python_name)}")
            elif read.with_context:
                body.append(f"    r = {self.const(read.resolver)}(s, C)")
            else:
                body.append(f"    r = {self.const(read.resolver)}(s)")
            field_completer = self.completer(field_type, field_nodes)
            body.append(f"    v = {field_completer}(r, X, C)")
            body.append("    if v is LATER:")
            body.append(f"        v = X.later(r, d, {key}, {field_completer})")
            body.append(f"    d[{key}] = v")
        body.append("    return d\n")
        self.chunks.append("\n".join(body))

    def _leaf_check(self, value: str, target: str, leaf: Any, non_null: bool) -> str:
        """Statements setting ``target`` to the coerced leaf ``value`` (an expression)."""
        coerce = self.const(leaf_coercer(leaf))
        slow = f"slow_leaf({coerce}, u, {non_null}, False)"
        if leaf is GraphQLString or leaf is GraphQLID:
            fast = "type(u) is str"
        elif leaf is GraphQLInt:
            fast = "type(u) is int and -2147483648 <= u <= 2147483647"
        elif leaf is GraphQLBoolean:
            fast = "type(u) is bool"
        else:
            names = _enum_names(leaf)
            if names is None:
                return f"u = {value}\n{target} = {slow}"
            enum_class, by_member = names
            return (
                f"u = {value}\n"
                f"{target} = {self.const(by_member)}.get(u) "
                f"if type(u) is {self.const(enum_class)} else None\n"
                f"if {target} is None:\n"
                f"    {target} = {slow}"
            )
        return f"u = {value}\n{target} = u if {fast} else {slow}"


def _enum_names(leaf: Any) -> tuple[type, dict[Any, str]] | None:
    """A strawberry enum's class and the GraphQL name of each of its members."""
    if not isinstance(leaf, GraphQLEnumType):
        return None
    wrapped = getattr(leaf, "wrapped_cls", None)
    if not isinstance(wrapped, type) or not issubclass(wrapped, Enum):
        return None
    names = {}
    for member in wrapped:
        try:
            names[member] = leaf.coerce_output_value(member)
        except Exception:  # not a value of the GraphQL enum: left to the slow path
            continue
    return wrapped, names


def _attribute(source: str, python_name: str) -> str:
    if python_name.isidentifier() and not keyword.iskeyword(python_name):
        return f"{source}.{python_name}"
    raise Unsupported("an attribute name that is not an identifier")


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())
