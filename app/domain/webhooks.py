"""Outbound webhooks: statuses, limits, the retry schedule, URL and address rules, signatures.

Pure rules (standard library only): the services and the sender apply them. The signature and
headers are Persona's, so a receiver written for Persona verifies casegraph's deliveries
unchanged.
"""

import hashlib
import hmac
import ipaddress
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from app.domain.errors import FieldProblem, ValidationError


class WebhookStatus(StrEnum):
    """Whether a webhook receives events."""

    ENABLED = "enabled"
    DISABLED = "disabled"


class WebhookDeliveryStatus(StrEnum):
    """Where one delivery (one event to one webhook) stands."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


ALL_EVENTS = "*"
MAX_URL_LENGTH = 2048
MAX_DESCRIPTION_LENGTH = 500
MAX_ENABLED_EVENTS = 100
MAX_WEBHOOKS_PER_ORGANIZATION = 100
RESPONSE_BYTES_KEPT = 1024
ERROR_CHARS_KEPT = 500
MAX_RETRIES = 7
MAX_ATTEMPTS = MAX_RETRIES + 1
ATTEMPTS_KEPT = 20
MAX_SECRET_OVERLAP_SECONDS = 7 * 24 * 3600
SIGNATURE_HEADER = "Persona-Signature"


def retry_delay_seconds(failed_attempts: int, scale: float = 1.0) -> float:
    """Persona's backoff: after the n-th failed attempt wait n**6 seconds (times ``scale``)."""
    return float(failed_attempts**6) * scale


def retry_schedule(scale: float = 1.0) -> list[float]:
    """Every wait between attempts: 1, 64, 729, 4096, 15625, 46656, 117649 s at scale 1."""
    return [retry_delay_seconds(n, scale) for n in range(1, MAX_RETRIES + 1)]


def is_success(status_code: int) -> bool:
    """Only a 2xx answer counts as delivered (redirects are not followed)."""
    return 200 <= status_code < 300


def validate_url(url: str, *, field: str = "url") -> str:
    """An absolute http(s) URL with a host, no credentials, at most MAX_URL_LENGTH long."""
    url = url.strip()
    if not url:
        raise ValidationError.of(field, "must not be empty")
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError.of(field, f"must be at most {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValidationError.of(field, f"is not a URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise ValidationError.of(field, "must use http or https")
    if not parts.hostname:
        raise ValidationError.of(field, "must name a host")
    if parts.username is not None or parts.password is not None:
        raise ValidationError.of(field, "must not carry credentials")
    if port == 0:
        raise ValidationError.of(field, "must not use port 0")
    return url


def validate_description(description: str, *, field: str = "description") -> str:
    """Free text, at most MAX_DESCRIPTION_LENGTH characters."""
    description = description.strip()
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError.of(field, f"must be at most {MAX_DESCRIPTION_LENGTH} characters")
    return description


def validate_enabled_events(
    names: Sequence[str], known: Iterable[str], *, field: str = "enabledEvents"
) -> list[str]:
    """Event names of the registry, or ``*`` alone; each unknown name is named by its index."""
    if not names:
        raise ValidationError.of(field, "must name at least one event, or *")
    if len(names) > MAX_ENABLED_EVENTS:
        raise ValidationError.of(field, f"must name at most {MAX_ENABLED_EVENTS} events")
    catalogue = set(known)
    problems = [
        FieldProblem(f"{field}.{i}", f"'{name[:100]}' is not an event name")
        for i, name in enumerate(names)
        if name != ALL_EVENTS and name not in catalogue
    ]
    if problems:
        raise ValidationError(problems)
    unique = list(dict.fromkeys(names))
    if ALL_EVENTS in unique and len(unique) > 1:
        raise ValidationError.of(field, "* already means every event: give it alone")
    return unique


def wants(enabled_events: Sequence[str], name: str) -> bool:
    """Whether a webhook with these enabled events receives events of this name."""
    return ALL_EVENTS in enabled_events or name in enabled_events


def forbidden_address(address: str) -> str | None:
    """Why a webhook may not connect to this IP address (None: it may)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:  # includes 169.254.169.254, the cloud metadata address
        return "a link-local or metadata address"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
        return "a private or reserved address"
    if isinstance(ip, ipaddress.IPv6Address) and ip in ipaddress.ip_network("fd00:ec2::/32"):
        return "a link-local or metadata address"
    return None


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """One signature set: ``t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def signature_header(secrets: Sequence[str], timestamp: int, body: bytes) -> str:
    """The Persona-Signature value: one set per valid secret, space-separated (rotation)."""
    return " ".join(signature(s, timestamp, body) for s in secrets)


def delivery_headers(
    *,
    secrets: Sequence[str],
    timestamp: int,
    body: bytes,
    attempts_made: int,
    first_attempted_at: int,
    version: str,
) -> dict[str, str]:
    """Every header of one attempt (``attempts_made`` counts this attempt)."""
    return {
        "Content-Type": "application/json",
        "User-Agent": f"casegraph/{version}",
        SIGNATURE_HEADER: signature_header(secrets, timestamp, body),
        "Persona-Webhook-Attempts-Made": str(attempts_made),
        "Persona-Webhook-Attempts-Left": str(max(MAX_ATTEMPTS - attempts_made, 0)),
        "Persona-Webhook-First-Attempted-At": str(first_attempted_at),
    }


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def kebab(name: str) -> str:
    """``assigned_at`` -> ``assigned-at`` (Persona's key inflection)."""
    return _CAMEL.sub("-", name).replace("_", "-").lower()


def kebab_keys(value: Any) -> Any:
    """A JSON value with every object key kebab-cased (recursively)."""
    if isinstance(value, dict):
        return {kebab(str(k)): kebab_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [kebab_keys(v) for v in value]
    return value
