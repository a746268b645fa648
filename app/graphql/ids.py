"""Global ids in inputs: parse and check their type."""

from strawberry import relay

from app.domain.errors import ValidationError


def decode_id(gid: relay.GlobalID, *types: str, field: str) -> int:
    """The database id inside a global id of one of ``types``."""
    if gid.type_name not in types:
        raise ValidationError.of(
            field, f"expected an id of type {' or '.join(types)}, got one of type {gid.type_name}"
        )
    try:
        return int(gid.node_id)
    except ValueError:
        raise ValidationError.of(field, "is not a valid id") from None


def decode_optional(gid: relay.GlobalID | None, *types: str, field: str) -> int | None:
    """Like decode_id, passing None through."""
    return None if gid is None else decode_id(gid, *types, field=field)


def decode_ids(gids: list[relay.GlobalID], type_name: str, *, field: str) -> list[int]:
    """decode_id over a list; problems name the position (``field.2``)."""
    return [decode_id(g, type_name, field=f"{field}.{i}") for i, g in enumerate(gids)]
