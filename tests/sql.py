"""Counting the SQL statements a block of test code causes."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from tortoise.connection import get_connection

READ_METHODS = ("execute_query", "execute_query_dict")


@contextmanager
def count_statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every SQL statement the default connection executes."""
    seen: list[str] = []
    client_class = type(get_connection("default"))
    for name in READ_METHODS:
        original = getattr(client_class, name)

        async def counted(self, query, values=None, _original=original):  # type: ignore[no-untyped-def]
            seen.append(query)
            return await _original(self, query, values)

        monkeypatch.setattr(client_class, name, counted)
    yield seen
    monkeypatch.undo()
