"""Webhook delivery benchmark: events per second delivered to a local receiver.

    python -m bench.webhooks [--webhooks 100] [--events 20] [--concurrency 20]
                             [--database-url sqlite:///tmp/x.sqlite3]

Migrates a fresh SQLite database (or the empty database named by --database-url), creates
one organization with N webhooks (all posting to one receiver: `uvicorn` in a child process on
loopback, answering 200), records E cases (one case.created each), then times:
- fan-out: the `webhooks` log consumer writing one delivery row per (webhook, event);
- sending: the sender claiming due rows and POSTing them (signed, in parallel) until none is
  pending; every delivery must have succeeded.
and prints deliveries per second and events per second (an event counts once all N webhooks
have it).
"""

import argparse
import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from tortoise import Tortoise

from app.db.config import tortoise_config
from app.db.migrations import upgrade
from app.db.models import WebhookDelivery
from app.domain.principal import Principal, Role
from app.services.auth import authenticate
from app.services.cases.create import create_case
from app.services.templates import create_template
from app.services.tenancy import bootstrap_api_key
from app.services.webhooks import create_webhook
from app.workers.webhooks import SenderConfig, WebhookFanout, WebhookSender

ROOT = Path(__file__).resolve().parents[1]


async def _ok(request: Request) -> PlainTextResponse:
    await request.body()
    return PlainTextResponse("ok")


receiver_app = Starlette(routes=[Route("/hook", _ok, methods=["POST"])])


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_receiver(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.webhooks:receiver_app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.post(f"http://127.0.0.1:{port}/hook", content=b"{}", timeout=1)
            return process
        except httpx.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("receiver did not start") from None
            time.sleep(0.1)


async def bench(database_url: str, webhooks: int, events: int, concurrency: int) -> None:
    await upgrade(database_url)
    await Tortoise.init(config=tortoise_config(database_url))
    port = free_port()
    receiver = start_receiver(port)
    try:
        issued = await bootstrap_api_key(
            organization_name="Bench", email="admin@bench.example", role=Role.ADMIN
        )
        admin: Principal | None = await authenticate(issued.secret)
        assert admin is not None
        for i in range(webhooks):
            await create_webhook(
                actor=admin,
                url=f"http://127.0.0.1:{port}/hook",
                enabled_events=["case.created"],
                description=f"bench {i}",
                allow_private=True,
            )
        fanout = WebhookFanout()
        await fanout.drain()  # skip setup events
        template = await create_template(actor=admin, name="KYC review", key="KYC")
        for _ in range(events):
            await create_case(actor=admin, template_id=template.id)

        started = time.perf_counter()
        await fanout.drain()
        fanned = time.perf_counter() - started
        total = await WebhookDelivery.all().count()

        sender = WebhookSender(
            SenderConfig(allow_private_networks=True, concurrency=concurrency, batch=500)
        )
        started = time.perf_counter()
        while await sender.run_once(now=dt.datetime.now(dt.UTC)):
            pass
        sent = time.perf_counter() - started
        await sender.aclose()
        succeeded = await WebhookDelivery.filter(status="succeeded").count()
        assert succeeded == total == webhooks * events, (succeeded, total)
    finally:
        receiver.terminate()
        receiver.wait()
        await Tortoise.close_connections()

    print(f"database        {database_url.split('://')[0]}")
    print(f"webhooks        {webhooks}")
    print(f"events          {events} case.created")
    print(f"deliveries      {total} (all succeeded)")
    print(f"concurrency     {concurrency}")
    print(f"fan-out         {fanned:.2f} s  ({total / fanned:,.0f} delivery rows/s)")
    print(f"sending         {sent:.2f} s  ({total / sent:,.0f} deliveries/s)")
    print(f"events/s        {events / (fanned + sent):.1f} (each to all {webhooks} webhooks)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--webhooks", type=int, default=100)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite://{os.path.join(tmp, 'bench.sqlite3')}"
        asyncio.run(bench(url, args.webhooks, args.events, args.concurrency))


if __name__ == "__main__":
    main()
