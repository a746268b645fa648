"""Assignment commands: run a case's policy now, preview it, change a reviewer's availability."""

from dataclasses import dataclass

from app.db.models import Case, CaseTemplate, User
from app.domain.assignment import AssignmentPolicy, Decision
from app.domain.case_status import CaseState
from app.domain.errors import PermissionDeniedError, ValidationError
from app.domain.events import UserAvailabilityUpdated
from app.domain.permissions import Operation, require
from app.domain.principal import Availability, Principal
from app.services import assignment
from app.services.cases.assignee import set_assignee
from app.services.lookup import get_owned
from app.services.uow import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class AutoAssigned:
    """The case after its policy ran, and the decision with its explanation."""

    case: Case
    decision: Decision


async def auto_assign(*, actor: Principal, case_id: int) -> AutoAssigned:
    """Run the template's policy for an open, unassigned case now."""
    require(actor, Operation.WORK_CASES)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        peek = await get_owned(Case, actor, case_id)
        # template before case: the lock order every policy decision uses
        template = await CaseTemplate.filter(id=peek.template_id).select_for_update().get()
        case = await get_owned(Case, actor, case_id, lock=True)
        if case.state is not CaseState.OPEN:
            raise ValidationError.of("id", f"case {case.name} is resolved")
        if case.assignee_id is not None:
            raise ValidationError.of(
                "id", f"case {case.name} is already assigned; unassign it to re-run the policy"
            )
        decision = await assignment.decide_for_case(template, case)
        await assignment.apply_decision(uow, template, case, decision)
    return AutoAssigned(case, decision)


async def preview(*, actor: Principal, case_id: int) -> Decision:
    """What the case's policy would decide now; writes nothing."""
    require(actor, Operation.READ)
    case = await get_owned(Case, actor, case_id)
    template = await CaseTemplate.get(id=case.template_id)
    return await assignment.decide_for_case(template, case)


async def set_availability(*, actor: Principal, user_id: int, availability: Availability) -> User:
    """Change a reviewer's availability (oneself, or anyone as an admin). Going unavailable
    hands back the user's open cases and re-runs each case's policy."""
    if actor.user_id != user_id:
        try:
            require(actor, Operation.MANAGE_USERS)
        except PermissionDeniedError:
            raise PermissionDeniedError(
                "only admins may change another user's availability"
            ) from None
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        user = await get_owned(User, actor, user_id, field="userId", lock=True)
        previous = Availability(user.availability)
        if previous is availability:
            return user
        user.availability = availability
        await user.save(update_fields=["availability"])
        await uow.emit(
            UserAvailabilityUpdated(
                subject_id=user.id, availability=availability, previous=previous
            )
        )
        if availability is Availability.UNAVAILABLE:
            await _hand_back(uow, actor, user)
    return user


async def _hand_back(uow: UnitOfWork, actor: Principal, user: User) -> None:
    open_cases = Case.filter(
        organization_id=user.organization_id, assignee_id=user.id, state=CaseState.OPEN
    )
    template_ids = sorted(set(await open_cases.values_list("template_id", flat=True)))
    templates = {
        t.id: t
        for t in await CaseTemplate.filter(id__in=template_ids).order_by("id").select_for_update()
    }
    for case in await open_cases.order_by("id").select_for_update():
        await set_assignee(
            uow, case, assignee_id=None, by=actor.actor, reason="the assignee became unavailable"
        )
        template = templates[case.template_id]
        if template.assignment_policy == AssignmentPolicy.MANUAL:
            continue
        decision = await assignment.decide_for_case(template, case)
        await assignment.apply_decision(uow, template, case, decision)
