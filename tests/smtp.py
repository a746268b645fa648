"""A real SMTP server on loopback (aiosmtpd) that records messages and can refuse the first
few with a temporary error."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Recorder:
    """aiosmtpd handler: accepts (or temporarily refuses) DATA and keeps what it accepted."""

    refuse_first: int = 0
    received: list[Message] = field(default_factory=list)
    attempts: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.attempts <= self.refuse_first:
            return "451 4.3.0 try again later"
        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server(refuse_first: int = 0) -> Iterator[tuple[str, Recorder]]:
    """Yields (SMTP_URL, recorder) for a server running on 127.0.0.1."""
    recorder = Recorder(refuse_first=refuse_first)
    port = _free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", recorder
    finally:
        controller.stop()
