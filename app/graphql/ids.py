"""Global ids in inputs: parse and check their type."""

from strawberry import relay

from app.domain.errors import ValidationError

MAX_ID = 2**31 - 1  # ids are PostgreSQL `integer` keys ...
MAX_BIG_ID = 2**63 - 1  # ... but for the event log's `bigint` keys
BIG_KEYS = frozenset({"Event"})  # node types with bigint keys
MAX_ID_DIGITS = len(str(MAX_BIG_ID))


def decode_id(gid: relay.GlobalID, *types: str, field: str) -> int:
    """The database id inside a global id of one of ``types``."""
    if gid.type_name not in types:
        raise ValidationError.of(
            field, f"expected an id of type {' or '.join(types)}, got one of type {gid.type_name}"
        )
    number = row_id(gid.node_id, big=gid.type_name in BIG_KEYS)
    if number is None:
        raise ValidationError.of(field, "is not a valid id")
    return number


def row_id(node_id: str, *, big: bool = False) -> int | None:
    """The database id a global id's node part names, or None when it names none (not
    digits, or beyond the keys the column holds: ``big`` for ``bigint`` keys)."""
    if not (node_id.isascii() and node_id.isdigit() and len(node_id) <= MAX_ID_DIGITS):
        return None
    number = int(node_id)
    return number if 1 <= number <= (MAX_BIG_ID if big else MAX_ID) else None


def decode_optional(gid: relay.GlobalID | None, *types: str, field: str) -> int | None:
    """Like decode_id, passing None through."""
    return None if gid is None else decode_id(gid, *types, field=field)


def decode_ids(gids: list[relay.GlobalID], type_name: str, *, field: str) -> list[int]:
    """decode_id over a list; problems name the position (``field.2``)."""
    return [decode_id(g, type_name, field=f"{field}.{i}") for i, g in enumerate(gids)]
