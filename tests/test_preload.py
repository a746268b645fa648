"""The cases list preloads what its nodes' relation fields read, so those resolvers answer
with values (no awaitable per case for graphql-core to schedule), for the same statements."""

from app.db.models import Case, CaseTemplate, Inquiry
from app.domain.objects import ObjectType
from app.graphql import loaders
from app.graphql.loaders import Loaders
from app.graphql.types import cases
from bench.documents import CASES
from tests.sql import count_statements
from tests.test_query_count import _seed

FRAGMENTS = """
query { cases(first: 5) { nodes { ...C } } }
fragment C on Case { template { key } ... on Case { assignee { email } inquiries { id } } }
"""


async def test_a_page_resolves_its_relations_without_awaiting(admin, monkeypatch):
    await _seed(admin, 5)
    awaited: list[object] = []
    original = loaders.then

    def then(value, fn):  # type: ignore[no-untyped-def]
        if loaders.pending(value):
            awaited.append(value)
        return original(value, fn)

    monkeypatch.setattr(loaders, "then", then)
    monkeypatch.setattr(cases, "then", then)
    for document, variables in ((CASES, {"first": 5}), (FRAGMENTS, {})):
        with count_statements(monkeypatch) as seen:
            data = await admin(document, **variables)
        page = data["cases"]
        nodes = page["nodes"] if "nodes" in page else [e["node"] for e in page["edges"]]
        assert len(nodes) == 5
        assert all(n["template"] and n["assignee"] and len(n["inquiries"]) == 1 for n in nodes)
        # cases page, templates, users, links, inquiries
        assert len(seen) == 5, seen
        monkeypatch.setattr(loaders, "then", then)
        monkeypatch.setattr(cases, "then", then)
    assert awaited == []


async def test_a_single_case_still_loads_its_relations_lazily(admin):
    await _seed(admin, 1)
    data = await admin("query { cases(first: 1) { nodes { id } } }")
    case_id = data["cases"]["nodes"][0]["id"]
    data = await admin(
        "query($id: ID!) { case(id: $id) { template { key } assignee { email } "
        "inquiries { referenceId } } }",
        id=case_id,
    )
    assert data["case"] == {
        "template": {"key": "KYC"},
        "assignee": {"email": "admin@acme.example"},
        "inquiries": [{"referenceId": "r0"}],
    }


async def test_ready_rows_are_the_rows_the_loaders_hold(admin):
    await _seed(admin, 2)
    page = await Case.all().order_by("id")
    template_id = page[0].template_id
    held = Loaders(page[0].organization_id)
    before = await held.rows(CaseTemplate).load(template_id)  # loaded before the preload
    await held.preload_cases(page, {"template", "inquiries"})
    assert held.ready_row(CaseTemplate, template_id) is before  # the loader's row, not a copy
    fresh = Loaders(page[0].organization_id)
    await fresh.preload_cases(page, {"template", "inquiries"})
    template = fresh.ready_row(CaseTemplate, template_id)
    assert not loaders.pending(template)
    assert template is await fresh.rows(CaseTemplate).load(template_id)
    linked = fresh.linked_now(page[1].id, ObjectType.INQUIRY, Inquiry)
    assert isinstance(linked, list) and [r.reference_id for r in linked] == ["r1"]
    missing = fresh.ready_row(CaseTemplate, 99_999)  # never primed: a load
    assert loaders.pending(missing) and await missing is None
