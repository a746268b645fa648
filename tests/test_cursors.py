"""Cursors: the id ordering's shortcut writes the text json.dumps writes, and every cursor
decodes to the key it encodes."""

import base64
import datetime as dt
import json
from types import SimpleNamespace

import pytest

from app.db.reads.pagination import Ordering, _decode, encode_cursor


def _by_json(column: str, key: list[object]) -> str:
    raw = json.dumps([column, *key], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize("pk", [1, 7, 99, 123456789, 2**40])
def test_an_id_cursor_is_the_json_text(pk):
    ordering = Ordering("id", descending=True)
    cursor = encode_cursor(SimpleNamespace(pk=pk), ordering)  # type: ignore[arg-type]
    assert cursor == _by_json("id", [pk])
    assert _decode(cursor, ordering) == [pk]


def test_a_time_cursor_holds_the_time_and_the_id():
    at = dt.datetime(2026, 12, 6, 4, 5, 6, tzinfo=dt.UTC)
    ordering = Ordering("updated_at", descending=True)
    cursor = encode_cursor(SimpleNamespace(pk=5, updated_at=at), ordering)  # type: ignore[arg-type]
    assert cursor == _by_json("updated_at", [at.isoformat(), 5])
    assert _decode(cursor, ordering) == [at, 5]
