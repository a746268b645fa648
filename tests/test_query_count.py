"""N+1 guard: the case list with its detail graph costs the same number of SQL statements
whether it returns 1, 10 or 100 cases."""

from app.db.models import Case, CaseComment, CaseObject, CaseTemplate, Event, Inquiry, User
from app.domain.objects import ObjectType
from tests.api import make_template
from tests.sql import count_statements

DETAIL_LIST = """
query($first: Int!) {
  cases(first: $first) {
    nodes {
      name
      template { key statuses { name } }
      assignee { email }
      creator { type user { email } }
      inquiries { referenceId }
      objects { nodes { __typename ... on Inquiry { status } } }
      comments { nodes { body author { user { email } } } }
      events { nodes { name actor { type } } }
    }
  }
}
"""


async def _seed(admin, n: int) -> None:
    template_gid = await make_template(admin)
    template = await CaseTemplate.get(key="KYC")
    user = await User.get(email="admin@acme.example")
    assert template_gid
    for i in range(n):
        inquiry = await Inquiry.create(
            organization_id=template.organization_id, reference_id=f"r{i}", fields_data={}
        )
        case = await Case.create(
            organization_id=template.organization_id,
            template_id=template.id,
            number=i + 1,
            name=f"KYC-{i + 1}",
            status="Open",
            creator_type="user",
            creator_id=str(user.id),
            assignee_id=user.id,
            tags=[],
            fields_data={},
        )
        await CaseObject.create(
            case_id=case.id, object_type=ObjectType.INQUIRY, object_id=inquiry.id
        )
        await CaseComment.create(
            organization_id=case.organization_id,
            case_id=case.id,
            author_type="user",
            author_id=str(user.id),
            body="note",
        )
        await Event.create(
            organization_id=case.organization_id,
            name="case.created",
            subject_type="case",
            subject_id=case.id,
            actor_type="user",
            actor_id=str(user.id),
            payload={},
        )


async def test_statement_count_does_not_grow_with_the_page(admin, monkeypatch):
    await _seed(admin, 100)
    counts = {}
    for k in (1, 10, 100):
        with count_statements(monkeypatch) as seen:
            data = await admin(DETAIL_LIST, first=k)
        assert len(data["cases"]["nodes"]) == k
        counts[k] = len(seen)
    assert counts[1] == counts[10] == counts[100], counts
    # cases page, template, users, links, inquiries, comments, events (the key is cached:
    # authentication costs a statement only on a key's first request in a minute)
    assert counts[1] == 7, counts
