"""Where a webhook may connect: resolve its host and refuse unsafe addresses (SSRF guard).

Checked when a webhook is created or updated, and again before every delivery (the sender
then connects to the address checked here, so a DNS answer that changes in between cannot
redirect the request to an internal host).
"""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from app.domain.webhooks import forbidden_address


class UnsafeDestination(Exception):
    """The URL's host is unresolvable or resolves to an address webhooks may not reach."""


def default_port(url: str) -> tuple[str, int]:
    """The URL's host and port (80 or 443 when not given)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return host, parts.port or (443 if parts.scheme == "https" else 80)


async def resolve(url: str, *, allow_private: bool) -> list[str]:
    """Every address the URL's host resolves to, each one checked (unless private networks
    are allowed); raises UnsafeDestination naming the first refused address."""
    host, port = default_port(url)
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise UnsafeDestination(f"cannot resolve {host}: {exc}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise UnsafeDestination(f"cannot resolve {host}")
    if not allow_private:
        for address in addresses:
            reason = forbidden_address(address)
            if reason is not None:
                raise UnsafeDestination(f"{host} resolves to {address}, {reason}")
    return addresses
