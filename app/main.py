"""The ASGI application: routes, and a lifespan that owns every resource."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Route, WebSocketRoute
from tortoise.contrib.starlette import RegisterTortoise

from app.db.config import tortoise_config
from app.events.broadcast import make_broadcast
from app.events.publisher import publisher
from app.graphql.schema import schema
from app.graphql.view import GraphQLApp
from app.health import healthz
from app.settings import Settings
from app.workers.runner import Workers


def create_app(settings: Settings, *, manage_database: bool = True) -> Starlette:
    """Build the app. ``manage_database=False`` leaves Tortoise and the broadcast to the caller
    (tests that already hold a database context)."""
    graphql = GraphQLApp(schema, allowed_origins=settings.allowed_origins)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        async with (
            RegisterTortoise(app, config=tortoise_config(settings.database_url)),
            make_broadcast(settings.broadcast_url) as broadcast,
        ):
            publisher.broadcast = broadcast
            workers = Workers(settings)
            if settings.workers_enabled:
                workers.start()
            try:
                yield
            finally:
                await workers.stop()
                publisher.broadcast = None

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
