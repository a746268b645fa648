"""Batch loads keyed by id, always scoped to one organization (DataLoader batch functions).
They read through ``direct.select_among``: statement text built once per model and dialect."""

from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from tortoise.models import Model

from app.db.models import (
    CaseComment,
    CaseObject,
    Event,
    Organization,
    TeamMember,
    User,
    WorkflowRun,
    WorkflowVersion,
)
from app.db.reads.direct import select_among

M = TypeVar("M", bound=Model)


async def rows_by_id(model: type[M], organization_id: int, ids: Sequence[int]) -> list[M | None]:
    """One row per id (None where missing or of another organization), in the given order."""
    scope = "id" if model is Organization else "organization_id"
    found = {r.pk: r for r in await select_among(model, "id", ids, where={scope: organization_id})}
    return [found.get(i) for i in ids]


async def comments_by_case(case_ids: Sequence[int]) -> list[list[CaseComment]]:
    """Comments of each case, oldest first. Callers pass ids of cases they may read."""
    grouped: dict[int, list[CaseComment]] = defaultdict(list)
    for row in await select_among(CaseComment, "case_id", case_ids, order_by="id"):
        grouped[row.case_id].append(row)
    return [grouped[i] for i in case_ids]


async def links_by_case(case_ids: Sequence[int]) -> list[list[CaseObject]]:
    """Object links of each case, in the order they were made."""
    grouped: dict[int, list[CaseObject]] = defaultdict(list)
    for row in await select_among(CaseObject, "case_id", case_ids, order_by="id"):
        grouped[row.case_id].append(row)
    return [grouped[i] for i in case_ids]


async def events_by_subject(
    organization_id: int, subject_type: str, subject_ids: Sequence[int]
) -> list[list[Event]]:
    """The timeline (event log rows) of each subject, oldest first."""
    grouped: dict[int, list[Event]] = defaultdict(list)
    scope = {"organization_id": organization_id, "subject_type": subject_type}
    rows = await select_among(Event, "subject_id", subject_ids, where=scope, order_by="id")
    for row in rows:
        grouped[row.subject_id].append(row)
    return [grouped[i] for i in subject_ids]


async def members_by_team(team_ids: Sequence[int]) -> list[list[User]]:
    """Members of each team, by user id."""
    grouped: dict[int, list[User]] = defaultdict(list)
    rows = await TeamMember.filter(team_id__in=list(set(team_ids))).select_related("user")
    for row in sorted(rows, key=lambda r: r.user_id):
        grouped[row.team_id].append(row.user)
    return [grouped[i] for i in team_ids]


async def case_ids_by_object(object_type: str, object_ids: Sequence[int]) -> list[list[int]]:
    """Ids of the cases linking each object."""
    grouped: dict[int, list[int]] = defaultdict(list)
    rows = await select_among(
        CaseObject, "object_id", object_ids, where={"object_type": object_type}, order_by="case_id"
    )
    for row in rows:
        grouped[row.object_id].append(row.case_id)
    return [grouped[i] for i in object_ids]


async def versions_by_workflow(workflow_ids: Sequence[int]) -> list[list[WorkflowVersion]]:
    """Published versions of each workflow, oldest first."""
    grouped: dict[int, list[WorkflowVersion]] = defaultdict(list)
    rows = await select_among(WorkflowVersion, "workflow_id", workflow_ids, order_by="version")
    for row in rows:
        grouped[row.workflow_id].append(row)
    return [grouped[i] for i in workflow_ids]


async def runs_by(column: str, ids: Sequence[int]) -> list[list[WorkflowRun]]:
    """Workflow runs about each case (``case_id``) or inquiry (``inquiry_id``), oldest first."""
    grouped: dict[int, list[WorkflowRun]] = defaultdict(list)
    rows = await select_among(WorkflowRun, column, ids, order_by="id")
    for row in rows:
        grouped[getattr(row, column)].append(row)
    return [grouped[i] for i in ids]
