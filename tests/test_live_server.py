"""Live feeds over real uvicorn processes and a real WebSocket client: delivery, shutdown,
slow-subscriber cut-off, and two replicas sharing PostgreSQL + Redis."""

import asyncio
import base64
import datetime as dt
import json
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from app.graphql.feeds import feed_cursor
from tests.conftest import ON_POSTGRES, SETTINGS
from tests.servers import cli, fresh_database, serve, server_process
from tests.waiting import eventually_sync

ON_REDIS = SETTINGS.broadcast_url.startswith("redis://")

CASE_EVENTS = """
subscription($after: String) {
  caseEvents(after: $after) { cursor name case { name fields } }
}
"""
TEMPLATE = """
mutation {
  caseTemplateCreate(input: {name: "KYC", key: "KYC",
      fieldDefinitions: [{key: "blob", label: "Blob", type: STRING}]}) {
    ... on CaseTemplatePayload { caseTemplate { id } }
  }
}
"""
CASE = """
mutation($t: ID!, $fields: JSON) {
  caseCreate(input: {templateId: $t, fields: $fields}) { ... on CasePayload { case { id } } }
}
"""
TAGS = """
mutation($id: ID!, $tags: [String!]!) { caseSetTags(input: {id: $id, tags: $tags}) { __typename } }
"""


def _provision(database_url: str) -> tuple[dict[str, str], str]:
    env = {"DATABASE_URL": database_url, "BROADCAST_URL": SETTINGS.broadcast_url}
    assert cli("migrate", env=env).returncode == 0
    key = cli(
        "create-api-key", "--org", "Acme", "--email", "ops@acme.example", "--create-org", env=env
    )
    return {**env, "MIGRATE_ON_START": "false"}, key.stdout.strip()


def _gql(base: str, key: str, query: str, **variables: object) -> dict:
    response = httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {key}"},
        timeout=10,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def _from_the_start(base: str, key: str) -> str:
    """A resume cursor at the organization's first event (provisioning wrote it): replay
    everything after it, then live. Cursors must name a real event of the organization."""
    first = _gql(base, key, "{ events(first: 1) { nodes { id } } }")["events"]["nodes"][0]["id"]
    event_id = int(base64.b64decode(first).decode().split(":")[1])
    return feed_cursor(event_id, dt.datetime.now(dt.UTC))


async def _subscribe(
    base: str, key: str, after: str | None, query: str = CASE_EVENTS, **options: object
) -> ClientConnection:
    """A graphql-transport-ws subscription. The protocol does not acknowledge a subscribe:
    a subscription is known to be live once its first event arrives, and since the feed
    registers a subscriber before it replays, a replayed event proves it too."""
    ws = await connect(
        base.replace("http", "ws") + "/graphql", subprotocols=["graphql-transport-ws"], **options
    )
    await ws.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {key}"}})
    )
    assert json.loads(await asyncio.wait_for(ws.recv(), 5))["type"] == "connection_ack"
    await ws.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": query, "variables": {"after": after}},
            }
        )
    )
    return ws


async def _next(ws: ClientConnection, wait: float = 5) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), wait))
        if message["type"] == "next":
            return message["payload"]["data"]["caseEvents"]


async def test_delivery_over_uvicorn_and_shutdown_closes_sockets_with_1012(tmp_path):
    with fresh_database(tmp_path) as url:
        env, key = _provision(url)
        with server_process(env) as (process, base):
            template = _gql(base, key, TEMPLATE)["caseTemplateCreate"]["caseTemplate"]["id"]
            _gql(base, key, CASE, t=template)
            ws = await _subscribe(base, key, after=_from_the_start(base, key))
            assert (await _next(ws))["case"]["name"] == "KYC-1"  # replayed: now it is live
            _gql(base, key, CASE, t=template)
            assert (await _next(ws))["case"]["name"] == "KYC-2"  # delivered live
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            with pytest.raises(ConnectionClosed) as closed:
                await _next(ws, wait=5)
            elapsed = time.monotonic() - started
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1012
    assert elapsed < 1.0


TAG_EVENTS = "subscription($after: String) { caseEvents(after: $after) { name } }"


async def test_a_subscriber_that_stops_reading_is_cut_off(tmp_path):
    with fresh_database(tmp_path) as url:
        env, key = _provision(url)
        with serve({**env, "FEED_BUFFER": "4"}) as base:
            template = _gql(base, key, TEMPLATE)["caseTemplateCreate"]["caseTemplate"]["id"]
            big = {"blob": "x" * 60_000}  # JSON inputs are capped at 64 KiB
            case = _gql(base, key, CASE, t=template, fields=big)["caseCreate"]["case"]["id"]
            # a client that reads nothing: a small receive buffer (no autotuning), one message
            # queued in the client library, then TCP backpressure reaches the server
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
            sock.connect(("127.0.0.1", int(base.rsplit(":", 1)[1])))
            slow = await _subscribe(
                base,
                key,
                _from_the_start(base, key),
                sock=sock,
                max_queue=1,
                max_size=None,
                compression=None,
            )
            assert (await _next(slow))["name"] == "case.created"  # live; now it stops reading
            # a subscriber that keeps up: each event is offered to every subscriber at once,
            # so once it has seen the last one, the slow subscriber was offered all of them
            observer = await _subscribe(base, key, _from_the_start(base, key), TAG_EVENTS)
            assert (await _next(observer))["name"] == "case.created"
            for i in range(120):
                _gql(base, key, TAGS, id=case, tags=[f"t{i}"])
            seen = [(await _next(observer))["name"] for _ in range(120)]
            assert seen == ["case.updated-tags"] * 120
            received = 0
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    await _next(slow, wait=10)
                    received += 1
            await observer.close()
            healthy = (await asyncio.to_thread(httpx.get, f"{base}/healthz")).json()
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (
        1013,
        "subscriber buffer full: reconnect and resume with `after`",
    )
    assert received < 120
    assert healthy["status"] == "ok"


def _redis_answers() -> bool:
    ping = subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True, text=True)
    return ping.stdout.strip() == "PONG"


def _restart_redis() -> None:
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], check=False)
    eventually_sync(lambda: not _redis_answers(), what="Redis stopping")
    Path("/var/lib/redis").mkdir(parents=True, exist_ok=True)
    Path("/var/log/redis").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "-::1",
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            "/var/lib/redis",
            "--logfile",
            "/var/log/redis/ci.log",
        ],
        check=True,
    )
    eventually_sync(_redis_answers, what="Redis starting")


@pytest.mark.skipif(
    not (ON_POSTGRES and ON_REDIS), reason="two replicas share state through PostgreSQL + Redis"
)
async def test_two_replicas_share_events_and_survive_a_redis_restart(tmp_path):
    with fresh_database(tmp_path) as url:
        env, key = _provision(url)
        with serve(env) as a, serve(env) as b:
            template = _gql(b, key, TEMPLATE)["caseTemplateCreate"]["caseTemplate"]["id"]
            _gql(b, key, CASE, t=template)
            ws = await _subscribe(a, key, after=_from_the_start(a, key))
            assert (await _next(ws))["case"]["name"] == "KYC-1"  # replayed: now it is live
            started = time.monotonic()
            _gql(b, key, CASE, t=template)
            second = await _next(ws, wait=1.0)
            assert second["case"]["name"] == "KYC-2"
            assert time.monotonic() - started < 1.0
            # Redis restarts mid-stream; the client reconnects and resumes with `after`
            _restart_redis()
            for _ in range(3):
                _gql(b, key, CASE, t=template)
            await ws.close()
            ws = await _subscribe(a, key, after=second["cursor"])
            names = [(await _next(ws, wait=5))["case"]["name"] for _ in range(3)]
            assert names == ["KYC-3", "KYC-4", "KYC-5"]
            # and live delivery across the replicas works again through the new connection
            _gql(b, key, CASE, t=template)
            assert (await _next(ws, wait=3))["case"]["name"] == "KYC-6"
            await ws.close()
