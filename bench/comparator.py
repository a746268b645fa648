"""A hand-written Starlette + asyncpg endpoint over casegraph's own tables: the yardstick of
``bench.api``.

    DATABASE_URL=postgres://... python -m bench.comparator --port 8801

It answers exactly the documents of ``bench.api`` (P0, P1, P2, F1) with the same JSON as
casegraph, and does what casegraph does per request that a client could observe or rely on:
- authentication on every request: the SHA-256 of the bearer key looked up in ``api_key``
  (joined to its user for the role), cached for 60 s per key exactly like
  ``app/services/auth.py`` (casegraph caches, so the comparator does too);
- every read filtered by the caller's organization;
- ``caseCreate``: one transaction that locks the template row, takes the next number, inserts
  the case, takes the event-log advisory lock, appends ``case.created`` and commits.
It does not parse GraphQL: it dispatches on the document text, which is the point of the
comparison (the price of a general engine against a handful of fixed endpoints).
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.documents import CASE, CASE_CREATE, CASES, TYPENAME

EVENT_LOG_LOCK = 0x6361_7365  # app/events/log.py
CACHE_SECONDS = 60.0
_keys: dict[str, tuple[tuple[int, str], float]] = {}  # key hash -> ((org id, key id), expiry)
_pool: asyncpg.Pool | None = None


async def keep_session(connection: asyncpg.Connection) -> None:
    """No reset round trip on release: casegraph's pool setting (app/db/config.py)."""


def gid(type_name: str, ident: int) -> str:
    return base64.b64encode(f"{type_name}:{ident}".encode()).decode()


def ungid(value: str) -> tuple[str, int]:
    type_name, _, ident = base64.b64decode(value).decode().partition(":")
    return type_name, int(ident)


def cursor(ident: int) -> str:
    raw = json.dumps(["id", ident], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def reply(body: object) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


async def caller_of(request: Request, conn: asyncpg.Connection) -> tuple[int, str] | None:
    """(organization id, API key id) of the bearer key, or None."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.startswith("cg_"):
        return None
    digest = hashlib.sha256(token.strip().encode()).hexdigest()
    cached = _keys.get(digest)
    now = time.monotonic()
    if cached is not None and cached[1] > now:
        return cached[0]
    row = await conn.fetchrow(
        "SELECT k.organization_id, k.id, coalesce(u.role, k.role) AS role FROM api_key k "
        'LEFT JOIN "user" u ON u.id = k.user_id WHERE k.key_hash = $1 AND k.revoked_at IS NULL',
        digest,
    )
    if row is None:
        return None
    caller = (row["organization_id"], str(row["id"]))
    _keys[digest] = (caller, now + CACHE_SECONDS)
    return caller


async def one_case(conn: asyncpg.Connection, org: int, variables: dict[str, Any]) -> object:
    type_name, ident = ungid(variables["id"])
    row = (
        await conn.fetchrow(
            "SELECT c.id, c.name, c.status, c.state, c.version, c.created_at, c.template_id, "
            't.name AS t_name, t.key AS t_key FROM "case" c JOIN case_template t '
            "ON t.id = c.template_id AND t.organization_id = $2 "
            "WHERE c.id = $1 AND c.organization_id = $2",
            ident,
            org,
        )
        if type_name == "Case"
        else None
    )
    if row is None:
        return {"data": {"case": None}}
    return {
        "data": {
            "case": {
                "id": gid("Case", row["id"]),
                "name": row["name"],
                "status": row["status"],
                "state": row["state"].upper(),
                "version": row["version"],
                "createdAt": iso(row["created_at"]),
                "template": {
                    "id": gid("CaseTemplate", row["template_id"]),
                    "name": row["t_name"],
                    "key": row["t_key"],
                },
            }
        }
    }


async def case_page(conn: asyncpg.Connection, org: int, variables: dict[str, Any]) -> object:
    first = int(variables["first"])
    cases = await conn.fetch(
        'SELECT id, name, status, created_at, template_id, assignee_id FROM "case" '
        "WHERE organization_id = $1 ORDER BY id DESC LIMIT $2",
        org,
        first + 1,
    )
    more = len(cases) > first
    cases = cases[:first]
    ids = [c["id"] for c in cases]
    templates = {
        r["id"]: r
        for r in await conn.fetch(
            "SELECT id, name FROM case_template WHERE id = ANY($1) AND organization_id = $2",
            list({c["template_id"] for c in cases}),
            org,
        )
    }
    users = {
        r["id"]: r
        for r in await conn.fetch(
            'SELECT id, email, name FROM "user" WHERE id = ANY($1) AND organization_id = $2',
            list({c["assignee_id"] for c in cases if c["assignee_id"] is not None}),
            org,
        )
    }
    links = await conn.fetch(
        "SELECT case_id, object_id FROM case_object WHERE case_id = ANY($1) "
        "AND object_type = 'inquiry' ORDER BY id",
        ids,
    )
    inquiries = {
        r["id"]: r
        for r in await conn.fetch(
            "SELECT id, status, reference_id FROM inquiry WHERE id = ANY($1) "
            "AND organization_id = $2",
            list({r["object_id"] for r in links}),
            org,
        )
    }
    linked: dict[int, list[Any]] = {}
    for link in links:
        if link["object_id"] in inquiries:
            linked.setdefault(link["case_id"], []).append(inquiries[link["object_id"]])
    edges = []
    for c in cases:
        template = templates[c["template_id"]]
        user = users.get(c["assignee_id"]) if c["assignee_id"] is not None else None
        edges.append(
            {
                "node": {
                    "id": gid("Case", c["id"]),
                    "name": c["name"],
                    "status": c["status"],
                    "createdAt": iso(c["created_at"]),
                    "template": {
                        "id": gid("CaseTemplate", template["id"]),
                        "name": template["name"],
                    },
                    "assignee": None
                    if user is None
                    else {
                        "id": gid("User", user["id"]),
                        "email": user["email"],
                        "name": user["name"],
                    },
                    "inquiries": [
                        {
                            "id": gid("Inquiry", i["id"]),
                            "status": i["status"].upper(),
                            "referenceId": i["reference_id"],
                        }
                        for i in linked.get(c["id"], [])
                    ],
                }
            }
        )
    return {
        "data": {
            "cases": {
                "edges": edges,
                "pageInfo": {
                    "hasNextPage": more,
                    "endCursor": cursor(cases[-1]["id"]) if cases else None,
                },
            }
        }
    }


async def case_create(
    conn: asyncpg.Connection, org: int, variables: dict[str, Any], actor: str
) -> object:
    _, template_id = ungid(variables["t"])
    now = dt.datetime.now(dt.UTC)
    async with conn.transaction():
        template = await conn.fetchrow(
            "SELECT id, key, statuses FROM case_template WHERE id = $1 AND organization_id = $2 "
            "FOR UPDATE",
            template_id,
            org,
        )
        number = await conn.fetchval(
            "UPDATE case_template SET last_case_number = last_case_number + 1 WHERE id = $1 "
            "RETURNING last_case_number",
            template_id,
        )
        status = next(s["name"] for s in json.loads(template["statuses"]) if s["type"] == "initial")
        name = f"{template['key']}-{number}"
        case_id = await conn.fetchval(
            'INSERT INTO "case" (organization_id, template_id, number, name, status, state, '
            "creator_type, creator_id, tags, tag_index, fields, created_at, updated_at, version) "
            "VALUES ($1, $2, $3, $4, $5, 'open', 'api-key', $6, '[]', '', '{}', $7, $7, 1) "
            "RETURNING id",
            org,
            template_id,
            number,
            name,
            status,
            actor,
            now,
        )
        await conn.execute("SELECT pg_advisory_xact_lock($1)", EVENT_LOG_LOCK)
        payload = {
            "name": name,
            "template_id": template_id,
            "template_key": template["key"],
            "status": status,
            "tags": [],
            "objects": [],
        }
        await conn.execute(
            "INSERT INTO event (organization_id, name, subject_type, subject_id, actor_type, "
            "actor_id, payload, payload_version, created_at) "
            "VALUES ($1, 'case.created', 'case', $2, 'api-key', $3, $4, 1, $5)",
            org,
            case_id,
            actor,
            json.dumps(payload),
            now,
        )
    return {
        "data": {
            "caseCreate": {"case": {"id": gid("Case", case_id), "name": name, "status": status}}
        }
    }


async def graphql(request: Request) -> Response:
    body = orjson.loads(await request.body())
    query, variables = body.get("query"), body.get("variables") or {}
    assert _pool is not None
    async with _pool.acquire() as conn:
        caller = await caller_of(request, conn)
        if caller is None:
            return reply({"data": None, "errors": [{"message": "invalid or revoked API key"}]})
        org, key_id = caller
        if query == TYPENAME:
            return reply({"data": {"__typename": "Query"}})
        if query == CASE:
            return reply(await one_case(conn, org, variables))
        if query == CASES:
            return reply(await case_page(conn, org, variables))
        if query == CASE_CREATE:
            return reply(await case_create(conn, org, variables, actor=key_id))
    return reply({"data": None, "errors": [{"message": "unknown document"}]})


def create_app(dsn: str) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        global _pool
        # the pool casegraph runs with (5 connections unless BENCH_POOL says otherwise),
        # no reset round trip on release
        size = int(os.environ.get("BENCH_POOL", "5"))
        _pool = await asyncpg.create_pool(dsn, min_size=1, max_size=size, reset=keep_session)
        try:
            yield
        finally:
            await _pool.close()

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])], lifespan=lifespan)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8801)
    args = parser.parse_args()
    app = create_app(os.environ["DATABASE_URL"].split("?")[0])
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
