"""One DataLoader per relation, built per request and scoped to one organization."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence, Set
from functools import cached_property, partial
from types import CoroutineType
from typing import Any, TypeVar, cast

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from app.db import models
from app.db.reads import batch, direct
from app.domain.objects import ObjectType

M = TypeVar("M", bound=Model)
K = TypeVar("K")
T = TypeVar("T")
R = TypeVar("R")
_PENDING = (asyncio.Future, CoroutineType)
_NOT_READY = object()


def now_or_later(loader: DataLoader[K, T], key: K) -> T | Awaitable[T]:
    """The value when the loader already holds it (a list resolver preloaded it), else the
    awaitable load. A resolver that returns a value spares graphql-core an awaitable, which
    costs it a task per list item."""
    future = loader.cache_map.get(key)
    if (
        future is not None
        and future.done()
        and not future.cancelled()
        and future.exception() is None
    ):
        return future.result()
    return loader.load(key)


def pending(value: object) -> bool:
    """Whether a value of ``now_or_later`` or ``then`` is still to be awaited (a loader's
    future or a coroutine; not ``inspect.isawaitable``: Tortoise rows are awaitable). An
    ``isinstance`` check: ``asyncio.isfuture`` looks for an attribute on the value's class,
    which costs an exception for every row and list."""
    return isinstance(value, _PENDING)


def then(value: T | Awaitable[T], fn: Callable[[T], R]) -> R | Awaitable[R]:
    """``fn(value)``, now when the value is there, else once it is."""
    if pending(value):
        pending_value = cast("Awaitable[T]", value)

        async def later() -> R:
            return fn(await pending_value)

        return later()
    return fn(cast(T, value))


# the Case fields that read linked objects of one type
LINKED_FIELDS = {
    ObjectType.INQUIRY: "inquiries",
    ObjectType.ACCOUNT: "accounts",
    ObjectType.REPORT: "reports",
}


def _present(model: type[M], ident: int, row: M | None) -> M:
    if row is None:
        raise LookupError(f"{model.__name__} {ident} is gone")
    return row


class Loaders:
    """Batching loaders; resolvers pass foreign-key ids, never await ORM relations. Each is
    built on first use: a request reads through a few of them. Casts name their types as
    strings: a subscripted generic is built (a typing cache lookup) at each call otherwise,
    and these run per object of a page."""

    def __init__(self, organization_id: int) -> None:
        self.organization_id = organization_id
        self._by_model: dict[type[Model], DataLoader[int, Any]] = {}
        self._events: dict[str, DataLoader[int, list[models.Event]]] = {}
        self._cases_of: dict[ObjectType, DataLoader[int, list[int]]] = {}
        self._nodes: dict[tuple[Callable[[Any], Any], int], tuple[Model, Any]] = {}
        # what a list or a point read primed (rows by model and id, links by case): the
        # values their loaders hold as finished futures, read here without the future (a
        # 50-case page asks ~200 times)
        self._ready: dict[type[Model], dict[int, Any]] = {}
        self._ready_links: dict[int, list[models.CaseObject]] = {}

    @cached_property
    def case_comments(self) -> DataLoader[int, list[models.CaseComment]]:
        return DataLoader(load_fn=batch.comments_by_case)

    @cached_property
    def case_links(self) -> DataLoader[int, list[models.CaseObject]]:
        return DataLoader(load_fn=batch.links_by_case)

    @cached_property
    def team_members(self) -> DataLoader[int, list[models.User]]:
        return DataLoader(load_fn=batch.members_by_team)

    @cached_property
    def workflow_versions(self) -> DataLoader[int, list[models.WorkflowVersion]]:
        return DataLoader(load_fn=batch.versions_by_workflow)

    @cached_property
    def case_runs(self) -> DataLoader[int, list[models.WorkflowRun]]:
        return DataLoader(load_fn=partial(batch.runs_by, "case_id"))

    @cached_property
    def inquiry_runs(self) -> DataLoader[int, list[models.WorkflowRun]]:
        return DataLoader(load_fn=partial(batch.runs_by, "inquiry_id"))

    def rows(self, model: type[M]) -> DataLoader[int, M | None]:
        """Rows of ``model`` by id (None when missing or in another organization)."""
        if model not in self._by_model:
            self._by_model[model] = DataLoader(
                load_fn=partial(batch.rows_by_id, model, self.organization_id)
            )
        return cast("DataLoader[int, M | None]", self._by_model[model])

    async def row(self, model: type[M], ident: int) -> M:
        """The row a non-null foreign key points to (it cannot be missing)."""
        row = await self.rows(model).load(ident)
        if row is None:
            raise LookupError(f"{model.__name__} {ident} is gone")
        return row

    async def row_with_parent(
        self, model: type[M], ident: int, parent: type[Model], foreign_key: str
    ) -> M | None:
        """One row by id and the row its ``foreign_key`` points to, in one statement, both
        primed in their loaders (a point read whose selection asks for that relation)."""
        row, parent_row = await direct.select_with_parent(
            model, parent, foreign_key, organization_id=self.organization_id, ident=ident
        )
        self._prime_rows(model, {ident: row})
        if row is not None and parent_row is not None:
            self._prime_rows(parent, {parent_row.pk: parent_row})
        return row

    def _prime_rows(self, model: type[Model], found: dict[int, Any]) -> None:
        """Prime the rows loader; what the loader did not hold yet is ready too."""
        loader = self.rows(model)
        ready = self._ready.setdefault(model, {})
        cached = loader.cache_map
        for ident, row in found.items():
            if not cached.get(ident):
                ready[ident] = row
        loader.prime_many(found)

    def ready_row(self, model: type[M], ident: int) -> M | Awaitable[M | None] | None:
        """The row of ``model`` by id (None when missing), without an awaitable when a list
        or a point read primed it or the loader already holds it."""
        ready = self._ready.get(model)
        if ready is not None:
            found = ready.get(ident, _NOT_READY)
            if found is not _NOT_READY:
                return cast("M | None", found)
        return now_or_later(self.rows(model), ident)

    def node(self, wrap: Callable[[M], T], row: M) -> T:
        """``wrap(row)`` once per row and request: the 50 cases of a page share a few
        templates and assignees, so their nodes are built once each."""
        key = (wrap, row.pk)
        found = self._nodes.get(key)
        if found is None or found[0] is not row:
            found = self._nodes[key] = (row, wrap(row))
        return cast(T, found[1])

    def row_now(self, model: type[M], ident: int) -> M | Awaitable[M]:
        """``row`` without an awaitable when the row is already loaded."""
        found = self.ready_row(model, ident)
        if not pending(found):
            return _present(model, ident, cast("M | None", found))
        return then(found, partial(_present, model, ident))

    def linked_now(
        self, case_id: int, object_type: ObjectType, model: type[M]
    ) -> list[M] | Awaitable[list[M]]:
        """Objects of one type linked to a case, in link order; without an awaitable when
        the links and the objects are already loaded."""
        links = self._ready_links.get(case_id)
        if links is None:
            loaded = now_or_later(self.case_links, case_id)
            if pending(loaded):
                return self._linked(loaded, object_type, model)
            links = cast("list[models.CaseObject]", loaded)
        chosen: list[M] = []
        for link in links:
            if link.object_type == object_type:
                row = self.ready_row(model, link.object_id)
                if pending(row):  # not loaded yet: all of them once loaded
                    return self._linked(links, object_type, model)
                if isinstance(row, model):
                    chosen.append(row)
        return chosen

    async def _linked(
        self,
        links: Awaitable[list[models.CaseObject]] | list[models.CaseObject],
        object_type: ObjectType,
        model: type[M],
    ) -> list[M]:
        loaded = (
            await cast("Awaitable[list[models.CaseObject]]", links)
            if pending(links)
            else cast("list[models.CaseObject]", links)
        )
        chosen = [link for link in loaded if link.object_type == object_type]
        return [r for r in await self.objects(chosen) if isinstance(r, model)]

    async def preload_cases(self, cases: Sequence[models.Case], fields: Set[str]) -> None:
        """Load, in one query per relation, what the selected ``fields`` of these cases read,
        and prime the loaders with it, so that their resolvers answer without awaiting (the
        same statements as loading lazily, without a future and a batch per key)."""
        loads: list[Awaitable[None]] = []
        if "template" in fields:
            loads.append(self._prime(models.CaseTemplate, [c.template_id for c in cases]))
        if "assignee" in fields:
            assigned = [c.assignee_id for c in cases if c.assignee_id is not None]
            loads.append(self._prime(models.User, assigned))
        kinds = [t for t in LINKED_FIELDS if LINKED_FIELDS[t] in fields]
        if not kinds:
            await asyncio.gather(*loads)
            return
        ids = list(dict.fromkeys(c.id for c in cases))
        found = await asyncio.gather(batch.links_by_case(ids), *loads)
        links = cast("list[list[models.CaseObject]]", found[0])
        by_case = dict(zip(ids, links, strict=True))
        cached = self.case_links.cache_map
        self._ready_links.update((i, group) for i, group in by_case.items() if not cached.get(i))
        self.case_links.prime_many(by_case)
        by_type: dict[ObjectType, list[int]] = {}
        for link in (link for group in links for link in group if link.object_type in kinds):
            by_type.setdefault(ObjectType(link.object_type), []).append(link.object_id)
        await asyncio.gather(
            *(self._prime(models.OBJECT_MODELS[t], found) for t, found in by_type.items())
        )

    async def _prime(self, model: type[Model], ids: list[int]) -> None:
        unique = list(dict.fromkeys(ids))
        if unique:
            rows = await batch.rows_by_id(model, self.organization_id, unique)
            self._prime_rows(model, dict(zip(unique, rows, strict=True)))

    def events(self, subject_type: str) -> DataLoader[int, list[models.Event]]:
        """Timelines of subjects of one type."""
        if subject_type not in self._events:

            async def load(ids: Sequence[int]) -> list[list[models.Event]]:
                return await batch.events_by_subject(self.organization_id, subject_type, ids)

            self._events[subject_type] = DataLoader(load_fn=load)
        return self._events[subject_type]

    def cases_of(self, object_type: ObjectType) -> DataLoader[int, list[int]]:
        """Ids of the cases linking each object of one type."""
        if object_type not in self._cases_of:
            self._cases_of[object_type] = DataLoader(
                load_fn=partial(batch.case_ids_by_object, object_type.value)
            )
        return self._cases_of[object_type]

    async def objects(self, links: Sequence[models.CaseObject]) -> list[Model]:
        """The linked objects of these links, in link order (missing ones skipped)."""
        rows = [
            self.rows(models.OBJECT_MODELS[ObjectType(link.object_type)]).load(link.object_id)
            for link in links
        ]
        return [r for r in await asyncio.gather(*rows) if r is not None]
