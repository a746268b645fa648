"""The common HTTP request, answered directly: a POST whose body is one JSON GraphQL request
and whose answer is one JSON document (``application/json`` or
``application/graphql-response+json``), which is nearly every request a console or a backend
sends.

strawberry's HTTP view answers it through a request adapter, a sub-response, a parsed
``Content-Type`` (the ``email`` package), a ``GraphQLRequestData``, two response objects and a
chain of overridable hooks: about a third of the CPU of an authenticated ``{ __typename }``.
``GraphQLApp`` answers it here with the same steps in a straight line, and the same pieces
(its ``get_context``, ``parse_json``, ``_refusal``, deadline, ``Schema.execute``,
``media_types.http_body``, ``json_bytes``); everything else (GET, batches, multipart, streaming
``Accept`` types, an ``Idempotency-Key``, a body whose ``query``, ``variables``,
``operationName`` or ``extensions`` has an unusual shape) goes to strawberry's view with the
context already built. ``tests/test_json_post.py`` sends the same requests both ways and
compares status, headers and body byte for byte.
"""

from typing import Any, NamedTuple

from strawberry.types.graphql import OperationType

from app.graphql.media_types import CONTENT_TYPES, JSON

POST_OPERATIONS = frozenset(OperationType.from_http("POST"))


class JsonRequest(NamedTuple):
    """The parts of a GraphQL request body the direct path accepts."""

    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


def is_direct(headers: list[tuple[bytes, bytes]]) -> bool:
    """A JSON body, no ``Idempotency-Key``, and an ``Accept`` that asks for one JSON document
    (no ``text/event-stream`` or ``multipart/mixed`` among the types it lists)."""
    content_type = None
    for name, value in headers:
        if name == b"content-type":
            content_type = value
        elif name == b"accept":
            lowered = value.lower()
            if b"event-stream" in lowered or b"multipart" in lowered:
                return False
        elif name == b"idempotency-key":
            return False
    if content_type is None:
        return False
    media = content_type.partition(b";")[0].strip().lower()
    return media == CONTENT_TYPES[JSON]


def json_request(data: object) -> JsonRequest | None:
    """The request in a decoded body, when it has the usual shape: an object with a non-empty
    ``query`` string, ``variables`` and ``extensions`` objects or null, ``operationName`` a
    string or null. ``None`` sends the body to strawberry's view, which answers the unusual
    shapes (batches, a missing query, a non-string query) with its own statuses."""
    if type(data) is not dict:
        return None
    query = data.get("query")
    variables = data.get("variables")
    operation_name = data.get("operationName")
    extensions = data.get("extensions")
    if (
        type(query) is not str
        or not query
        or not (variables is None or type(variables) is dict)
        or not (extensions is None or type(extensions) is dict)
        or not (operation_name is None or type(operation_name) is str)
    ):
        return None
    return JsonRequest(query, variables, operation_name, extensions)
