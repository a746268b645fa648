"""Keyset (cursor) pagination over a queryset ordered by one column plus id."""

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from app.db.reads.direct import select_all

M = TypeVar("M", bound=Model)


class BadCursor(ValueError):
    """A cursor that this ordering did not produce."""


@dataclass(frozen=True)
class Ordering:
    """Sort by ``column`` (``id`` alone when column is ``id``), then by id; both one direction."""

    column: str
    descending: bool


@dataclass
class Page(Generic[M]):
    """One page of rows with their cursors, and the unpaginated query for totalCount."""

    rows: list[M]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    query: QuerySet[M]


def _key(row: Model, ordering: Ordering) -> list[Any]:
    if ordering.column == "id":
        return [row.pk]
    value = getattr(row, ordering.column)
    return [value.isoformat() if isinstance(value, dt.datetime) else value, row.pk]


def encode_cursor(row: Model, ordering: Ordering) -> str:
    """An opaque cursor for the row's position in this ordering."""
    pk = row.pk
    if ordering.column == "id" and type(pk) is int:  # json.dumps's text, without its encoder
        raw = f'["id",{pk}]'
    else:
        raw = json.dumps([ordering.column, *_key(row, ordering)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, ordering: Ordering) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor("not a cursor of this connection") from exc
    if not isinstance(data, list) or not data or data[0] != ordering.column:
        raise BadCursor("not a cursor of this connection or ordering")
    key = data[1:]
    if len(key) != (1 if ordering.column == "id" else 2) or not isinstance(key[-1], int):
        raise BadCursor("not a cursor of this connection")
    if ordering.column != "id" and isinstance(key[0], str):
        try:
            key[0] = dt.datetime.fromisoformat(key[0])
        except ValueError as exc:
            raise BadCursor("not a cursor of this connection") from exc
    return key


def _beyond(key: list[Any], ordering: Ordering, forward: bool) -> Q:
    """Rows strictly after (forward) or before the key in the ordering."""
    down = ordering.descending == forward
    op = "lt" if down else "gt"
    if ordering.column == "id":
        return Q(**{f"id__{op}": key[0]})
    value, ident = key
    return Q(**{f"{ordering.column}__{op}": value}) | Q(
        Q(**{ordering.column: value}), Q(**{f"id__{op}": ident})
    )


def _order_by(ordering: Ordering, reverse: bool) -> list[str]:
    desc = ordering.descending != reverse
    sign = "-" if desc else ""
    cols = ["id"] if ordering.column == "id" else [ordering.column, "id"]
    return [sign + c for c in cols]


async def paginate(
    query: QuerySet[M],
    ordering: Ordering,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Page[M]:
    """Fetch one page; ``first``/``after`` page forward, ``last``/``before`` backward."""
    window = query
    if after is not None:
        window = window.filter(_beyond(_decode(after, ordering), ordering, forward=True))
    if before is not None:
        window = window.filter(_beyond(_decode(before, ordering), ordering, forward=False))
    backward = last is not None and first is None
    limit = last if backward else first
    assert limit is not None
    rows = await select_all(window.order_by(*_order_by(ordering, backward)).limit(limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    if backward:
        rows.reverse()
    return Page(
        rows=rows,
        cursors=[encode_cursor(r, ordering) for r in rows],
        has_next_page=before is not None if backward else more,
        has_previous_page=more if backward else after is not None,
        query=query,
    )


def paginate_loaded(
    rows: list[M],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> tuple[list[M], list[str], bool, bool]:
    """Page through rows already loaded in ascending id order (nested lists from loaders)."""
    ordering = Ordering("id", descending=False)
    if after is not None:
        low = _decode(after, ordering)[0]
        rows = [r for r in rows if r.pk > low]
    if before is not None:
        high = _decode(before, ordering)[0]
        rows = [r for r in rows if r.pk < high]
    if last is not None and first is None:
        page = rows[-last:] if last else []
        has_prev, has_next = len(rows) > last, before is not None
    else:
        assert first is not None
        page = rows[:first]
        has_next, has_prev = len(rows) > first, after is not None
    return page, [encode_cursor(r, ordering) for r in page], has_next, has_prev
