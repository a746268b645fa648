"""Case mutations (reviewers and admins)."""

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.db import models
from app.graphql.context import Info
from app.graphql.errors import (
    RESULT_DESCRIPTION,
    ConflictError,
    LimitExceededError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.ids import decode_id, decode_optional
from app.graphql.inputs import INPUT, json_object, keep_unset, object_refs, principal
from app.graphql.types.cases import Case, CaseComment
from app.graphql.types.objects import Document
from app.services.cases import change as case_changes
from app.services.cases import create as cases
from app.services.cases import objects as case_objects


@strawberry.input(description="A new case.")
class CaseCreateInput:
    template_id: relay.GlobalID = strawberry.field(description="The case template.")
    fields: JSON | None = strawberry.field(
        default=None, description="Custom field values, checked against the template."
    )
    object_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Objects to link (inquiries, accounts, reports, ...)."
    )
    tags: list[str] | None = strawberry.field(default=None, description="Tags.")
    assignee_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Assign straight away to this user."
    )
    sla_expires_in_seconds: int | None = strawberry.field(
        default=None, description="SLA deadline from now, 1 s to 90 days."
    )


@strawberry.input(description="Changes to a case's fields and SLA.")
class CaseUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    fields: JSON | None = strawberry.field(
        default=None, description="Values to merge into the fields; null clears a key."
    )
    sla_expires_in_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="New SLA from now; null clears the SLA."
    )
    expected_version: int | None = strawberry.field(
        default=None, description="Fail with ConflictError unless the case is at this version."
    )


@strawberry.input(description="Objects to link to or unlink from a case.")
class CaseObjectsInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    object_ids: list[relay.GlobalID] = strawberry.field(description="The objects.")
    expected_version: int | None = strawberry.field(
        default=None, description="Fail with ConflictError unless the case is at this version."
    )


@strawberry.input(description="A JSON document from another system to attach to a case.")
class CaseAttachDataInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    label: str = strawberry.field(description="What the data is.")
    data: JSON = strawberry.field(description="The data.")
    expected_version: int | None = strawberry.field(
        default=None, description="Fail with ConflictError unless the case is at this version."
    )


@strawberry.input(description="Assign or unassign a case.")
class CaseAssignInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    assignee_id: relay.GlobalID | None = strawberry.field(
        description="The user to assign; null unassigns."
    )
    expected_version: int | None = strawberry.field(
        default=None, description="Fail with ConflictError unless the case is at this version."
    )


@strawberry.input(description="Move a case to another status of its template.")
class CaseSetStatusInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    status: str = strawberry.field(description="Status name; an end status resolves the case.")
    comment: str | None = strawberry.field(
        default=None, description="Reason, added to the case as a comment."
    )
    expected_version: int | None = strawberry.field(
        default=None, description="Fail with ConflictError unless the case is at this version."
    )


@strawberry.input(description="Replace a case's tags.")
class CaseSetTagsInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    tags: list[str] = strawberry.field(description="All tags (unlisted ones are removed).")
    expected_version: int | None = strawberry.field(
        default=None, description="Fail with ConflictError unless the case is at this version."
    )


@strawberry.input(description="A comment on a case.")
class CaseCommentAddInput:
    id: relay.GlobalID = strawberry.field(description="The case.")
    body: str = strawberry.field(description="The comment text.")


@strawberry.type(description="The case after the change.")
class CasePayload:
    case: Case = strawberry.field(description="The case.")


@strawberry.type(description="The case and the document attached to it.")
class CaseAttachDataPayload:
    case: Case = strawberry.field(description="The case.")
    document: Document = strawberry.field(description="The stored document.")


@strawberry.type(description="The new comment.")
class CaseCommentAddPayload:
    comment: CaseComment = strawberry.field(description="The comment.")


CaseCreateResult = Annotated[
    CasePayload | ValidationError | NotFoundError | PermissionDeniedError | LimitExceededError,
    strawberry.union("CaseCreateResult", description=RESULT_DESCRIPTION),
]
CaseUpdateResult = Annotated[
    CasePayload | ValidationError | NotFoundError | PermissionDeniedError | ConflictError,
    strawberry.union("CaseUpdateResult", description=RESULT_DESCRIPTION),
]
CaseAddObjectsResult = Annotated[
    CasePayload
    | ValidationError
    | NotFoundError
    | PermissionDeniedError
    | ConflictError
    | LimitExceededError,
    strawberry.union("CaseAddObjectsResult", description=RESULT_DESCRIPTION),
]
CaseRemoveObjectsResult = Annotated[
    CasePayload | ValidationError | NotFoundError | PermissionDeniedError | ConflictError,
    strawberry.union("CaseRemoveObjectsResult", description=RESULT_DESCRIPTION),
]
CaseAttachDataResult = Annotated[
    CaseAttachDataPayload
    | ValidationError
    | NotFoundError
    | PermissionDeniedError
    | ConflictError
    | LimitExceededError,
    strawberry.union("CaseAttachDataResult", description=RESULT_DESCRIPTION),
]
CaseAssignResult = Annotated[
    CasePayload | ValidationError | NotFoundError | PermissionDeniedError | ConflictError,
    strawberry.union("CaseAssignResult", description=RESULT_DESCRIPTION),
]
CaseSetStatusResult = Annotated[
    CasePayload | ValidationError | NotFoundError | PermissionDeniedError | ConflictError,
    strawberry.union("CaseSetStatusResult", description=RESULT_DESCRIPTION),
]
CaseSetTagsResult = Annotated[
    CasePayload | ValidationError | NotFoundError | PermissionDeniedError | ConflictError,
    strawberry.union("CaseSetTagsResult", description=RESULT_DESCRIPTION),
]
CaseCommentAddResult = Annotated[
    CaseCommentAddPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("CaseCommentAddResult", description=RESULT_DESCRIPTION),
]


def _case(gid: relay.GlobalID) -> int:
    return decode_id(gid, "Case", field="id")


def _payload(row: models.Case) -> CasePayload:
    return CasePayload(case=Case.from_row(row))


@strawberry.type
class CaseMutations:
    @strawberry.mutation(description="Open a case of a template.")
    @errors_as_union
    async def case_create(
        self, info: Info, input: Annotated[CaseCreateInput, INPUT]
    ) -> CaseCreateResult:
        fields = json_object(input.fields, "fields")
        row = await cases.create_case(
            actor=principal(info),
            template_id=decode_id(input.template_id, "CaseTemplate", field="templateId"),
            fields=fields,
            objects=object_refs(input.object_ids or [], "objectIds"),
            tags=input.tags,
            assignee_id=decode_optional(input.assignee_id, "User", field="assigneeId"),
            sla_expires_in_seconds=input.sla_expires_in_seconds,
        )
        return _payload(row)

    @strawberry.mutation(description="Merge field values and set or clear the SLA.")
    @errors_as_union
    async def case_update(
        self, info: Info, input: Annotated[CaseUpdateInput, INPUT]
    ) -> CaseUpdateResult:
        fields = json_object(input.fields, "fields")
        row = await case_changes.update_case(
            actor=principal(info),
            case_id=_case(input.id),
            fields=fields,
            sla_expires_in_seconds=keep_unset(input.sla_expires_in_seconds),
            expected_version=input.expected_version,
        )
        return _payload(row)

    @strawberry.mutation(description="Link objects to a case (linking one twice is a no-op).")
    @errors_as_union
    async def case_add_objects(
        self, info: Info, input: Annotated[CaseObjectsInput, INPUT]
    ) -> CaseAddObjectsResult:
        row = await case_objects.add_objects(
            actor=principal(info),
            case_id=_case(input.id),
            objects=object_refs(input.object_ids, "objectIds"),
            expected_version=input.expected_version,
        )
        return _payload(row)

    @strawberry.mutation(
        description="Unlink objects from a case (unlinking an absent one is a no-op)."
    )
    @errors_as_union
    async def case_remove_objects(
        self, info: Info, input: Annotated[CaseObjectsInput, INPUT]
    ) -> CaseRemoveObjectsResult:
        row = await case_objects.remove_objects(
            actor=principal(info),
            case_id=_case(input.id),
            objects=object_refs(input.object_ids, "objectIds"),
            expected_version=input.expected_version,
        )
        return _payload(row)

    @strawberry.mutation(description="Attach a JSON document from another system to a case.")
    @errors_as_union
    async def case_attach_data(
        self, info: Info, input: Annotated[CaseAttachDataInput, INPUT]
    ) -> CaseAttachDataResult:
        case, document = await case_objects.attach_data(
            actor=principal(info),
            case_id=_case(input.id),
            label=input.label,
            data=input.data,
            expected_version=input.expected_version,
        )
        return CaseAttachDataPayload(case=Case.from_row(case), document=Document.from_row(document))

    @strawberry.mutation(description="Assign a case to a user, or unassign it.")
    @errors_as_union
    async def case_assign(
        self, info: Info, input: Annotated[CaseAssignInput, INPUT]
    ) -> CaseAssignResult:
        row = await case_changes.assign_case(
            actor=principal(info),
            case_id=_case(input.id),
            assignee_id=decode_optional(input.assignee_id, "User", field="assigneeId"),
            expected_version=input.expected_version,
        )
        return _payload(row)

    @strawberry.mutation(
        description="Set a case's status: an end status resolves, leaving one reopens."
    )
    @errors_as_union
    async def case_set_status(
        self, info: Info, input: Annotated[CaseSetStatusInput, INPUT]
    ) -> CaseSetStatusResult:
        row = await case_changes.set_case_status(
            actor=principal(info),
            case_id=_case(input.id),
            status=input.status,
            comment=input.comment,
            expected_version=input.expected_version,
        )
        return _payload(row)

    @strawberry.mutation(description="Replace a case's tags.")
    @errors_as_union
    async def case_set_tags(
        self, info: Info, input: Annotated[CaseSetTagsInput, INPUT]
    ) -> CaseSetTagsResult:
        row = await case_changes.set_case_tags(
            actor=principal(info),
            case_id=_case(input.id),
            tags=input.tags,
            expected_version=input.expected_version,
        )
        return _payload(row)

    @strawberry.mutation(description="Comment on a case.")
    @errors_as_union
    async def case_comment_add(
        self, info: Info, input: Annotated[CaseCommentAddInput, INPUT]
    ) -> CaseCommentAddResult:
        row = await case_objects.add_comment(
            actor=principal(info), case_id=_case(input.id), body=input.body
        )
        return CaseCommentAddPayload(comment=CaseComment.from_row(row))
