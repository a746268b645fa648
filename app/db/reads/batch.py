"""Batch loads keyed by id, always scoped to one organization (DataLoader batch functions)."""

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

M = TypeVar("M", bound=Model)


async def rows_by_id(model: type[M], organization_id: int, ids: Sequence[int]) -> list[M | None]:
    """One row per id (None where missing or of another organization), in the given order."""
    scope = (
        {"id": organization_id} if model is Organization else {"organization_id": organization_id}
    )
    found = {r.pk: r for r in await model.filter(id__in=list(set(ids)), **scope)}
    return [found.get(i) for i in ids]


async def comments_by_case(case_ids: Sequence[int]) -> list[list[CaseComment]]:
    """Comments of each case, oldest first. Callers pass ids of cases they may read."""
    grouped: dict[int, list[CaseComment]] = defaultdict(list)
    for row in await CaseComment.filter(case_id__in=list(set(case_ids))).order_by("id"):
        grouped[row.case_id].append(row)
    return [grouped[i] for i in case_ids]


async def links_by_case(case_ids: Sequence[int]) -> list[list[CaseObject]]:
    """Object links of each case, in the order they were made."""
    grouped: dict[int, list[CaseObject]] = defaultdict(list)
    for row in await CaseObject.filter(case_id__in=list(set(case_ids))).order_by("id"):
        grouped[row.case_id].append(row)
    return [grouped[i] for i in case_ids]


async def events_by_subject(
    organization_id: int, subject_type: str, subject_ids: Sequence[int]
) -> list[list[Event]]:
    """The timeline (event log rows) of each subject, oldest first."""
    grouped: dict[int, list[Event]] = defaultdict(list)
    rows = await Event.filter(
        organization_id=organization_id,
        subject_type=subject_type,
        subject_id__in=list(set(subject_ids)),
    ).order_by("id")
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
    rows = await CaseObject.filter(
        object_type=object_type, object_id__in=list(set(object_ids))
    ).order_by("case_id")
    for row in rows:
        grouped[row.object_id].append(row.case_id)
    return [grouped[i] for i in object_ids]


async def versions_by_workflow(workflow_ids: Sequence[int]) -> list[list[WorkflowVersion]]:
    """Published versions of each workflow, oldest first."""
    grouped: dict[int, list[WorkflowVersion]] = defaultdict(list)
    rows = await WorkflowVersion.filter(workflow_id__in=list(set(workflow_ids))).order_by("version")
    for row in rows:
        grouped[row.workflow_id].append(row)
    return [grouped[i] for i in workflow_ids]


async def runs_by(column: str, ids: Sequence[int]) -> list[list[WorkflowRun]]:
    """Workflow runs about each case (``case_id``) or inquiry (``inquiry_id``), oldest first."""
    grouped: dict[int, list[WorkflowRun]] = defaultdict(list)
    rows = await WorkflowRun.filter(**{f"{column}__in": list(set(ids))}).order_by("id")
    for row in rows:
        grouped[getattr(row, column)].append(row)
    return [grouped[i] for i in ids]
