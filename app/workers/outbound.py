"""One outbound POST to a receiver outside casegraph (webhooks, Persona's API): resolved and
checked against private addresses first, sent to the checked address (so a DNS answer that
changes in between cannot redirect it), bounded in time, with the first bytes of the answer
kept. Never raises for network trouble: the answer says what happened."""

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from app.domain.webhooks import ERROR_CHARS_KEPT, RESPONSE_BYTES_KEPT
from app.services.webhook_network import UnsafeDestination, default_port, resolve


@dataclass(frozen=True)
class Answer:
    """The receiver's status and first bytes, or why there is no answer."""

    status: int | None = None
    body: str | None = None
    error: str | None = None


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL with its host replaced by the checked address, the Host header, and the TLS
    server name (so certificates are still checked against the host name)."""
    parts = urlsplit(url)
    host, port = default_port(url)
    literal = f"[{address}]" if ":" in address else address
    target = parts._replace(netloc=f"{literal}:{port}").geturl()
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return target, {"Host": parts.netloc}, extensions


async def post_checked(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    within: float,
    allow_private: bool,
) -> Answer:
    """POST ``body`` to ``url`` within ``within`` seconds (address check included)."""
    try:
        async with asyncio.timeout(within):
            addresses = await resolve(url, allow_private=allow_private)
            target, host, extensions = pinned(url, addresses[0])
            request = client.build_request(
                "POST", target, content=body, headers={**headers, **host}, extensions=extensions
            )
            response = await client.send(request, stream=True)
            try:
                kept = bytearray()
                async for chunk in response.aiter_bytes():
                    kept += chunk
                    if len(kept) >= RESPONSE_BYTES_KEPT:
                        break
            finally:
                await response.aclose()
    except UnsafeDestination as exc:
        return Answer(error=f"refused: {exc}")
    except TimeoutError:
        return Answer(error=f"timeout: no answer within {within:g} s")
    except httpx.HTTPError as exc:
        return Answer(error=f"{type(exc).__name__}: {exc}"[:ERROR_CHARS_KEPT])
    text = bytes(kept[:RESPONSE_BYTES_KEPT]).decode("utf-8", errors="replace")
    return Answer(status=response.status_code, body=text)
