"""Test fixtures: one database per session (SQLite in memory, or a fresh PostgreSQL database
when DATABASE_URL names PostgreSQL), emptied after every test; the real app over ASGI."""

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from tortoise.context import tortoise_test_context
from tortoise.contrib.test import truncate_all_models

from app.db.config import MODEL_MODULES, dialect_of
from app.events.feed import FeedHub
from app.events.publisher import publisher
from app.main import create_app
from app.settings import Settings, get_settings
from tests.api import Api, new_org
from tests.ws import feed_hub

SETTINGS = get_settings()
ON_POSTGRES = dialect_of(SETTINGS.database_url) == "postgres"


def _test_db_url(settings: Settings) -> str:
    if not ON_POSTGRES:
        return "sqlite://:memory:"
    server = settings.database_url.rsplit("/", 1)[0]
    return f"{server}/casegraph_test_{{}}"


@pytest.fixture(scope="session")
async def db() -> AsyncIterator[object]:
    async with tortoise_test_context(MODEL_MODULES, db_url=_test_db_url(SETTINGS)) as ctx:
        yield ctx
        if ON_POSTGRES:
            conn = ctx.db()
            await conn.close()
            await conn.db_delete()


@pytest.fixture(scope="session")
async def broadcast(db: object) -> AsyncIterator[object]:
    async with publisher.connected(SETTINGS.broadcast_url) as bc:
        yield bc


@pytest.fixture(autouse=True)
async def clean(db: object, broadcast: object) -> AsyncIterator[None]:
    yield
    await truncate_all_models()


# rate limits are tested on apps of their own (tests/test_edge_limits.py); the shared app has
# none, so no test is refused because the suite as a whole sent many requests
FAST_FEEDS = SETTINGS.model_copy(
    update={
        "feed_poll_seconds": 0.2,
        "rate_limit_per_minute": 0,
        "anonymous_rate_limit_per_minute": 0,
    }
)


@pytest.fixture(scope="session")
def app(db: object) -> Starlette:
    return create_app(FAST_FEEDS, manage_database=False)


@pytest.fixture
def hub(app: Starlette) -> FeedHub:
    """The live-feed hub of ``app``: subscriptions wait until they are registered there."""
    return feed_hub(app)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> Api:
    """An admin of a fresh organization, calling the API over HTTP."""
    return await new_org(client, "Acme")


@pytest.fixture
async def other_admin(client: httpx.AsyncClient) -> Api:
    """An admin of a second organization, for tenancy tests."""
    return await new_org(client, "Globex")
