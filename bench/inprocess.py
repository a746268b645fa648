"""CPU per request in process: the ASGI app driven with raw ASGI messages, no socket, no load
generator, so that one code change can be measured against another on a shared machine.

    DATABASE_URL=postgres://.../casegraph_api_NNNN KEY=cg_... \\
        python -m bench.inprocess [P0,P1,P2] [--requests 400] [--rounds 5] [--profile]

Needs a database seeded by ``python -m bench.api --keep`` and its admin key. Each kind gets
50 warm-up requests, then ``--rounds`` rounds of ``--requests / rounds`` requests (a tenth of
that for P2); it prints the best and the median round's process CPU time per request.
``--profile`` adds cProfile over the measured rounds (``--sort``, ``--top``, or ``--dump``).
The app comes from the current directory (``python -m`` puts it first on the path), so the
same command measures any checkout or worktree.
"""

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import statistics
import time
from typing import Any

import asyncpg
import uvloop

from app.main import create_app
from app.settings import Settings
from bench.comparator import gid
from bench.documents import CASE, CASES, TYPENAME

Message = dict[str, Any]


async def _start(app: Any) -> tuple[asyncio.Task[None], asyncio.Queue[Message]]:
    """Run the app's lifespan startup; the queue takes the shutdown message."""
    queue: asyncio.Queue[Message] = asyncio.Queue()
    await queue.put({"type": "lifespan.startup"})
    started = asyncio.Event()

    async def send(message: Message) -> None:
        if message["type"] == "lifespan.startup.complete":
            started.set()

    task = asyncio.create_task(
        app({"type": "lifespan", "asgi": {"version": "3.0"}}, queue.get, send)
    )
    await started.wait()
    return task, queue


async def _request(app: Any, body: bytes, key: str) -> list[Message]:
    """One POST /graphql; the messages the app sent back."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"authorization", f"Bearer {key}".encode()),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }
    sent = False
    out: list[Message] = []

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        out.append(message)

    await app(scope, receive, send)
    return out


async def main(args: argparse.Namespace) -> None:
    dsn, key = os.environ["DATABASE_URL"], os.environ["KEY"]
    conn = await asyncpg.connect(dsn)
    case_id = await conn.fetchval('SELECT id FROM "case" ORDER BY id LIMIT 1')
    await conn.close()
    bodies = {
        "P0": {"query": TYPENAME},
        "P1": {"query": CASE, "variables": {"id": gid("Case", case_id)}},
        "P2": {"query": CASES, "variables": {"first": 50}},
    }
    settings = Settings(
        database_url=dsn,
        workers_enabled=False,
        rate_limit_per_minute=0,
        anonymous_rate_limit_per_minute=0,
        demo_seed=False,
        migrate_on_start=False,
    )
    app = create_app(settings)
    task, queue = await _start(app)
    for kind in args.kinds.split(","):
        body = json.dumps(bodies[kind]).encode()
        answer = await _request(app, body, key)
        assert b'"errors"' not in answer[-1]["body"], answer[-1]["body"][:300]
        for _ in range(50):
            await _request(app, body, key)
        per_round = max((args.requests // 10 if kind == "P2" else args.requests) // args.rounds, 1)
        profile = cProfile.Profile() if args.profile else None
        rounds = []
        for _ in range(args.rounds):
            started = time.process_time()
            if profile:
                profile.enable()
            for _ in range(per_round):
                await _request(app, body, key)
            if profile:
                profile.disable()
            rounds.append((time.process_time() - started) / per_round * 1e6)
        print(
            f"{kind}: best {min(rounds):7.0f} µs, median {statistics.median(rounds):7.0f} µs "
            f"CPU per request ({args.rounds} x {per_round})"
        )
        if profile and args.dump:
            profile.dump_stats(f"{args.dump}.{kind}")
        elif profile:
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
    await queue.put({"type": "lifespan.shutdown"})
    await task


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kinds", nargs="?", default="P0,P1,P2", help="comma-separated kinds")
    parser.add_argument("--requests", type=int, default=400, help="per kind (P2: a tenth)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the measured rounds")
    parser.add_argument("--dump", metavar="PATH", help="write the profile to PATH.<kind>")
    parser.add_argument("--sort", default="cumtime")
    parser.add_argument("--top", type=int, default=40)
    uvloop.install()
    asyncio.run(main(parser.parse_args()))
