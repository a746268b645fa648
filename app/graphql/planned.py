"""Planned execution: graphql-core's field execution and value completion, with each selection
set turned once per request into a list of steps from ``app.graphql.field_plans``.

graphql-core does the same generic work for every field of every object: a resolve info (14
attributes), strawberry's resolver wrapper (an ``Info``, argument conversion, the extension
chain) and a type dispatch. On a 50-case page that is ~700 fields. Here:

- a plain scalar attribute is read and coerced inline, without a ``Path``;
- a plain object attribute and a source-only (or ``@context_only``) resolver are called
  directly, and their value is completed without a resolve info;
- objects whose class is exactly their type's class skip ``is_type_of``'s general check.

Everything else (abstract types, async iterables, ``@stream``/``@defer`` positions,
``is_type_of`` of other classes, middleware) goes to graphql-core's own methods with a real
resolve info, and every anomaly (a null in a non-null field, a value a scalar refuses, an
exception) is handled the way graphql-core does: the same error, message, path and null
propagation. ``tests/test_planned_execution.py`` compares both executors (``planned = False``
is graphql-core's own path), and the whole suite runs on the planned one.
"""

from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple, TypeGuard

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.executor import invalid_return_type_error, to_nodes
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

from app.graphql.field_plans import OTHER, ContextInfo, FieldRead, Kind, reads_of

_MISSING = object()
TYPENAME = "__typename"


class Step(NamedTuple):
    response_name: str
    details: FieldDetailsList
    read: FieldRead | None  # None: __typename
    field_name: str
    # by object type: the steps of the selection below this field (PlannedExecution._sub_steps)
    below: dict[GraphQLObjectType, tuple[list["Step"] | None]]


def _exact_class(object_type: GraphQLObjectType) -> type | None:
    """The class whose instances strawberry's generated ``is_type_of`` accepts without
    looking further (no custom ``is_type_of``, not a generic specialization)."""
    definition = (object_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryObjectDefinition):
        return None
    if definition.is_type_of is not None or definition.concrete_of is not None:
        return None
    return definition.origin


class PlannedExecution:
    """Mixed into the executor class (``app.graphql.execution.PerEventExecutor``) in front
    of graphql-core's ``Executor``; ``planned = False`` turns it off (the reference the
    differential tests compare against)."""

    planned = True
    _steps_memo: dict[int, tuple[Any, list[Step]]]
    _reads: dict[str, dict[str, FieldRead]]

    # graphql-core's Executor provides these
    schema: Any
    context_value: Any
    is_awaitable: Callable[[Any], TypeGuard[Awaitable[Any]]]
    middleware_manager: Any

    def fresh_plans(self) -> None:
        """An empty memo of steps (a per-event copy of a subscription's executor)."""
        self._steps_memo = {}
        self._reads = reads_of(self.schema)

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> list[Step]:
        try:
            memo = self._steps_memo
        except AttributeError:
            self.fresh_plans()
            memo = self._steps_memo
        found = memo.get(id(grouped_field_set))
        if found is not None and found[0] is grouped_field_set:
            return found[1]
        reads = self._reads.get(parent_type.name, {})
        steps = []
        for response_name, details in grouped_field_set.items():
            field_name = details[0].node.name.value
            read = None if field_name == TYPENAME else reads.get(field_name)
            if read is not None and any(d.node.directives for d in details):
                read = OTHER  # a directive on the field (@stream, @skip...): graphql-core
            steps.append(Step(response_name, details, read, field_name, {}))
        # the grouped field set is kept alive with its steps, so its id is not reused
        memo[id(grouped_field_set)] = (grouped_field_set, steps)
        return steps

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        if not self.planned or position_context is not None or self._has_middleware():
            return super().execute_fields(  # type: ignore[misc]
                parent_type, source_value, path, grouped_field_set, position_context
            )
        return self._run_steps(
            parent_type, source_value, path, self._plan(parent_type, grouped_field_set)
        )

    def _run_steps(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        steps: list[Step],
    ) -> Any:
        """graphql-core's ``execute_fields`` over planned steps."""
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        type_name = parent_type.name
        try:
            for step in steps:
                name = step.response_name
                read = step.read
                if read is None:
                    if step.field_name == TYPENAME:
                        results[name] = type_name
                        continue
                    result = self.execute_field(  # type: ignore[attr-defined]
                        parent_type, source_value, step.details, Path(path, name, type_name), None
                    )
                elif read.kind is Kind.LEAF:
                    result = self._leaf(read, source_value)
                    if result is _MISSING:  # graphql-core says what is wrong, and where
                        result = self.execute_field(  # type: ignore[attr-defined]
                            parent_type,
                            source_value,
                            step.details,
                            Path(path, name, type_name),
                            None,
                        )
                elif read.kind is Kind.OTHER:
                    result = self.execute_field(  # type: ignore[attr-defined]
                        parent_type, source_value, step.details, Path(path, name, type_name), None
                    )
                else:
                    result = self._read(
                        parent_type, source_value, step, Path(path, name, type_name)
                    )
                if result is not Undefined:
                    results[name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background(  # type: ignore[attr-defined]
                    [results[field] for field in awaitable_fields]
                )
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
            else:
                awaited = await gather_with_cancel(*(results[f] for f in awaitable_fields))
                results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(manager.middlewares)

    @staticmethod
    def _leaf(read: FieldRead, source: Any) -> Any:
        """A scalar attribute, coerced; ``_MISSING`` when anything is unusual."""
        value = getattr(source, read.python_name, _MISSING)
        if value is None:
            return _MISSING if read.non_null else None
        if value is _MISSING:
            return _MISSING
        try:
            coerced = read.coerce(value)  # type: ignore[misc]
        except Exception:
            return _MISSING
        if coerced is None or coerced is Undefined:
            return _MISSING
        return coerced

    def _read(self, parent_type: GraphQLObjectType, source: Any, step: Step, path: Path) -> Any:
        """graphql-core's ``execute_field`` for a VALUE or CALL field, without a resolve
        info unless completion needs one."""
        read = step.read
        assert read is not None
        field_def = parent_type.fields[step.field_name]
        return_type = field_def.type
        try:
            if read.kind is Kind.VALUE:
                result = getattr(source, read.python_name)
            elif read.with_context:
                result = read.resolver(source, ContextInfo(self.context_value))  # type: ignore[misc]
            else:
                result = read.resolver(source)  # type: ignore[misc]
            if self.is_awaitable(result):
                return self._complete_awaitable(parent_type, step, path, result)
            completed = self._complete(return_type, parent_type, step, path, result)
            if self.is_awaitable(completed):
                return self._await_completed(return_type, step, path, completed)
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, step.details, path)  # type: ignore[attr-defined]
            return None
        return completed

    async def _await_completed(
        self, return_type: GraphQLOutputType, step: Step, path: Path, completed: Awaitable[Any]
    ) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, step.details, path)  # type: ignore[attr-defined]
            return None

    async def _complete_awaitable(
        self, parent_type: GraphQLObjectType, step: Step, path: Path, result: Any
    ) -> Any:
        return_type = parent_type.fields[step.field_name].type
        try:
            resolved = await self.with_abort_signal(result)  # type: ignore[attr-defined]
            completed = self._complete(return_type, parent_type, step, path, resolved)
            if self.is_awaitable(completed):
                completed = await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, step.details, path)  # type: ignore[attr-defined]
            return None
        return completed

    def _info(self, parent_type: GraphQLObjectType, step: Step, path: Path) -> Any:
        field_def = parent_type.fields[step.field_name]
        return self.build_resolve_info(  # type: ignore[attr-defined]
            field_def, to_nodes(step.details), parent_type, path
        )

    def _complete(
        self,
        return_type: GraphQLOutputType,
        parent_type: GraphQLObjectType,
        step: Step,
        path: Path,
        result: Any,
    ) -> Any:
        """graphql-core's ``complete_value`` for the shapes a page is made of; any other
        shape is completed by graphql-core with a resolve info."""
        if isinstance(result, Exception):
            raise result
        kind = return_type.__class__
        if kind is GraphQLNonNull:
            completed = self._complete(return_type.of_type, parent_type, step, path, result)  # type: ignore[union-attr]
            if completed is None:
                raise TypeError(
                    f"Cannot return null for non-nullable field {parent_type}.{step.field_name}."
                )
            return completed
        if result is None or result is Undefined:
            return None
        if kind is GraphQLObjectType:
            return self._complete_object(return_type, parent_type, step, path, result)  # type: ignore[arg-type]
        if kind is GraphQLScalarType or kind is GraphQLEnumType:
            return self.complete_leaf_value(return_type, result)  # type: ignore[attr-defined]
        if kind is GraphQLList and type(result) is list:
            return self._complete_list(return_type, parent_type, step, path, result)  # type: ignore[arg-type]
        return self.complete_value(  # type: ignore[attr-defined]
            return_type, step.details, self._info(parent_type, step, path), path, result, None
        )

    def _complete_object(
        self,
        object_type: GraphQLObjectType,
        parent_type: GraphQLObjectType,
        step: Step,
        path: Path,
        result: Any,
    ) -> Any:
        if object_type.is_type_of is not None:
            exact = _exact_class(object_type)
            if (
                exact is None
                or type(result) is not exact
                or getattr(result, TYPE_CAST_ATTRIBUTE, None) is not None
            ):
                info = self._info(parent_type, step, path)
                is_type_of = object_type.is_type_of(result, info)
                if self.is_awaitable(is_type_of):
                    return self.complete_object_value(  # type: ignore[attr-defined]
                        object_type, step.details, info, path, result, None
                    )
                if not is_type_of:
                    raise invalid_return_type_error(object_type, result, step.details)
        steps = self._sub_steps(object_type, step)
        if steps is None:
            return self.collect_and_execute_subfields(  # type: ignore[attr-defined]
                object_type, step.details, path, result, None
            )
        return self._run_steps(object_type, result, path, steps)

    def _sub_steps(self, object_type: GraphQLObjectType, step: Step) -> list[Step] | None:
        """The steps of the selection below ``step`` on ``object_type``, remembered with the
        step (graphql-core's ``collect_and_execute_subfields`` collects them through its memo
        for every object of a list); ``None`` when the selection defers a fragment, which
        graphql-core's incremental executor delivers."""
        found = step.below.get(object_type)
        if found is None:
            grouped_field_set, new_defer_usages, _ = self.collect_subfields(  # type: ignore[attr-defined]
                object_type, step.details
            )
            steps = None if new_defer_usages else self._plan(object_type, grouped_field_set)
            found = step.below[object_type] = (steps,)
        return found[0]

    def _complete_list(
        self,
        list_type: GraphQLList[Any],
        parent_type: GraphQLObjectType,
        step: Step,
        path: Path,
        items: list[Any],
    ) -> Any:
        item_type = list_type.of_type
        is_awaitable = self.is_awaitable
        completed_results: list[Any] = []
        append = completed_results.append
        awaitable_indices: list[int] = []
        info = None
        try:
            for index, item in enumerate(items):
                item_path = path.add_key(index, None)
                if is_awaitable(item):
                    if info is None:
                        info = self._info(parent_type, step, path)
                    append(
                        self.complete_awaitable_list_item_value(  # type: ignore[attr-defined]
                            item, item_type, step.details, info, item_path, None
                        )
                    )
                    awaitable_indices.append(index)
                    continue
                try:
                    completed = self._complete(item_type, parent_type, step, item_path, item)
                    if is_awaitable(completed):
                        append(self._await_completed(item_type, step, item_path, completed))
                        awaitable_indices.append(index)
                    else:
                        append(completed)
                except Exception as raw_error:
                    self.handle_field_error(raw_error, item_type, step.details, item_path)  # type: ignore[attr-defined]
                    append(None)
        except Exception:
            pending = [completed_results[i] for i in awaitable_indices]
            if pending:
                self.settle_in_background(pending)  # type: ignore[attr-defined]
            raise
        if not awaitable_indices:
            return completed_results

        async def get_completed_results() -> list[Any]:
            if len(awaitable_indices) == 1:
                index = awaitable_indices[0]
                completed_results[index] = await completed_results[index]
            else:
                awaited = await gather_with_cancel(
                    *(completed_results[i] for i in awaitable_indices)
                )
                for index, value in zip(awaitable_indices, awaited, strict=True):
                    completed_results[index] = value
            return completed_results

        return get_completed_results()
