"""Statuses of email deliveries."""

from enum import StrEnum


class DeliveryStatus(StrEnum):
    """Pending until sent, or failed after the last attempt the retry policy allows."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
