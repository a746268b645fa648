"""The embedded default's first-start demo: what the README's examples need.

Organization `Demo`; an admin (`admin@demo.example`, whose key is printed once) and two
reviewers, `ann@demo.example` and `bob@demo.example`, forming team `L1`; a `KYC review`
template (key `KYC`, a required `risk` field, round robin over team L1); and the seed
scenario's two workflows, published.
"""

from app.db.models import Organization
from app.domain.assignment import AssignmentPolicy
from app.domain.principal import Role
from app.domain.templates import FieldDef, FieldType
from app.services import templates, workflows
from app.services.auth import authenticate
from app.services.demo_workflows import SEED_WORKFLOWS
from app.services.tenancy import IssuedKey, bootstrap_api_key, create_team, create_user

DEMO_ORG = "Demo"
DEMO_EMAIL = "admin@demo.example"
REVIEWERS = (("ann@demo.example", "Ann"), ("bob@demo.example", "Bob"))
TEAM = "L1"


async def seed_demo() -> IssuedKey | None:
    """Create the demo when the database holds no organization; None when it already has one."""
    if await Organization.exists():
        return None
    issued = await bootstrap_api_key(
        organization_name=DEMO_ORG,
        email=DEMO_EMAIL,
        role=Role.ADMIN,
        key_name="demo",
        create_org=True,
    )
    admin = await authenticate(issued.secret)
    assert admin is not None
    reviewers = [
        await create_user(actor=admin, email=email, name=name, role=Role.REVIEWER)
        for email, name in REVIEWERS
    ]
    team = await create_team(actor=admin, name=TEAM, member_ids=[u.id for u in reviewers])
    template = await templates.create_template(
        actor=admin,
        name="KYC review",
        key="KYC",
        field_definitions=[FieldDef("risk", "Risk", FieldType.STRING, required=True)],
        notification_emails=["kyc-leads@demo.example"],
    )
    await templates.update_template(
        actor=admin,
        template_id=template.id,
        assignment_policy=AssignmentPolicy.ROUND_ROBIN,
        assignment_team_ids=[team.id],
    )
    for name, definition in SEED_WORKFLOWS:
        workflow = await workflows.create_workflow(actor=admin, name=name, definition=definition)
        await workflows.publish(actor=admin, workflow_id=workflow.id)
    return issued
