"""The assignment engine: applies a template's policy to a case, explained and race-free.

Every policy decision runs with the template row locked (``SELECT ... FOR UPDATE`` on
PostgreSQL; SQLite has a single writer), so concurrent decisions for one template see each
other's assignments and the rotation cursor. A policy only fills an unassigned case it holds
locked: an explicit assignment made first is never overwritten.
"""

from tortoise.functions import Count

from app.db.models import ApiKey, Case, CaseObject, CaseTemplate, Inquiry, TeamMember, User
from app.domain.assignment import AssignmentPolicy, Candidate, Decision, choose_assignee
from app.domain.case_status import CaseState
from app.domain.events import CaseAssignmentDeferred
from app.domain.objects import ObjectType
from app.domain.principal import Actor, ActorType, Availability
from app.services.cases.assignee import set_assignee
from app.services.uow import UnitOfWork


def policy_actor(template: CaseTemplate) -> Actor:
    """The actor pair recorded for a policy's assignments."""
    return Actor(ActorType.ASSIGNMENT_POLICY, str(template.id))


async def open_counts(organization_id: int, user_ids: list[int]) -> dict[int, int]:
    """Open cases currently assigned to each user (all templates)."""
    rows = (
        await Case.filter(
            organization_id=organization_id, state=CaseState.OPEN, assignee_id__in=user_ids
        )
        .annotate(n=Count("id"))
        .group_by("assignee_id")
        .values("assignee_id", "n")
    )
    counts = {uid: 0 for uid in user_ids}
    counts.update({r["assignee_id"]: r["n"] for r in rows})
    return counts


async def candidates(organization_id: int, user_ids: list[int]) -> list[Candidate]:
    """Candidates for these users of the organization, with availability and open counts."""
    users = await User.filter(organization_id=organization_id, id__in=user_ids).order_by("id")
    counts = await open_counts(organization_id, [u.id for u in users])
    return [Candidate(u.id, Availability(u.availability), counts[u.id]) for u in users]


async def pool_user_ids(template: CaseTemplate) -> list[int]:
    """Selected users plus the members of selected teams, as of now."""
    members = await TeamMember.filter(team_id__in=template.assignment_team_ids).values_list(
        "user_id", flat=True
    )
    return sorted({*template.assignment_user_ids, *members})


async def creator_user_id(creator_type: str, creator_id: str) -> int | None:
    """The user behind a case's creator: the user itself, or the owner of the API key."""
    if creator_type == ActorType.USER and creator_id.isdigit():
        return int(creator_id)
    if creator_type == ActorType.API_KEY and creator_id.isdigit():
        key = await ApiKey.filter(id=int(creator_id)).first()
        return key.user_id if key else None
    return None


async def inquiry_creator_user_id(inquiry_ids: list[int]) -> int | None:
    """The user who created the first of these inquiries (in link order)."""
    if not inquiry_ids:
        return None
    first = await Inquiry.filter(id=inquiry_ids[0]).first()
    return first.creator_id if first else None


POOLED = (AssignmentPolicy.ROUND_ROBIN, AssignmentPolicy.FEWEST_CASES)


async def decide_among(template: CaseTemplate, user_ids: list[int]) -> Decision:
    """The template's way of choosing (round robin unless it uses fewest cases), its cursor
    and capacity, applied to these users (a team a workflow names, or the template's pool)."""
    policy = AssignmentPolicy(template.assignment_policy)
    return choose_assignee(
        policy if policy in POOLED else AssignmentPolicy.ROUND_ROBIN,
        pool=await candidates(template.organization_id, user_ids),
        cursor=template.assignment_cursor,
        capacity=template.assignment_capacity,
    )


async def decide(
    template: CaseTemplate, *, case_creator: int | None, inquiry_creator: int | None
) -> Decision:
    """What the template's policy would do now; writes nothing."""
    policy = AssignmentPolicy(template.assignment_policy)
    org = template.organization_id
    if policy in POOLED:
        return await decide_among(template, await pool_user_ids(template))
    creator: Candidate | None = None
    if policy is AssignmentPolicy.CASE_CREATOR and case_creator is not None:
        creator = next(iter(await candidates(org, [case_creator])), None)
    elif policy is AssignmentPolicy.INQUIRY_CREATOR and inquiry_creator is not None:
        creator = next(iter(await candidates(org, [inquiry_creator])), None)
    return choose_assignee(
        policy,
        pool=[],
        cursor=template.assignment_cursor,
        capacity=template.assignment_capacity,
        creator=creator,
    )


async def decide_for_case(template: CaseTemplate, case: Case) -> Decision:
    """The policy's decision for an existing case."""
    links = await CaseObject.filter(case_id=case.id, object_type=ObjectType.INQUIRY).order_by("id")
    inquiry_ids = [link.object_id for link in links]
    return await decide(
        template,
        case_creator=await creator_user_id(case.creator_type, case.creator_id),
        inquiry_creator=await inquiry_creator_user_id(inquiry_ids),
    )


async def apply_decision(
    uow: UnitOfWork, template: CaseTemplate, case: Case, decision: Decision
) -> bool:
    """Assign the (locked, unassigned) case as decided and explain it on the timeline; when
    nobody can take it, record why it waits. Returns whether it was assigned."""
    explanation = decision.explanation()
    actor = policy_actor(template)
    if decision.chosen is None:
        await uow.emit(
            CaseAssignmentDeferred(subject_id=case.id, explanation=explanation), actor=actor
        )
        return False
    template.assignment_cursor = decision.cursor
    await template.save(update_fields=["assignment_cursor"])
    await set_assignee(uow, case, assignee_id=decision.chosen, by=actor, explanation=explanation)
    return True


async def fill_backlog(uow: UnitOfWork, organization_id: int, *, per_template: int = 100) -> int:
    """Assign waiting (open, unassigned) cases of every policy-driven template, oldest first,
    until nobody in a template's pool can take more. Returns how many were assigned."""
    assigned = 0
    template_ids = await (
        CaseTemplate.filter(organization_id=organization_id, archived_at__isnull=True)
        .exclude(assignment_policy=AssignmentPolicy.MANUAL.value)
        .order_by("id")
        .values_list("id", flat=True)
    )
    for template_id in template_ids:
        template = await CaseTemplate.filter(id=template_id).select_for_update().get()
        waiting = await (
            Case.filter(template_id=template_id, state=CaseState.OPEN, assignee_id__isnull=True)
            .order_by("id")
            .limit(per_template)
            .select_for_update()
        )
        for case in waiting:
            decision = await decide_for_case(template, case)
            if decision.chosen is None:
                break
            await apply_decision(uow, template, case, decision)
            assigned += 1
    return assigned
