"""Statements per request of the benchmarked operations (bench/api.py): fewer round trips is
the point, so a new one shows up here first."""

from tortoise.connection import get_connection

from bench.documents import CASE, CASE_CREATE, CASES
from tests.api import make_template
from tests.conftest import ON_POSTGRES
from tests.sql import count_statements
from tests.test_query_count import _seed


async def test_case_create_statements(admin, monkeypatch):
    template = await make_template(admin)
    await admin(CASE_CREATE, t=template)  # the key is cached from here on
    with count_statements(monkeypatch) as seen:
        client_class = type(get_connection("default"))
        insert = client_class.execute_insert

        async def counted(self, query, values):  # type: ignore[no-untyped-def]
            seen.append(query)
            return await insert(self, query, values)

        monkeypatch.setattr(client_class, "execute_insert", counted)
        data = await admin(CASE_CREATE, t=template)
    assert data["caseCreate"]["case"]["name"] == "KYC-2"
    # the template locked, its number taken, the case, (the advisory lock,) the event
    expected = ["SELECT", "UPDATE", "INSERT"] + (["SELECT"] if ON_POSTGRES else []) + ["INSERT"]
    assert [s.split()[0].upper() for s in seen] == expected, seen


async def test_read_statements(admin, monkeypatch):
    await _seed(admin, 3)
    data = await admin(CASES, first=3)
    node = data["cases"]["edges"][0]["node"]
    with count_statements(monkeypatch) as seen:
        await admin(CASES, first=3)
    assert len(seen) == 5, seen  # page, templates, users, links, inquiries
    with count_statements(monkeypatch) as seen:
        data = await admin(CASE, id=node["id"])
    assert data["case"]["template"]["name"] == "KYC review"
    assert len(seen) == 1, seen  # the case joined with its template
