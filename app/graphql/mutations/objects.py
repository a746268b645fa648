"""Mutations for inquiries, accounts, reports, verifications and transactions."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from app.graphql.context import Info
from app.graphql.errors import (
    RESULT_DESCRIPTION,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    errors_as_union,
)
from app.graphql.ids import decode_id, decode_optional
from app.graphql.inputs import INPUT, json_object, keep_unset, principal
from app.graphql.types.common import InquiryStatus, ReportStatus
from app.graphql.types.objects import Account, Inquiry, Report, Transaction, Verification
from app.services import inquiries, records


@strawberry.input(description="A new inquiry (starts in status created).")
class InquiryCreateInput:
    reference_id: str | None = strawberry.field(
        default=None, description="Your id for the end user."
    )
    name_first: str | None = strawberry.field(default=None, description="First name.")
    name_last: str | None = strawberry.field(default=None, description="Last name.")
    birthdate: dt.date | None = strawberry.field(default=None, description="Birthdate.")
    fields: JSON | None = strawberry.field(default=None, description="Attributes (JSON object).")
    account_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The end user's account."
    )


@strawberry.input(description="Changes to an inquiry; omitted fields stay, null clears.")
class InquiryUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The inquiry.")
    reference_id: str | None = strawberry.field(default=strawberry.UNSET, description="Your id.")
    name_first: str | None = strawberry.field(default=strawberry.UNSET, description="First name.")
    name_last: str | None = strawberry.field(default=strawberry.UNSET, description="Last name.")
    birthdate: dt.date | None = strawberry.field(default=strawberry.UNSET, description="Birthdate.")
    fields: JSON | None = strawberry.field(
        default=None, description="Values to merge into the attributes; null clears a key."
    )
    account_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="The account; null unlinks it."
    )


@strawberry.input(description="Move an inquiry through its lifecycle.")
class InquirySetStatusInput:
    id: relay.GlobalID = strawberry.field(description="The inquiry.")
    status: InquiryStatus = strawberry.field(description="The new status.")
    comment: str | None = strawberry.field(default=None, description="Reason, for auditing.")


@strawberry.input(description="A new account.")
class AccountCreateInput:
    reference_id: str | None = strawberry.field(
        default=None, description="Your id for the end user."
    )
    fields: JSON | None = strawberry.field(default=None, description="Attributes (JSON object).")
    tags: list[str] | None = strawberry.field(default=None, description="Tags.")


@strawberry.input(description="A new report.")
class ReportCreateInput:
    report_type: str = strawberry.field(description="Kind, e.g. watchlist or adverse-media.")
    status: ReportStatus = strawberry.field(default=ReportStatus.PENDING, description="Run status.")
    has_match: bool = strawberry.field(default=False, description="Whether it matched.")
    fields: JSON | None = strawberry.field(default=None, description="Report data (JSON object).")


@strawberry.input(description="A new verification.")
class VerificationCreateInput:
    verification_type: str = strawberry.field(description="Kind, e.g. government-id.")
    status: str = strawberry.field(description="Status, e.g. passed.")
    fields: JSON | None = strawberry.field(default=None, description="Data (JSON object).")


@strawberry.input(description="A new transaction.")
class TransactionCreateInput:
    transaction_type: str = strawberry.field(description="Kind of transaction.")
    status: str = strawberry.field(description="Status, e.g. created.")
    reference_id: str | None = strawberry.field(default=None, description="Your id for it.")
    fields: JSON | None = strawberry.field(default=None, description="Data (JSON object).")


@strawberry.type(description="The inquiry after the change.")
class InquiryPayload:
    inquiry: Inquiry = strawberry.field(description="The inquiry.")


@strawberry.type(description="The new account.")
class AccountPayload:
    account: Account = strawberry.field(description="The account.")


@strawberry.type(description="The new report.")
class ReportPayload:
    report: Report = strawberry.field(description="The report.")


@strawberry.type(description="The new verification.")
class VerificationPayload:
    verification: Verification = strawberry.field(description="The verification.")


@strawberry.type(description="The new transaction.")
class TransactionPayload:
    transaction: Transaction = strawberry.field(description="The transaction.")


InquiryCreateResult = Annotated[
    InquiryPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("InquiryCreateResult", description=RESULT_DESCRIPTION),
]
InquiryUpdateResult = Annotated[
    InquiryPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("InquiryUpdateResult", description=RESULT_DESCRIPTION),
]
InquirySetStatusResult = Annotated[
    InquiryPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("InquirySetStatusResult", description=RESULT_DESCRIPTION),
]
AccountCreateResult = Annotated[
    AccountPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("AccountCreateResult", description=RESULT_DESCRIPTION),
]
ReportCreateResult = Annotated[
    ReportPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("ReportCreateResult", description=RESULT_DESCRIPTION),
]
VerificationCreateResult = Annotated[
    VerificationPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("VerificationCreateResult", description=RESULT_DESCRIPTION),
]
TransactionCreateResult = Annotated[
    TransactionPayload | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("TransactionCreateResult", description=RESULT_DESCRIPTION),
]


def _account(value: relay.GlobalID | None) -> int | None:
    return decode_optional(value, "Account", field="accountId")


@strawberry.type
class ObjectMutations:
    @strawberry.mutation(description="Record an inquiry.")
    @errors_as_union
    async def inquiry_create(
        self, info: Info, input: Annotated[InquiryCreateInput, INPUT]
    ) -> InquiryCreateResult:
        row = await inquiries.create_inquiry(
            actor=principal(info),
            reference_id=input.reference_id,
            name_first=input.name_first,
            name_last=input.name_last,
            birthdate=input.birthdate,
            fields=json_object(input.fields, "fields"),
            account_id=_account(input.account_id),
        )
        return InquiryPayload(inquiry=Inquiry.from_row(row))

    @strawberry.mutation(description="Change an inquiry's attributes.")
    @errors_as_union
    async def inquiry_update(
        self, info: Info, input: Annotated[InquiryUpdateInput, INPUT]
    ) -> InquiryUpdateResult:
        account = input.account_id
        row = await inquiries.update_inquiry(
            actor=principal(info),
            inquiry_id=decode_id(input.id, "Inquiry", field="id"),
            reference_id=keep_unset(input.reference_id),
            name_first=keep_unset(input.name_first),
            name_last=keep_unset(input.name_last),
            birthdate=keep_unset(input.birthdate),
            fields=json_object(input.fields, "fields"),
            account_id=keep_unset(account if account is strawberry.UNSET else _account(account)),
        )
        return InquiryPayload(inquiry=Inquiry.from_row(row))

    @strawberry.mutation(
        description="Set an inquiry's status; emits inquiry.<event> (e.g. inquiry.approved)."
    )
    @errors_as_union
    async def inquiry_set_status(
        self, info: Info, input: Annotated[InquirySetStatusInput, INPUT]
    ) -> InquirySetStatusResult:
        row = await inquiries.set_inquiry_status(
            actor=principal(info),
            inquiry_id=decode_id(input.id, "Inquiry", field="id"),
            status=input.status,
            comment=input.comment,
        )
        return InquiryPayload(inquiry=Inquiry.from_row(row))

    @strawberry.mutation(description="Record an account.")
    @errors_as_union
    async def account_create(
        self, info: Info, input: Annotated[AccountCreateInput, INPUT]
    ) -> AccountCreateResult:
        row = await records.create_account(
            actor=principal(info),
            reference_id=input.reference_id,
            fields=json_object(input.fields, "fields"),
            tags=input.tags,
        )
        return AccountPayload(account=Account.from_row(row))

    @strawberry.mutation(description="Record a report.")
    @errors_as_union
    async def report_create(
        self, info: Info, input: Annotated[ReportCreateInput, INPUT]
    ) -> ReportCreateResult:
        row = await records.create_report(
            actor=principal(info),
            report_type=input.report_type,
            status=input.status,
            has_match=input.has_match,
            fields=json_object(input.fields, "fields"),
        )
        return ReportPayload(report=Report.from_row(row))

    @strawberry.mutation(description="Record a verification.")
    @errors_as_union
    async def verification_create(
        self, info: Info, input: Annotated[VerificationCreateInput, INPUT]
    ) -> VerificationCreateResult:
        row = await records.create_verification(
            actor=principal(info),
            verification_type=input.verification_type,
            status=input.status,
            fields=json_object(input.fields, "fields"),
        )
        return VerificationPayload(verification=Verification.from_row(row))

    @strawberry.mutation(description="Record a transaction.")
    @errors_as_union
    async def transaction_create(
        self, info: Info, input: Annotated[TransactionCreateInput, INPUT]
    ) -> TransactionCreateResult:
        row = await records.create_transaction(
            actor=principal(info),
            transaction_type=input.transaction_type,
            status=input.status,
            reference_id=input.reference_id,
            fields=json_object(input.fields, "fields"),
        )
        return TransactionPayload(transaction=Transaction.from_row(row))
