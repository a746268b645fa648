"""Email address checks shared by users and notification lists."""

import re

from app.domain.errors import ValidationError

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_email(email: str, field: str = "email") -> str:
    """A trimmed, lower-cased address, or a ValidationError naming the field."""
    value = email.strip().lower()
    if len(value) > 254 or not _EMAIL_RE.match(value):
        raise ValidationError.of(field, f"'{email}' is not a valid email address")
    return value
