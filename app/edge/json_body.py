"""Strict JSON decoding of request bodies, GET query-string parameters and WebSocket messages.

orjson refuses NaN/Infinity, invalid UTF-8, numbers that overflow a double, and nesting past
1024 levels, and never recurses in Python; after parsing, one iterative walk bounds the
nesting depth and the size of integers (JSON has no integer limit; GraphQL's ``Int`` is 32
bits and nothing here needs more than 64)."""

import json

import orjson

from app.edge.rejection import EdgeRejection

MAX_JSON_INT = 2**63 - 1
"""Largest integer magnitude accepted in a request (a signed 64-bit integer)."""


class InvalidJson(json.JSONDecodeError):
    """A document refused by the strict decoder. It is a ``JSONDecodeError``, so strawberry's
    WebSocket handlers treat it as a malformed message (close 4400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "", 0)
        self.message = message

    def rejection(self) -> EdgeRejection:
        """The HTTP answer: 400 with a labelled error naming the problem."""
        return EdgeRejection(400, "BAD_REQUEST", self.message)


def check_shape(value: object, *, max_depth: int) -> None:
    """Raise ``InvalidJson`` when ``value`` nests deeper than ``max_depth`` arrays/objects or
    holds an integer outside ±``MAX_JSON_INT``. Iterative, one level at a time: no recursion
    on hostile input, and a tight loop (a 1 MiB body of small values takes a few ms)."""
    level: list[object] = [value]
    depth = 0
    while level:
        below: list[object] = []
        for item in level:
            if type(item) is dict:
                below.extend(item.values())
            elif type(item) is list:
                below.extend(item)
            elif type(item) is int and not -MAX_JSON_INT <= item <= MAX_JSON_INT:
                raise InvalidJson(
                    f"JSON integer out of range: integers must lie within ±{MAX_JSON_INT}"
                )
        if not below:
            return
        depth += 1
        if depth >= max_depth and any(type(child) in (dict, list) for child in below):
            raise InvalidJson(f"JSON nested too deeply: at most {max_depth} levels are allowed")
        level = below


def decode_strict(data: str | bytes, *, max_depth: int) -> object:
    """Parse ``data`` strictly and check its shape; raise ``InvalidJson`` with a message that
    names the problem."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        problem = str(exc)
        if problem.startswith("recursion limit") or "depth limit" in problem:
            raise InvalidJson(
                f"JSON nested too deeply: at most {max_depth} levels are allowed"
            ) from None
        raise InvalidJson(f"malformed JSON: {problem}") from None
    check_shape(value, max_depth=max_depth)
    return value


def decode_request_json(data: str | bytes, *, max_depth: int) -> object:
    """An HTTP request body or query-string parameter: strict JSON, an object or an array
    (the shapes of a GraphQL request); else an ``EdgeRejection`` (400, BAD_REQUEST)."""
    try:
        value = decode_strict(data, max_depth=max_depth)
    except InvalidJson as exc:
        raise exc.rejection() from None
    if not isinstance(value, dict | list):
        raise EdgeRejection(
            400, "BAD_REQUEST", "malformed request: expected a JSON object, got a bare value"
        )
    return value
