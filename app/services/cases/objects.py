"""What a case gathers: linked objects, attached JSON documents, comments."""

from typing import Any

from app.db.models import Case, CaseComment, CaseObject, Document
from app.domain.bounds import json_value
from app.domain.errors import LimitExceededError, ValidationError
from app.domain.events import CaseCommented, CaseObjectsAdded, CaseObjectsRemoved
from app.domain.objects import MAX_OBJECTS_PER_CASE, ObjectType
from app.domain.permissions import Operation, require
from app.domain.principal import Principal
from app.domain.templates import validate_name
from app.services.cases.locking import ObjectRef, check_objects, linked_objects, lock_case, touch
from app.services.uow import UnitOfWork, unit_of_work

MAX_COMMENT_LENGTH = 10_000


async def add_objects(
    *, actor: Principal, case_id: int, objects: list[ObjectRef], expected_version: int | None = None
) -> Case:
    """Link objects to the case; already-linked ones are a no-op. At most 1,000 per case."""
    require(actor, Operation.WORK_CASES)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        refs = await check_objects(actor, objects, field="objectIds")
        await _link(uow, case, actor, refs)
    return case


async def remove_objects(
    *, actor: Principal, case_id: int, objects: list[ObjectRef], expected_version: int | None = None
) -> Case:
    """Unlink objects; removing one that is not linked is a no-op."""
    require(actor, Operation.WORK_CASES)
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        removed: list[ObjectRef] = []
        for ref in dict.fromkeys(objects):
            deleted = await CaseObject.filter(
                case_id=case.id, object_type=ref.type, object_id=ref.id
            ).delete()
            if deleted:
                removed.append(ref)
        if removed:
            touch(case, actor)
            await case.save()
            await uow.emit(CaseObjectsRemoved(subject_id=case.id, objects=linked_objects(removed)))
    return case


async def attach_data(
    *,
    actor: Principal,
    case_id: int,
    label: str,
    data: Any,
    expected_version: int | None = None,
) -> tuple[Case, Document]:
    """Store a JSON document from another system and link it to the case."""
    require(actor, Operation.WORK_CASES)
    label = validate_name(label, field="label")
    if data is None:
        raise ValidationError.of("data", "must not be null")
    json_value(data, "data")
    async with unit_of_work(actor.organization_id, actor.actor) as uow:
        case = await lock_case(actor, case_id, expected_version)
        document = await Document.create(
            organization_id=actor.organization_id, label=label, data=data
        )
        await _link(uow, case, actor, [ObjectRef(ObjectType.DOCUMENT, document.id)])
    return case, document


async def add_comment(*, actor: Principal, case_id: int, body: str) -> CaseComment:
    """Comment on a case."""
    require(actor, Operation.WORK_CASES)
    text = body.strip()
    if not text:
        raise ValidationError.of("body", "must not be blank")
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError.of("body", f"must be at most {MAX_COMMENT_LENGTH} characters")
    who = actor.actor
    async with unit_of_work(actor.organization_id, who) as uow:
        case = await lock_case(actor, case_id, None)
        comment = await CaseComment.create(
            organization_id=case.organization_id,
            case_id=case.id,
            author_type=who.type.value,
            author_id=who.id,
            body=text,
        )
        await uow.emit(CaseCommented(subject_id=case.id, comment_id=comment.id, body=text))
    return comment


async def _link(uow: UnitOfWork, case: Case, actor: Principal, refs: list[ObjectRef]) -> None:
    existing = {
        (ObjectType(t), i)
        for t, i in await CaseObject.filter(case_id=case.id).values_list("object_type", "object_id")
    }
    new = [r for r in refs if (r.type, r.id) not in existing]
    if not new:
        return
    if len(existing) + len(new) > MAX_OBJECTS_PER_CASE:
        raise LimitExceededError(
            f"case {case.name} links {len(existing)} objects; adding {len(new)} would exceed "
            f"the limit of {MAX_OBJECTS_PER_CASE}",
            limit=MAX_OBJECTS_PER_CASE,
        )
    for ref in new:
        await CaseObject.create(case_id=case.id, object_type=ref.type, object_id=ref.id)
    touch(case, actor)
    await case.save()
    await uow.emit(CaseObjectsAdded(subject_id=case.id, objects=linked_objects(new)))
