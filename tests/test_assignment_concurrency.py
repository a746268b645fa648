"""Race-free assignment: many concurrent creates, every case assigned exactly once, loads
balanced. Real concurrency on PostgreSQL (row locks); SQLite's single writer serializes."""

import asyncio
from collections import Counter

from app.db.models import Case, Event
from tests.api import CASE_CREATE, make_case, make_template

USER_CREATE = """
mutation($email: String!) {
  userCreate(input: {email: $email, name: "R", role: REVIEWER}) {
    ... on UserCreatePayload { user { id } }
  }
}
"""

POLICY = """
mutation($id: ID!, $policy: AssignmentPolicy!, $users: [ID!]!) {
  caseTemplateUpdate(input: {id: $id, assignmentPolicy: $policy, assignmentUserIds: $users}) {
    __typename
  }
}
"""


async def _pool(admin, n):
    return [
        (await admin(USER_CREATE, email=f"r{i}@acme.example"))["userCreate"]["user"]["id"]
        for i in range(n)
    ]


async def test_200_concurrent_creates_round_robin_20_each(admin):
    users = await _pool(admin, 10)
    template = await make_template(admin)
    await admin(POLICY, id=template, policy="ROUND_ROBIN", users=users)
    results = await asyncio.gather(
        *[admin(CASE_CREATE, input={"templateId": template}) for _ in range(200)]
    )
    assert Counter(r["caseCreate"]["__typename"] for r in results) == {"CasePayload": 200}
    loads = Counter(await Case.all().values_list("assignee_id", flat=True))
    assert None not in loads
    assert sorted(loads.values()) == [20] * 10
    assigned = await Event.filter(name="case.assigned").values_list("subject_id", flat=True)
    assert len(assigned) == len(set(assigned)) == 200


async def test_fewest_cases_evens_out_unequal_loads(admin):
    users = await _pool(admin, 5)
    other = await make_template(admin, "AML")
    for i, user in enumerate(users):  # starting loads 0, 3, 6, 9, 12
        for _ in range(3 * i):
            await make_case(admin, other, assigneeId=user)
    template = await make_template(admin)
    await admin(POLICY, id=template, policy="FEWEST_CASES", users=users)
    await asyncio.gather(*[admin(CASE_CREATE, input={"templateId": template}) for _ in range(60)])
    loads = Counter(await Case.filter(state="open").values_list("assignee_id", flat=True))
    assert sum(loads.values()) == 30 + 60
    assert max(loads.values()) - min(loads.values()) <= 1
