"""The ASGI application: routes, and a lifespan that owns every resource."""

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route, WebSocketRoute
from tortoise.contrib.starlette import RegisterTortoise

from app.db.config import tortoise_config
from app.edge.rejection import EXCEPTION_HANDLERS
from app.edge.stack import edge_middleware, rate_limiter
from app.events.feed import FeedHub
from app.events.publisher import publisher
from app.gc_policy import collector, tune_for_serving
from app.graphiql.assets import serve_asset
from app.graphiql.page import graphiql_html
from app.graphql.schema import schema
from app.graphql.view import GraphQLApp
from app.health import healthz
from app.http.persona_webhooks import persona_webhook_endpoint
from app.services.revocations import revocations
from app.settings import Settings, get_settings
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
            RegisterTortoise(app, config=tortoise_config(settings.database_url, server=True)),
            publisher.connected(settings.broadcast_url),
            revocations.watching(settings.revocation_poll_seconds),
            collector.sweeping(),
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

    async def graphiql(request: Request) -> Response:
        return HTMLResponse(graphiql_html())

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/graphiql/", graphiql, methods=["GET"]),
            Route("/graphiql/{name:path}", serve_asset, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route(
                "/webhooks/persona/{integration:int}",
                persona_webhook_endpoint(settings),
                methods=["POST"],
            ),
        ],
        middleware=[
            # HTTP from the browser origins that may also open WebSockets. Keys travel in the
            # Authorization header, never cookies: no credentials, and no wildcard origin.
            Middleware(
                CORSMiddleware,
                allow_origins=settings.allowed_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "accept"],
                allow_credentials=False,
                max_age=600,
            ),
            # inside CORS, so a 413 or 429 still carries its headers
            *edge_middleware(settings, limiter),
        ],
        lifespan=lifespan,
        exception_handlers=EXCEPTION_HANDLERS,
    )


def create_app_from_environment() -> Starlette:
    """The app of one of several uvicorn worker processes (``WEB_CONCURRENCY`` > 1): each
    reads its settings from the environment ``serve`` passed on."""
    app = create_app(get_settings())
    tune_for_serving()
    return app
