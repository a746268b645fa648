"""Edge limits that depend on the server: uvicorn's WebSocket message size (WS_MAX_MESSAGE_BYTES
passed by `serve`) and a body refused from its Content-Length before it is sent."""

import asyncio
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.servers import fresh_database, serve


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp: Path = tmp_path_factory.mktemp("edge")
    with (
        fresh_database(tmp) as url,
        serve(
            {
                "DATABASE_URL": url,
                "WS_MAX_MESSAGE_BYTES": "4096",
                "MAX_BODY_BYTES": "2048",
                "WORKERS_ENABLED": "false",
            }
        ) as base,
    ):
        yield base


def _init(padding: int) -> str:
    """A connection_init message with a bad key, padded to the wanted size."""
    message = {"type": "connection_init", "payload": {"authorization": "Bearer x", "pad": ""}}
    size = len(json.dumps(message))
    message["payload"]["pad"] = "p" * (padding - size)  # type: ignore[index]
    text = json.dumps(message)
    assert len(text) == padding
    return text


async def _closed_after_sending(base: str, text: str) -> tuple[int, str]:
    url = base.replace("http", "ws") + "/graphql"
    async with connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(text)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_websocket_messages_over_the_limit_close_with_1009(server: str):
    # at the limit the message is read: the handler refuses the bad key (4403)
    assert await _closed_after_sending(server, _init(4096)) == (4403, "Forbidden")
    # one byte over, uvicorn refuses the frame itself
    code, _ = await _closed_after_sending(server, _init(4097))
    assert code == 1009


def _raw_post(base: str, head: bytes, body: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head + body)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


async def test_a_huge_declared_body_is_answered_413_before_it_is_sent(server: str):
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 104857600\r\n\r\n"
    )
    began = time.monotonic()
    # 100 MB declared, 10 bytes sent: the answer comes at once and the server closes
    raw = await asyncio.to_thread(_raw_post, server, head, b'{"query":"')
    elapsed = time.monotonic() - began
    status, _, rest = raw.partition(b"\r\n")
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert b"connection: close" in headers.lower()
    assert json.loads(body) == {
        "errors": [
            {
                "message": "request body exceeds the limit of 2048 bytes",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }
    assert elapsed < 2
