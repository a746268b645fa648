"""The ASGI application: routes, and a lifespan that owns every resource."""

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Route, WebSocketRoute
from tortoise.contrib.starlette import RegisterTortoise

from app.db.config import tortoise_config
from app.edge.rejection import EXCEPTION_HANDLERS
from app.edge.stack import edge_middleware, rate_limiter
from app.events.feed import FeedHub
from app.events.publisher import publisher
from app.graphql.schema import schema
from app.graphql.view import GraphQLApp
from app.health import healthz
from app.settings import Settings
from app.workers.runner import Workers


def create_app(settings: Settings, *, manage_database: bool = True) -> Starlette:
    """Build the app. ``manage_database=False`` leaves Tortoise and the broadcast to the caller
    (tests that already hold a database context)."""
    feeds = FeedHub(publisher, poll_seconds=settings.feed_poll_seconds, buffer=settings.feed_buffer)
    limiter = rate_limiter(settings)
    graphql = GraphQLApp(
        schema,
        feeds=feeds,
        settings=settings,
        rate_limiter=limiter,
        allowed_origins=settings.allowed_origins,
        connection_init_wait_timeout=dt.timedelta(seconds=settings.ws_init_timeout_seconds),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        async with (
            RegisterTortoise(app, config=tortoise_config(settings.database_url)),
            publisher.connected(settings.broadcast_url),
        ):
            workers = Workers(settings)
            if settings.workers_enabled:
                workers.start()
            try:
                yield
            finally:
                await workers.stop()
                await feeds.close()
                await limiter.close()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
        middleware=edge_middleware(settings, limiter),
        exception_handlers=EXCEPTION_HANDLERS,
    )
