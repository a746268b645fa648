"""Idempotency keys of GraphQL mutations: the first response, replayed for 24 hours."""

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model


class IdempotencyKey(Model):
    """One ``Idempotency-Key`` of one API key; (api key, key) is unique and is the lock that
    makes concurrent duplicates execute once, on every replica."""

    id = fields.IntField(primary_key=True)
    api_key_id = fields.IntField()
    key = fields.CharField(max_length=255)
    fingerprint = fields.CharField(max_length=64)
    # null while the first request runs; then the stored answer
    response_status = fields.IntField(null=True)
    response_headers = fields.JSONField(null=True)
    response_body = fields.BinaryField(null=True)
    # a request still running after this is presumed dead (its process crashed)
    locked_until = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "idempotency_key"
        unique_together = (("api_key_id", "key"),)
        indexes = (Index(fields=("expires_at",), name="idx_idempotency_key_expires"),)
        ordering = ["id"]
