"""How planned execution (``app.graphql.planned``) completes the value of a planned field:
graphql-core's ``execute_field`` and ``complete_value`` for the shapes a page is made of (an
object of its type's own class, a list, a scalar), without a resolve info; any other shape,
and every error, goes through graphql-core's own methods with the same message, path and
null propagation."""

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

from app.graphql.field_plans import ContextInfo, FieldRead, Kind


class Step(NamedTuple):
    response_name: str
    details: FieldDetailsList
    read: FieldRead | None  # None: __typename
    field_name: str
    # by object type: the steps of the selection below this field (PlannedCompletion._sub_steps)
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


class PlannedCompletion:
    """Completion of planned fields; mixed into ``PlannedExecution``, which provides
    ``_plan`` and ``_run_steps``, in front of graphql-core's ``Executor``."""

    # PlannedExecution provides these
    _plan: Callable[[GraphQLObjectType, Any], list[Step]]
    _run_steps: Callable[[GraphQLObjectType, Any, Path | None, list[Step]], Any]
    # graphql-core's Executor provides these
    context_value: Any
    is_awaitable: Callable[[Any], TypeGuard[Awaitable[Any]]]

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
