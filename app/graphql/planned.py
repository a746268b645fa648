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

from typing import Any

from graphql import (
    GraphQLObjectType,
)
from graphql.pyutils import Path, Undefined, gather_with_cancel

from app.graphql.field_plans import OTHER, FieldRead, Kind, reads_of
from app.graphql.planned_completion import PlannedCompletion, Step

_MISSING = object()
TYPENAME = "__typename"


class PlannedExecution(PlannedCompletion):
    """Mixed into the executor class (``app.graphql.execution.PerEventExecutor``) in front
    of graphql-core's ``Executor``; ``planned = False`` turns it off (the reference the
    differential tests compare against)."""

    planned = True
    compiled = True  # queries seen twice run compiled (app.graphql.compiled)
    _steps_memo: dict[int, tuple[Any, list[Step]]]
    _reads: dict[str, dict[str, FieldRead]]

    # graphql-core's Executor provides these
    schema: Any
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
