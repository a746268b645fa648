"""Objects a case gathers: inquiries, accounts, reports, verifications, transactions, documents."""

from tortoise import fields
from tortoise.models import Model

from app.db.models.tenancy import Organization, User
from app.domain.objects import InquiryStatus, ObjectType, ReportStatus


class Account(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="accounts", on_delete=fields.CASCADE
    )
    organization_id: int
    reference_id = fields.CharField(max_length=200, null=True, db_index=True)
    fields_data = fields.JSONField(source_field="fields")
    tags = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    # set on objects a Persona integration sent: Persona's id, the integration, and the
    # newest Persona updated-at applied (older deliveries never move the object back)
    external_id = fields.CharField(max_length=64, null=True)
    external_integration_id = fields.IntField(null=True)
    external_updated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "account"
        ordering = ["-id"]
        unique_together = (("organization", "external_id"),)


class Inquiry(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="inquiries", on_delete=fields.CASCADE
    )
    organization_id: int
    reference_id = fields.CharField(max_length=200, null=True, db_index=True)
    status = fields.CharEnumField(InquiryStatus, max_length=16, default=InquiryStatus.CREATED)
    name_first = fields.CharField(max_length=200, null=True)
    name_last = fields.CharField(max_length=200, null=True)
    birthdate = fields.DateField(null=True)
    fields_data = fields.JSONField(source_field="fields")
    account: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="inquiries", null=True, on_delete=fields.SET_NULL
    )
    account_id: int | None
    creator: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_inquiries", null=True, on_delete=fields.SET_NULL
    )
    creator_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    completed_at = fields.DatetimeField(null=True)
    decisioned_at = fields.DatetimeField(null=True)
    # set on objects a Persona integration sent: Persona's id, the integration, and the
    # newest Persona updated-at applied (older deliveries never move the object back)
    external_id = fields.CharField(max_length=64, null=True)
    external_integration_id = fields.IntField(null=True)
    external_updated_at = fields.DatetimeField(null=True)
    # where the last decision sent back to Persona stands (pending, synced, failed)
    external_sync_status = fields.CharField(max_length=16, null=True)

    class Meta:
        table = "inquiry"
        ordering = ["-id"]
        unique_together = (("organization", "external_id"),)


class Report(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="reports", on_delete=fields.CASCADE
    )
    organization_id: int
    report_type = fields.CharField(max_length=64)
    status = fields.CharEnumField(ReportStatus, max_length=16, default=ReportStatus.PENDING)
    has_match = fields.BooleanField(default=False)
    fields_data = fields.JSONField(source_field="fields")
    created_at = fields.DatetimeField(auto_now_add=True)
    # set on objects a Persona integration sent: Persona's id, the integration, and the
    # newest Persona updated-at applied (older deliveries never move the object back)
    external_id = fields.CharField(max_length=64, null=True)
    external_integration_id = fields.IntField(null=True)
    external_updated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "report"
        ordering = ["-id"]
        unique_together = (("organization", "external_id"),)


class Verification(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="verifications", on_delete=fields.CASCADE
    )
    organization_id: int
    verification_type = fields.CharField(max_length=64)
    status = fields.CharField(max_length=32)
    fields_data = fields.JSONField(source_field="fields")
    created_at = fields.DatetimeField(auto_now_add=True)
    # set on objects a Persona integration sent: Persona's id, the integration, and the
    # newest Persona updated-at applied (older deliveries never move the object back)
    external_id = fields.CharField(max_length=64, null=True)
    external_integration_id = fields.IntField(null=True)
    external_updated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "verification"
        ordering = ["-id"]
        unique_together = (("organization", "external_id"),)


class Transaction(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="transactions", on_delete=fields.CASCADE
    )
    organization_id: int
    transaction_type = fields.CharField(max_length=64)
    status = fields.CharField(max_length=32)
    reference_id = fields.CharField(max_length=200, null=True)
    fields_data = fields.JSONField(source_field="fields")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "txn"
        ordering = ["-id"]


class Document(Model):
    """Free JSON from another system, attached to a case."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="documents", on_delete=fields.CASCADE
    )
    organization_id: int
    label = fields.CharField(max_length=200)
    data = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "document"
        ordering = ["-id"]


OBJECT_MODELS: dict[ObjectType, type[Model]] = {
    ObjectType.INQUIRY: Inquiry,
    ObjectType.ACCOUNT: Account,
    ObjectType.REPORT: Report,
    ObjectType.VERIFICATION: Verification,
    ObjectType.TRANSACTION: Transaction,
    ObjectType.DOCUMENT: Document,
}
