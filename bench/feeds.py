"""Live-feed benchmark: fan-out latency to N subscribers and memory per idle subscriber.

    python -m bench.feeds [--subscribers 1000] [--idle 10000] [--events 5]

Starts `python -m app serve` (one uvicorn worker) on a fresh SQLite database (or the
PostgreSQL/Redis named by DATABASE_URL/BROADCAST_URL), opens real graphql-transport-ws
connections on loopback, and prints:
- commit-to-receipt latency of one event to every subscriber (p50/p99/max over subscribers,
  per event, and pooled), where "commit" is when the mutation's HTTP response arrived;
- server RSS before and after opening the idle subscribers, per subscriber.
"""

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import uvloop
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
SUBSCRIPTION = (
    os.environ.get("BENCH_SUBSCRIPTION")
    or """
subscription { caseEvents(filter: {names: ["case.created"]}) { name case { name status } } }
"""
)
TEMPLATE = """
mutation { caseTemplateCreate(input: {name: "KYC", key: "KYC"}) {
  ... on CaseTemplatePayload { caseTemplate { id } } } }
"""
CASE = "mutation($t: ID!) { caseCreate(input: {templateId: $t}) { __typename } }"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def run(*args: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


async def open_subscriber(url: str, key: str, subscribe: bool = True) -> ClientConnection:
    ws = await connect(
        url,
        subprotocols=["graphql-transport-ws"],
        compression=None,
        open_timeout=60,
        ping_interval=None,
    )
    await ws.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {key}"}})
    )
    await ws.recv()
    if subscribe:
        await ws.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}})
        )
    return ws


async def open_many(url: str, key: str, n: int, subscribe: bool = True) -> list[ClientConnection]:
    sockets: list[ClientConnection] = []
    for start in range(0, n, 200):
        sockets += await asyncio.gather(
            *[open_subscriber(url, key, subscribe) for _ in range(min(200, n - start))]
        )
    await asyncio.sleep(1.0)  # no 'subscribed' ack in the protocol
    # the client's own 10,000 connections are long-lived: keep its collector from scanning
    # them in the middle of a measurement (a full pass took ~0.3 s in the client)
    gc.collect()
    gc.freeze()
    return sockets


async def receipt_times(sockets: list[ClientConnection]) -> list[float]:
    async def one(ws: ClientConnection) -> float:
        while True:  # the client stays light: no JSON parsing, just spot the "next" message
            if '"next"' in await ws.recv():
                return time.perf_counter()

    return await asyncio.gather(*[one(ws) for ws in sockets])


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--idle", type=int, default=10000)
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--split", action="store_true", help="also measure bare connections without subscribing"
    )
    args = parser.parse_args()

    scratch = tempfile.mkdtemp()
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite://{scratch}/bench.sqlite3"),
        "DEMO_SEED": "false",
        "LOG_LEVEL": "warning",
        "PORT": str(args.port),
    }
    run("migrate", env=env)
    key = run(
        "create-api-key",
        "--org",
        f"Bench{os.getpid()}",
        "--email",
        "b@bench.example",
        "--create-org",
        env=env,
    )
    server = subprocess.Popen([sys.executable, "-m", "app", "serve"], cwd=ROOT, env=env)  # noqa: ASYNC220
    base = f"http://127.0.0.1:{args.port}"
    url = f"ws://127.0.0.1:{args.port}/graphql"
    try:
        async with httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {key}"}
        ) as http:
            for _ in range(100):
                try:
                    await http.get("/healthz")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            template = (await http.post("/graphql", json={"query": TEMPLATE})).json()
            template_id = template["data"]["caseTemplateCreate"]["caseTemplate"]["id"]

            baseline = rss_kib(server.pid)
            if args.split:  # on the fresh server: connection vs subscription
                before = rss_kib(server.pid)
                bare = await open_many(url, key, args.idle, subscribe=False)
                await asyncio.sleep(2)
                connected = rss_kib(server.pid)
                for ws in bare:
                    await ws.send(
                        json.dumps(
                            {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
                        )
                    )
                await asyncio.sleep(8)  # every subscription running and waiting
                subscribed = rss_kib(server.pid)
                print(
                    f"  split: the WebSocket connection (after connection_init) "
                    f"{(connected - before) / args.idle:.1f} KiB, the subscription on it "
                    f"{(subscribed - connected) / args.idle:.1f} KiB"
                )
                for ws in bare:
                    await ws.close()
                return
            sockets = await open_many(url, key, args.subscribers)
            pooled: list[float] = []
            print(
                f"fan-out: 1 event -> {args.subscribers} subscribers "
                f"(graphql-transport-ws, loopback, one uvicorn worker, client on the same machine)"
            )
            for n in range(args.events):
                waiting = asyncio.create_task(receipt_times(sockets))
                await asyncio.sleep(0.2)
                await http.post("/graphql", json={"query": CASE, "variables": {"t": template_id}})
                committed = time.perf_counter()
                latencies = [(t - committed) * 1000 for t in await waiting]
                pooled += latencies
                print(
                    f"  event {n + 1}: p50 {pct(latencies, 50):6.1f} ms"
                    f"  p99 {pct(latencies, 99):6.1f} ms  max {max(latencies):6.1f} ms"
                )
            print(
                f"  pooled: p50 {pct(pooled, 50):.1f} ms  p99 {pct(pooled, 99):.1f} ms  "
                f"mean {statistics.mean(pooled):.1f} ms"
            )
            for ws in sockets:
                await ws.close()
            await asyncio.sleep(2)
            if args.idle == 0:  # --idle 0: fan-out only
                return

            before = rss_kib(server.pid)
            idle = await open_many(url, key, args.idle)
            await asyncio.sleep(2)
            after = rss_kib(server.pid)
            print(
                f"footprint: {args.idle} idle subscribers; server RSS {before / 1024:.0f} MiB -> "
                f"{after / 1024:.0f} MiB = {(after - before) / args.idle:.1f} KiB per subscriber "
                f"(fresh server baseline {baseline / 1024:.0f} MiB)"
            )
            for ws in idle:
                await ws.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    uvloop.run(main())  # the client shares the machine: keep its event loop cheap
