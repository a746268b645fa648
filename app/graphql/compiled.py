"""Compiled queries: a query document seen again runs as generated code (``compiled_code``)
instead of graphql-core's executor, when every field below its root fields is one the planned
executor reads without a resolve info (``app.graphql.field_plans``: attributes and
source-only resolvers, no arguments, no directives, no abstract types).

graphql-core builds an executor per operation (fragments, variables, a resolve-info helper)
and walks each selection generically for each object; for a 50-case page that is most of the
CPU left after planned execution. Here the root fields are resolved as graphql-core resolves
them (coerced arguments, strawberry's resolver with a real resolve info) and everything below
them is completed by one generated function per selection.

The compiled path answers only what succeeds without an error. Where graphql-core would report
an error, the operation runs again through graphql-core (queries read; a second run sees the
same rows through the request's loaders) and its answer is the answer, errors, paths and null
propagation included; a document whose values take a shape the generated code does not
complete runs through graphql-core from then on. A document is compiled the second time it
is executed (a stream of distinct documents compiles nothing), and at most ``PLANS`` are
kept. ``tests/test_compiled_queries.py`` compares both paths on every document shape.
"""

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NamedTuple

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLField,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
)
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.pyutils import Path, gather_with_cancel
from graphql.type.definition import GraphQLResolveInfoHelpers
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.schema import _OperationContextAwareGraphQLResolveInfo

from app.graphql.compiled_code import LATER, TYPENAME, Compiler, Unsupported, drop
from app.graphql.compiled_roots import RootCall, root_call
from app.graphql.field_plans import ContextInfo, reads_of

log = logging.getLogger("casegraph.graphql")
PLANS = 256  # compiled documents kept (the parser cache keeps as many documents)
MAX_COERCION_ERRORS = 50  # graphql-core's default; errors only matter on its own path

Completer = Callable[[Any, "State", ContextInfo], Any]


class RootField(NamedTuple):
    response_name: str
    field_name: str
    field: GraphQLField | None  # None: __typename
    nodes: list[FieldNode]
    completer: Completer | None
    call: RootCall | None  # None: the field's own resolve (strawberry's wrapper)


class Plan:
    """One compiled operation of one document."""

    __slots__ = ("disabled", "fragments", "operation", "reruns", "roots", "runs", "source")

    def __init__(
        self,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDefinitionNode],
        roots: list[RootField],
        source: str,
    ) -> None:
        self.operation = operation
        self.fragments = fragments
        self.roots = roots
        self.source = source
        self.runs = self.reruns = 0
        self.disabled = False


class State:
    """The values of one execution that are completed after the synchronous pass."""

    __slots__ = ("pending", "tracked")

    def __init__(self) -> None:
        self.pending: list[tuple[Any, Any, Any, Completer]] = []
        self.tracked: list[Any] = []

    def later(self, value: Any, container: Any, key: Any, completer: Completer) -> None:
        self.pending.append((value, container, key, completer))

    def track(self, values: Sequence[Any]) -> None:
        self.tracked.extend(v for v in values if optimized_is_awaitable(v))

    def discard(self) -> None:
        """Drop what was not awaited: coroutines are closed, tasks cancelled."""
        for value in [p[0] for p in self.pending] + self.tracked:
            drop(value)
        self.pending = []
        self.tracked = []


def _operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        raise Unsupported("no single operation")
    return operations[0]


def compile_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> Plan:
    """The plan of a validated document's operation; ``Unsupported`` when it has a part the
    compiled code does not run."""
    operation = _operation(document, operation_name)
    query_type = schema.query_type
    if operation.operation is not OperationType.QUERY or operation.directives or not query_type:
        raise Unsupported("not a plain query")
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    compiler = Compiler(reads_of(schema), fragments)
    grouped = compiler.collect(query_type, [operation.selection_set])
    roots: list[tuple[str, str, GraphQLField | None, list[FieldNode], str | None]] = []
    for response_name, nodes in grouped.items():
        field_name = nodes[0].name.value
        if field_name == TYPENAME:
            roots.append((response_name, field_name, None, nodes, None))
            continue
        if field_name.startswith("__"):
            raise Unsupported("introspection")
        field = query_type.fields[field_name]
        roots.append(
            (response_name, field_name, field, nodes, compiler.completer(field.type, nodes))
        )
    source = compiler.source()
    namespace = compiler.namespace
    exec(compile(source, "<compiled query>", "exec"), namespace)  # our own generated code
    strawberry_schema = getattr(schema, "_strawberry_schema", None)
    converter = getattr(strawberry_schema, "schema_converter", None)
    return Plan(
        operation,
        fragments,
        [
            RootField(
                response,
                name,
                field,
                nodes,
                namespace[c] if c else None,
                root_call(field, converter) if field is not None else None,
            )
            for response, name, field, nodes, c in roots
        ],
        source,
    )


async def _gather(values: Sequence[Awaitable[Any]]) -> list[Any]:
    return await gather_with_cancel(*values)


async def run_plan(
    plan: Plan,
    schema: GraphQLSchema,
    *,
    root_value: Any,
    context: Any,
    variables: dict[str, Any] | None,
    operation_extensions: dict[str, Any] | None,
) -> dict[str, Any] | None:
    """The operation's data, or ``None`` when graphql-core is to answer it (an error to
    report, or a shape the plan does not complete: then the plan is disabled)."""
    operation = plan.operation
    values = get_variable_values(
        schema, operation.variable_definitions or (), variables or {}, MAX_COERCION_ERRORS
    )
    if isinstance(values, list):
        return None  # graphql-core reports the variables' errors
    plan.runs += 1
    state = State()
    helpers = GraphQLResolveInfoHelpers(gather=_gather, track=state.track)
    context_info = ContextInfo(context)
    query_type = schema.query_type
    assert query_type is not None
    data: dict[str, Any] = {}
    try:
        for root in plan.roots:
            if root.field is None:
                data[root.response_name] = query_type.name
                continue
            info = _OperationContextAwareGraphQLResolveInfo(
                root.field_name, root.nodes, root.field.type, query_type,
                Path(None, root.response_name, query_type.name), schema, plan.fragments,
                root_value, operation, values.coerced, context, optimized_is_awaitable, None,
                helpers, operation_extensions,  # type: ignore[arg-type]  # None, as strawberry's
            )  # fmt: skip
            arguments = get_argument_values(root.field, root.nodes[0], values)
            assert root.completer is not None
            if root.call is not None:
                result = root.call(root_value, info, arguments)
            else:
                resolve = root.field.resolve
                assert resolve is not None
                result = resolve(root_value, info, **arguments)
            completed = root.completer(result, state, context_info)
            if completed is LATER:
                state.later(result, data, root.response_name, root.completer)
                completed = None  # its place in the answer, filled after the pass
            data[root.response_name] = completed
        while state.pending:
            pending, state.pending = state.pending, []
            if len(pending) == 1:
                resolved = [await pending[0][0]]
            else:
                resolved = await gather_with_cancel(*(p[0] for p in pending))
            for (_, container, key, completer), value in zip(pending, resolved, strict=True):
                completed = completer(value, state, context_info)
                if completed is LATER:
                    drop(value)
                    raise Unsupported("an awaitable that resolved to an awaitable")
                container[key] = completed
        if state.tracked:  # graphql-core settles tracked work in the background: its path
            raise Unsupported("a resolver tracked asynchronous work")
    except Unsupported as reason:
        state.discard()
        plan.disabled = True
        log.info("compiled query disabled (%s): graphql-core runs it", reason)
        return None
    except Exception as error:
        state.discard()
        plan.reruns += 1
        log.debug("compiled query answered by graphql-core (%s)", type(error).__name__)
        return None
    except BaseException:  # cancelled (the deadline): nothing is left un-awaited
        state.discard()
        raise
    return data


class _Entry:
    __slots__ = ("compiled", "document", "plan", "schema")

    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
        self.document = document
        self.plan: Plan | None = None
        self.compiled = False


class Plans:
    """Compiled plans by (schema, document, operation name): the document's second execution
    compiles it. Keyed by identity (the parser cache hands back the same DocumentNode for the
    same text); an entry holds its document, so the identity is not reused while cached."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[int, int, str | None], _Entry] = OrderedDict()

    def get(
        self, schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
    ) -> Plan | None:
        key = (id(schema), id(document), operation_name)
        entry = self.entries.get(key)
        if entry is None or entry.schema is not schema or entry.document is not document:
            self.entries[key] = _Entry(schema, document)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
            return None
        self.entries.move_to_end(key)
        if not entry.compiled:
            entry.compiled = True
            try:
                entry.plan = compile_operation(schema, document, operation_name)
            except Unsupported:
                entry.plan = None
            except Exception:  # a document the compiler mishandles runs through graphql-core
                log.exception("could not compile a query; graphql-core runs it")
                entry.plan = None
        plan = entry.plan
        return None if plan is None or plan.disabled else plan


PLANS_BY_DOCUMENT = Plans(PLANS)
