"""Bounds on a GraphQL document, checked in one linear pass before graphql-core validates it.

Depth, aliases and the width of a selection set are counted over the operation with its
fragments expanded (each fragment is measured once per parent type and reused, so a
fragment bomb costs no more to measure than to write). The static cost is the number of
objects the operation could return: every list multiplies what is below it by its declared
maximum, and a connection by its page size (``first``/``last``, default 20), as GitHub's and
Shopify's node limits do. Nothing here touches the database.
"""

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

from app.graphql.list_limits import CONNECTION_LIST_FIELDS, LIST_MAXIMA
from app.graphql.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


@dataclass(frozen=True)
class DocumentBudget:
    """The limits one operation must stay within."""

    max_depth: int = 12
    max_aliases: int = 30
    max_selections: int = 100
    max_cost: int = 500_000  # GitHub's node limit


@dataclass(frozen=True)
class _Measure:
    depth: int
    aliases: int
    cost: int


class LimitError(Exception):
    """A document breaks one of the limits (named in ``limit``)."""

    def __init__(self, limit: str, message: str, *, maximum: int, actual: int) -> None:
        super().__init__(message)
        self.limit, self.maximum, self.actual = limit, maximum, actual

    def to_graphql(self) -> GraphQLError:
        """A labelled, client-facing error."""
        return GraphQLError(
            str(self),
            extensions={
                "code": "GRAPHQL_VALIDATION_FAILED",
                "limit": self.limit,
                "maximum": self.maximum,
                "actual": self.actual,
            },
        )


def _named(type_: Any) -> tuple[GraphQLNamedType, bool]:
    """The named type under NonNull/List wrappers, and whether it is a list."""
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(type_, GraphQLList)
        type_ = type_.of_type
    return type_, is_list


def _page_value(given: Any) -> int | None:
    """What a variable passed as ``first``/``last`` contributes: an integer, or nothing."""
    return given if isinstance(given, int) and not isinstance(given, bool) else None


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        budget: DocumentBudget,
    ) -> None:
        self.schema, self.fragments, self.variables, self.budget = (
            schema,
            fragments,
            variables,
            budget,
        )
        self.memo: dict[tuple[str, str], _Measure] = {}
        self.visiting: set[str] = set()
        self.read: set[str] = set()  # the variables the measure depends on

    def page_size(self, field: FieldNode) -> int:
        size = None
        for argument in field.arguments or ():
            if argument.name.value not in ("first", "last"):
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                size = int(value.value)
            elif isinstance(value, VariableNode):
                self.read.add(value.name.value)
                size = _page_value(self.variables.get(value.name.value))
        if size is None:
            return DEFAULT_PAGE_SIZE
        return max(1, min(size, MAX_PAGE_SIZE))

    def multiplier(self, parent: GraphQLNamedType, field: FieldNode, is_list: bool) -> int:
        key = f"{parent.name}.{field.name.value}"
        if parent.name.endswith("Connection") and field.name.value in CONNECTION_LIST_FIELDS:
            return 1  # the page size was counted on the connection field
        returns, _ = _named(self._field_type(parent, field.name.value))
        if returns.name.endswith("Connection"):
            return self.page_size(field)
        if not is_list:
            return 1
        return LIST_MAXIMA.get(key, MAX_PAGE_SIZE)

    def _field_type(self, parent: GraphQLNamedType, name: str) -> Any:
        fields = getattr(parent, "fields", None)
        if fields is None or name not in fields:
            return None
        return fields[name].type

    def selection_set(self, parent: GraphQLNamedType, node: SelectionSetNode) -> _Measure:
        selections = node.selections
        if len(selections) > self.budget.max_selections:
            raise LimitError(
                "selections",
                f"a selection set has {len(selections)} selections; at most "
                f"{self.budget.max_selections} are allowed",
                maximum=self.budget.max_selections,
                actual=len(selections),
            )
        depth = aliases = cost = 0
        for selection in selections:
            if isinstance(selection, FieldNode):
                measure = self.field(parent, selection)
            elif isinstance(selection, InlineFragmentNode):
                target = parent
                if selection.type_condition is not None:
                    target = self.schema.get_type(selection.type_condition.name.value) or parent
                inner = self.selection_set(target, selection.selection_set)
                measure = _Measure(inner.depth, inner.aliases, inner.cost)
            elif isinstance(selection, FragmentSpreadNode):
                measure = self.spread(parent, selection)
            else:
                continue
            depth = max(depth, measure.depth)
            aliases += measure.aliases
            cost += measure.cost
            self.check(depth, aliases, cost)
        return _Measure(depth, aliases, cost)

    def field(self, parent: GraphQLNamedType, node: FieldNode) -> _Measure:
        aliases = 1 if node.alias is not None else 0
        type_ = self._field_type(parent, node.name.value)
        if node.selection_set is None or type_ is None:
            return _Measure(1, aliases, 0)
        named, is_list = _named(type_)
        factor = self.multiplier(parent, node, is_list)
        inner = self.selection_set(named, node.selection_set)
        is_object = isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType)
        own = factor if is_object else 0
        return _Measure(inner.depth + 1, aliases + inner.aliases, own + factor * inner.cost)

    def spread(self, parent: GraphQLNamedType, node: FragmentSpreadNode) -> _Measure:
        name = node.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in self.visiting:
            return _Measure(0, 0, 0)  # unknown or cyclic: graphql-core's validation reports it
        target = self.schema.get_type(fragment.type_condition.name.value) or parent
        key = (name, target.name)
        if key not in self.memo:
            self.visiting.add(name)
            try:
                self.memo[key] = self.selection_set(target, fragment.selection_set)
            finally:
                self.visiting.discard(name)
        return self.memo[key]

    def check(self, depth: int, aliases: int, cost: int) -> None:
        budget = self.budget
        for limit, actual, maximum, what in (
            ("depth", depth, budget.max_depth, "is nested {actual} levels deep"),
            ("aliases", aliases, budget.max_aliases, "uses {actual} aliases"),
            ("cost", cost, budget.max_cost, "could return {actual} objects"),
        ):
            if actual > maximum:
                raise LimitError(
                    limit,
                    f"the operation {what.format(actual=actual)}; the limit is {maximum}",
                    maximum=maximum,
                    actual=actual,
                )


class _Checked:
    """The outcomes of one (document, operation, budget): by the values of the variables the
    measure read (page sizes), so a repeated operation is not walked again."""

    MAX_OUTCOMES = 64

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, read: tuple[str, ...]):
        self.schema, self.document, self.read = schema, document, read
        self.outcomes: dict[tuple[int | None, ...], LimitError | None] = {}

    def values(self, variables: Mapping[str, Any]) -> tuple[int | None, ...]:
        return tuple(_page_value(variables.get(name)) for name in self.read)


_CHECKED: OrderedDict[tuple[int, int, str | None, DocumentBudget], _Checked] = OrderedDict()
CHECKED_SIZE = 256  # documents: the parser cache holds as many


def _walk(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any],
    budget: DocumentBudget,
) -> tuple[LimitError | None, tuple[str, ...]]:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    walker = _Walker(schema, fragments, variables, budget)
    try:
        for operation in operations:
            root = schema.get_root_type(operation.operation)
            if root is not None:
                measure = walker.selection_set(root, operation.selection_set)
                walker.check(measure.depth, measure.aliases, measure.cost)
    except LimitError as error:
        return error, tuple(sorted(walker.read))
    return None, tuple(sorted(walker.read))


def check_document(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    budget: DocumentBudget,
) -> GraphQLError | None:
    """The first limit the chosen operation breaks, as a labelled error (None: within budget).

    Outcomes are remembered per document object (the parser cache hands back the same one
    for the same text; an entry holds its document, so the identity cannot be reused) and
    per value of the variables the walk read, so a repeated operation costs a lookup."""
    variables = variables or {}
    key = (id(schema), id(document), operation_name, budget)
    checked = _CHECKED.get(key)
    if checked is None or checked.document is not document or checked.schema is not schema:
        error, read = _walk(schema, document, operation_name, variables, budget)
        checked = _CHECKED[key] = _Checked(schema, document, read)
        checked.outcomes[checked.values(variables)] = error
        while len(_CHECKED) > CHECKED_SIZE:
            _CHECKED.popitem(last=False)
        return error.to_graphql() if error else None
    _CHECKED.move_to_end(key)
    values = checked.values(variables)
    if values in checked.outcomes:
        error = checked.outcomes[values]
    else:
        error, _ = _walk(schema, document, operation_name, variables, budget)
        if len(checked.outcomes) < _Checked.MAX_OUTCOMES:
            checked.outcomes[values] = error
    return error.to_graphql() if error else None
