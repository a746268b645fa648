"""Idempotency keys: which keys are valid, and what makes two requests "the same request"."""

import hashlib
import json
from typing import Any

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS"
KEY_INVALID = "IDEMPOTENCY_KEY_INVALID"


def key_problem(key: str) -> str | None:
    """Why a header value is not a usable key (None: it is): 1-255 printable ASCII
    characters, no spaces at either end."""
    if not key or key != key.strip():
        return "the Idempotency-Key header must not be empty or padded with spaces"
    if len(key) > MAX_KEY_LENGTH:
        return f"the Idempotency-Key header must be at most {MAX_KEY_LENGTH} characters"
    if not all(" " <= ch <= "~" for ch in key):
        return "the Idempotency-Key header must be printable ASCII"
    return None


def _operation(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {
        "query": item.get("query"),
        "variables": item.get("variables"),
        "operationName": item.get("operationName"),
    }


def fingerprint(body: Any) -> str:
    """SHA-256 of the request's document, variables and operation name (key order and
    whitespace between JSON tokens do not matter; anything else does)."""
    items = [_operation(i) for i in body] if isinstance(body, list) else _operation(body)
    canonical = json.dumps(items, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
