"""Case tags: trimmed, non-empty, unique, bounded."""

from app.domain.bounds import at_most
from app.domain.errors import ValidationError

MAX_TAGS = 50
MAX_TAG_LENGTH = 64
MAX_TAG_INPUT = 4 * MAX_TAGS  # duplicates are dropped, but the input itself is bounded


def normalize_tags(tags: list[str], field: str = "tags") -> list[str]:
    """Trim, drop duplicates (keeping first order), and reject blank or oversized tags.
    Linear in the input, which is bounded before any work."""
    at_most(tags, MAX_TAG_INPUT, field, "tags")
    result: dict[str, None] = {}
    for i, tag in enumerate(tags):
        value = tag.strip()
        if not value:
            raise ValidationError.of(f"{field}.{i}", "must not be blank")
        if len(value) > MAX_TAG_LENGTH:
            raise ValidationError.of(f"{field}.{i}", f"must be at most {MAX_TAG_LENGTH} characters")
        result[value] = None
    if len(result) > MAX_TAGS:
        raise ValidationError.of(field, f"at most {MAX_TAGS} tags per case")
    return list(result)


def tag_index(tags: list[str]) -> str:
    """The searchable form of a tag list: ``|a|b|`` (``|`` is stripped from tags)."""
    return "|" + "|".join(t.replace("|", "") for t in tags) + "|" if tags else ""
