"""The embedded default's first-start demo: an organization, an admin, a key, a template."""

from app.db.models import Organization
from app.domain.principal import Role
from app.services.auth import authenticate
from app.services.templates import create_template
from app.services.tenancy import IssuedKey, bootstrap_api_key

DEMO_ORG = "Demo"
DEMO_EMAIL = "admin@demo.example"


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
    await create_template(actor=admin, name="KYC review", key="KYC")
    return issued
