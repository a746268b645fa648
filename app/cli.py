"""`casegraph ...` (also `python -m app ...`): serve, migrate, makemigrations, create-api-key,
export-schema."""

import argparse
import asyncio
import logging
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from tortoise import Tortoise

from app.db.config import tortoise_config
from app.db.migrations import make_migration, pending_changes, upgrade
from app.domain.errors import DomainError
from app.domain.principal import Role
from app.settings import Settings, get_settings

log = logging.getLogger("casegraph")
T = TypeVar("T")
DIALECTS = ("sqlite", "postgres")


def _ensure_sqlite_dir(database_url: str) -> None:
    if database_url.startswith("sqlite://") and ":memory:" not in database_url:
        path = database_url.removeprefix("sqlite://").split("?", 1)[0]
        Path(path).parent.mkdir(parents=True, exist_ok=True)


async def _with_orm(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    await Tortoise.init(config=tortoise_config(settings.database_url, server=True))
    try:
        return await work()
    finally:
        await Tortoise.close_connections()


def cmd_migrate(settings: Settings, wait_seconds: float = 0) -> int:
    _ensure_sqlite_dir(settings.database_url)
    if wait_seconds > 0:
        from app.db.wait import DatabaseUnreachable, wait_for_database

        try:
            asyncio.run(wait_for_database(settings.database_url, seconds=wait_seconds))
        except DatabaseUnreachable as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    applied = asyncio.run(upgrade(settings.database_url))
    print(f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))
    return 0


def cmd_makemigrations(name: str, check: bool, only: str | None) -> int:
    if only is None:
        # Aerich keeps class-level state per dialect: give each dialect a fresh process
        status = 0
        for dialect in DIALECTS:
            args = ["makemigrations", name, "--only", dialect, *(["--check"] if check else [])]
            status |= subprocess.run([sys.executable, "-m", "app", *args], check=False).returncode
        return status
    if check:
        pending = asyncio.run(pending_changes(only))
        if pending is not None:
            print(
                f"{only}: the models changed without a migration; run "
                f"`python -m app makemigrations NAME`:\n{pending}",
                file=sys.stderr,
            )
            return 1
        print(f"{only}: migrations match the models", flush=True)
        return 0
    written = asyncio.run(make_migration(only, name))
    print(f"{only}: {written or 'no changes'}", flush=True)
    return 0


def cmd_create_api_key(
    settings: Settings,
    org: str,
    email: str,
    role: Role | None,
    *,
    create_org: bool = False,
    change_role: bool = False,
) -> int:
    from app.services.tenancy import bootstrap_api_key

    async def work() -> str:
        issued = await bootstrap_api_key(
            organization_name=org,
            email=email,
            role=role,
            create_org=create_org,
            change_role=change_role,
        )
        return issued.secret

    try:
        secret = asyncio.run(_with_orm(settings, work))
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(secret)
    return 0


def cmd_export_schema(output: str | None) -> int:
    from app.graphql.schema import schema

    text = schema.as_str() + "\n"
    if output:
        Path(output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_serve(settings: Settings) -> int:
    import uvicorn

    from app.banner import banner
    from app.gc_policy import tune_for_serving
    from app.main import create_app
    from app.services.demo import seed_demo

    workers = settings.web_concurrency
    if workers > 1 and not settings.broadcast_url.startswith(("redis://", "rediss://")):
        print(
            f"error: WEB_CONCURRENCY={workers} needs BROADCAST_URL=redis://...: with memory:// "
            "a worker's subscribers would not see the other workers' events live",
            file=sys.stderr,
        )
        return 2
    _ensure_sqlite_dir(settings.database_url)
    if settings.migrate_on_start:
        applied = asyncio.run(upgrade(settings.database_url))
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
    issued = asyncio.run(_with_orm(settings, seed_demo)) if settings.seeds_demo else None
    print(banner(settings, issued.secret if issued else None), flush=True)
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "lifespan": "on",
        "ws_max_size": settings.ws_max_message_bytes,
        # uvicorn's wsproto protocol: ~3 KiB less per connection than its default
        # (websockets-sansio keeps the handshake's request and response, headers and all, for
        # the life of the connection); same fan-out speed, pings, size limit (1009) and close
        # codes. See the README's live-feed benchmark.
        "ws": "wsproto",
    }
    if workers == 1:  # the embedded default: one process
        app = create_app(settings)
        tune_for_serving()
        uvicorn.run(app, **options)
        return 0
    # each worker process builds its app from the environment: pass the command line's
    # overrides on (migrations and the demo seed ran once, here)
    os.environ.update(HOST=settings.host, PORT=str(settings.port))
    uvicorn.run("app.main:create_app_from_environment", factory=True, workers=workers, **options)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casegraph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the API (applies migrations first by default)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="uvicorn worker processes (WEB_CONCURRENCY)")
    migrate = sub.add_parser("migrate", help="apply pending migrations to DATABASE_URL")
    migrate.add_argument(
        "--wait",
        type=float,
        default=0,
        metavar="SECONDS",
        help="first retry connecting until the database accepts connections (containers)",
    )
    mk = sub.add_parser("makemigrations", help="write migrations for both dialects")
    mk.add_argument("name", nargs="?", default="update")
    mk.add_argument("--check", action="store_true", help="fail if the models need a migration")
    mk.add_argument("--only", choices=DIALECTS, help="one dialect (default: both)")
    key = sub.add_parser(
        "create-api-key", help="print a new API key for a user (created if missing)"
    )
    key.add_argument("--org", required=True, help="organization name (exact)")
    key.add_argument("--email", required=True)
    key.add_argument(
        "--role",
        choices=[r.value for r in Role],
        help="role of a new user (default admin); for an existing user it must match, "
        "unless --change-role",
    )
    key.add_argument(
        "--create-org", action="store_true", help="create the organization if it does not exist"
    )
    key.add_argument(
        "--change-role", action="store_true", help="change an existing user's role to --role"
    )
    export = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    export.add_argument("--output", "-o")
    args = parser.parse_args(argv)

    settings = get_settings()
    if args.command == "serve":
        overrides = {
            k: v
            for k, v in (
                ("host", args.host),
                ("port", args.port),
                ("web_concurrency", args.workers),
            )
            if v
        }
        settings = settings.model_copy(update=overrides)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("tortoise").setLevel(logging.WARNING)
    match args.command:
        case "serve":
            return cmd_serve(settings)
        case "migrate":
            return cmd_migrate(settings, args.wait)
        case "makemigrations":
            return cmd_makemigrations(args.name, args.check, args.only)
        case "create-api-key":
            return cmd_create_api_key(
                settings,
                args.org,
                args.email,
                Role(args.role) if args.role else None,
                create_org=args.create_org,
                change_role=args.change_role,
            )
        case "export-schema":
            return cmd_export_schema(args.output)
    return 2
