"""Objects a case gathers: inquiries, accounts, reports, verifications, transactions, documents."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from app.db import models
from app.domain.objects import ObjectType
from app.domain.persona import ExternalSyncStatus
from app.graphql.context import Info
from app.graphql.list_limits import RECENT
from app.graphql.types.common import InquiryStatus, ReportStatus, RowNode, expose_enum
from app.graphql.types.tenancy import User

if TYPE_CHECKING:
    from app.graphql.types.cases import Case
    from app.graphql.types.workflows import WorkflowRun

expose_enum(
    ExternalSyncStatus,
    "Whether Persona has casegraph's latest decision on an inquiry that came from Persona.",
    {
        "PENDING": "The call to Persona's inquiry action is queued or being retried.",
        "SYNCED": "Persona accepted the call.",
        "FAILED": "Persona refused the call, or every retry failed (see personaActions).",
    },
)

CaseRef = Annotated["Case", strawberry.lazy("app.graphql.types.cases")]


async def _cases(info: Info, object_type: ObjectType, object_id: int) -> list["Case"]:
    from app.graphql.types.cases import Case

    loaders = info.context.loaders
    ids = await loaders.cases_of(object_type).load(object_id)
    rows = await loaders.rows(models.Case).load_many(sorted(ids)[-RECENT:])
    return [Case.from_row(r) for r in rows if r is not None]


@strawberry.type(description="An end user of the customer's product.")
class Account(RowNode[models.Account]):
    MODEL = models.Account

    @strawberry.field(
        description="Persona's id of this object (e.g. inq_…) when a Persona integration sent "
        "it; null for objects recorded in casegraph."
    )
    def external_id(self) -> str | None:
        return self.row.external_id

    @strawberry.field(description="The customer's own id for this end user.")
    def reference_id(self) -> str | None:
        return self.row.reference_id

    @strawberry.field(description="Arbitrary attributes.")
    def fields(self) -> JSON:
        return self.row.fields_data

    @strawberry.field(description="Tags.")
    def tags(self) -> list[str]:
        return list(self.row.tags)

    @strawberry.field(description="When it was recorded.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="Cases that link this account (the newest 100).")
    async def cases(self, info: Info) -> list[CaseRef]:
        return await _cases(info, ObjectType.ACCOUNT, self.row.id)


@strawberry.type(description="An identity-verification session of an end user.")
class Inquiry(RowNode[models.Inquiry]):
    MODEL = models.Inquiry
    COLUMNS = (
        "reference_id",
        "status",
        "name_first",
        "name_last",
        "birthdate",
    )

    @strawberry.field(
        description="Persona's id of this object (e.g. inq_…) when a Persona integration sent "
        "it; null for objects recorded in casegraph."
    )
    def external_id(self) -> str | None:
        return self.row.external_id

    @strawberry.field(
        description="Whether Persona has casegraph's latest decision on this inquiry (approve, "
        "decline, mark for review): null for inquiries that did not come from Persona or that "
        "casegraph never decided; see personaActions for every call."
    )
    def external_sync_status(self) -> ExternalSyncStatus | None:
        status = self.row.external_sync_status
        return ExternalSyncStatus(status) if status else None

    reference_id: str | None = strawberry.field(
        description="The customer's own id for the end user."
    )

    status: InquiryStatus = strawberry.field(description="Lifecycle status.")

    name_first: str | None = strawberry.field(description="First name of the end user.")

    name_last: str | None = strawberry.field(description="Last name of the end user.")

    birthdate: dt.date | None = strawberry.field(description="Birthdate of the end user.")

    @strawberry.field(description="Template-defined attributes (free JSON).")
    def fields(self) -> JSON:
        return self.row.fields_data

    @strawberry.field(description="The account the inquiry belongs to.")
    async def account(self, info: Info) -> Account | None:
        if self.row.account_id is None:
            return None
        row = await info.context.loaders.rows(models.Account).load(self.row.account_id)
        return Account.from_row(row) if row else None

    @strawberry.field(
        description="The user who created the inquiry (null when created by a service key)."
    )
    async def creator(self, info: Info) -> User | None:
        if self.row.creator_id is None:
            return None
        row = await info.context.loaders.rows(models.User).load(self.row.creator_id)
        return User.from_row(row) if row else None

    @strawberry.field(description="When it was created.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at

    @strawberry.field(description="When it last changed.")
    def updated_at(self) -> dt.datetime:
        return self.row.updated_at

    @strawberry.field(description="When it completed, failed or expired.")
    def completed_at(self) -> dt.datetime | None:
        return self.row.completed_at

    @strawberry.field(description="When it was last approved or declined.")
    def decisioned_at(self) -> dt.datetime | None:
        return self.row.decisioned_at

    @strawberry.field(description="Cases that link this inquiry (the newest 100).")
    async def cases(self, info: Info) -> list[CaseRef]:
        return await _cases(info, ObjectType.INQUIRY, self.row.id)

    @strawberry.field(description="Workflow runs triggered by this inquiry (the newest 100).")
    async def workflow_runs(
        self, info: Info
    ) -> list[Annotated["WorkflowRun", strawberry.lazy("app.graphql.types.workflows")]]:
        from app.graphql.types.workflows import WorkflowRun

        rows = await info.context.loaders.inquiry_runs.load(self.row.id)
        return [WorkflowRun.from_row(r) for r in rows[-RECENT:]]


@strawberry.type(description="A report run: watchlist, adverse media, PEP, ...")
class Report(RowNode[models.Report]):
    MODEL = models.Report

    @strawberry.field(
        description="Persona's id of this object (e.g. inq_…) when a Persona integration sent "
        "it; null for objects recorded in casegraph."
    )
    def external_id(self) -> str | None:
        return self.row.external_id

    @strawberry.field(description="Kind of report, e.g. watchlist.")
    def report_type(self) -> str:
        return str(self.row.report_type)

    @strawberry.field(description="Run status.")
    def status(self) -> ReportStatus:
        return ReportStatus(self.row.status)

    @strawberry.field(description="Whether the report found a match.")
    def has_match(self) -> bool:
        return bool(self.row.has_match)

    @strawberry.field(description="Report data (free JSON).")
    def fields(self) -> JSON:
        return self.row.fields_data

    @strawberry.field(description="When it was recorded.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="A verification: government id, selfie, database, ...")
class Verification(RowNode[models.Verification]):
    MODEL = models.Verification

    @strawberry.field(
        description="Persona's id of this object (e.g. inq_…) when a Persona integration sent "
        "it; null for objects recorded in casegraph."
    )
    def external_id(self) -> str | None:
        return self.row.external_id

    @strawberry.field(description="Kind of verification, e.g. government-id.")
    def verification_type(self) -> str:
        return str(self.row.verification_type)

    @strawberry.field(description="Status, e.g. passed or failed.")
    def status(self) -> str:
        return str(self.row.status)

    @strawberry.field(description="Verification data (free JSON).")
    def fields(self) -> JSON:
        return self.row.fields_data

    @strawberry.field(description="When it was recorded.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="A transaction, often the trigger of an AML alert case.")
class Transaction(RowNode[models.Transaction]):
    MODEL = models.Transaction

    @strawberry.field(description="Kind of transaction.")
    def transaction_type(self) -> str:
        return str(self.row.transaction_type)

    @strawberry.field(description="Status, e.g. created or needs review.")
    def status(self) -> str:
        return str(self.row.status)

    @strawberry.field(description="The customer's own id for the transaction.")
    def reference_id(self) -> str | None:
        return self.row.reference_id

    @strawberry.field(description="Transaction data (free JSON).")
    def fields(self) -> JSON:
        return self.row.fields_data

    @strawberry.field(description="When it was recorded.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


@strawberry.type(description="Free JSON from another system, attached to a case.")
class Document(RowNode[models.Document]):
    MODEL = models.Document

    @strawberry.field(description="What the data is.")
    def label(self) -> str:
        return str(self.row.label)

    @strawberry.field(description="The data.")
    def data(self) -> JSON:
        return self.row.data

    @strawberry.field(description="When it was attached.")
    def created_at(self) -> dt.datetime:
        return self.row.created_at


LinkedObject = Annotated[
    Inquiry | Account | Report | Verification | Transaction | Document,
    strawberry.union("LinkedObject", description="Any object a case can link."),
]

NODE_OF_TYPE: dict[ObjectType, type[RowNode]] = {
    ObjectType.INQUIRY: Inquiry,
    ObjectType.ACCOUNT: Account,
    ObjectType.REPORT: Report,
    ObjectType.VERIFICATION: Verification,
    ObjectType.TRANSACTION: Transaction,
    ObjectType.DOCUMENT: Document,
}
NODE_OF_MODEL = {node.MODEL: node for node in NODE_OF_TYPE.values()}
