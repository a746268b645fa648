"""One DataLoader per relation, built per request and scoped to one organization."""

import asyncio
from collections.abc import Sequence
from functools import partial
from typing import Any, TypeVar, cast

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from app.db import models
from app.db.reads import batch
from app.domain.objects import ObjectType

M = TypeVar("M", bound=Model)


class Loaders:
    """Batching loaders; resolvers pass foreign-key ids, never await ORM relations."""

    def __init__(self, organization_id: int) -> None:
        self.organization_id = organization_id
        self._by_model: dict[type[Model], DataLoader[int, Any]] = {}
        self.case_comments = DataLoader(load_fn=batch.comments_by_case)
        self.case_links = DataLoader(load_fn=batch.links_by_case)
        self.team_members = DataLoader(load_fn=batch.members_by_team)
        self.workflow_versions = DataLoader(load_fn=batch.versions_by_workflow)
        self.case_runs = DataLoader(load_fn=partial(batch.runs_by, "case_id"))
        self.inquiry_runs = DataLoader(load_fn=partial(batch.runs_by, "inquiry_id"))
        self._events: dict[str, DataLoader[int, list[models.Event]]] = {}
        self._cases_of: dict[ObjectType, DataLoader[int, list[int]]] = {}

    def rows(self, model: type[M]) -> DataLoader[int, M | None]:
        """Rows of ``model`` by id (None when missing or in another organization)."""
        if model not in self._by_model:
            self._by_model[model] = DataLoader(
                load_fn=partial(batch.rows_by_id, model, self.organization_id)
            )
        return cast(DataLoader[int, M | None], self._by_model[model])

    async def row(self, model: type[M], ident: int) -> M:
        """The row a non-null foreign key points to (it cannot be missing)."""
        row = await self.rows(model).load(ident)
        if row is None:
            raise LookupError(f"{model.__name__} {ident} is gone")
        return row

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
