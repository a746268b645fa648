"""Analytics benchmark: ``caseAnalytics`` over 100,000 cases and their events in PostgreSQL.

    python -m bench.analytics [--cases 100000] [--runs 20] [--server postgres://postgres@127.0.0.1:5432]

Creates a fresh database on the server, applies the migrations, provisions an admin key with
the CLI, bulk-inserts a year of history with COPY (cases spread over 365 days, reviewers,
assignments, resolutions, reopenings, SLA deadlines and breaches, availability changes),
starts ``python -m app serve`` on it and asks for the last 30 days with every section over
HTTP ``--runs`` times. Prints p50 / p95 / max latency and the figures of the last answer,
then stops the server and drops the database.
"""

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
QUERY = """
query($interval: AnalyticsInterval) {
  caseAnalytics(interval: $interval) {
    from to
    totals { created resolved reopened open }
    openNow
    byStatus { status count }
    byResolution { resolution count share }
    resolutionRate
    resolutionTime { p50 p75 p95 mean }
    timeToFirstAssignment { p50 p95 }
    sla { withSla met breached attainment breachedOpen }
    series { start created resolved open breached }
    byAssignee { user { email } assigned resolved open resolutionTime { p50 } slaAttainment }
    availability { user { email } availableSeconds busySeconds unavailableSeconds }
  }
}
"""
REVIEWERS = 20
SLA = dt.timedelta(hours=48)
LIMIT_MS = 300.0
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def cli(*args: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


def history(org: int, templates: list[int], users: list[int], n: int, now: dt.datetime):
    """Rows of case and event for ``n`` cases over the last 365 days (seeded: repeatable)."""
    rng = random.Random(7)
    cases, events = [], []
    numbers = dict.fromkeys(templates, 0)
    for case_id in range(1, n + 1):
        created = now - dt.timedelta(seconds=rng.uniform(0, 365 * 86400))
        template = templates[0] if rng.random() < 0.7 else templates[1]
        numbers[template] += 1
        assignee = None if rng.random() < 0.1 else rng.choice(users)
        resolved = created + dt.timedelta(hours=rng.expovariate(1 / 20))
        if resolved > now or rng.random() < 0.15:
            resolved = None
        deadline = created + SLA if rng.random() < 0.6 else None
        breached = None
        if deadline is not None and (resolved or now) > deadline:
            breached = deadline
        status = (
            ("Approved" if rng.random() < 0.7 else "Declined")
            if resolved
            else ("Open" if rng.random() < 0.6 else "Pending")
        )
        order = 2**62 if deadline is None else (deadline - EPOCH) // dt.timedelta(microseconds=1)
        cases.append(
            (
                case_id, org, template, numbers[template], f"C-{case_id}", status,
                "resolved" if resolved else "open", status if resolved else None, assignee,
                "user", "1", "[]", "", "{}", deadline, order, breached,
                created, resolved or created, resolved, 1,
            )
        )  # fmt: skip
        ev = [("case.created", created, {"name": f"C-{case_id}", "template_id": template})]
        if assignee is not None:
            at = created + dt.timedelta(seconds=rng.uniform(0, 7200))
            ev.append(
                ("case.assigned", at, {"assignee_id": assignee, "previous_assignee_id": None})
            )
        if resolved is not None:
            ev.append(("case.status-updated", resolved, {"status": status}))
            ev.append(("case.resolved", resolved, {"status": status, "resolution": status}))
            if rng.random() < 0.05:
                ev.append(("case.reopened", resolved + dt.timedelta(minutes=5), {"status": "Open"}))
        for name, at, payload in ev:
            events.append((org, name, "case", case_id, "user", "1", json.dumps(payload), at))
    for user in users:
        state = "available"
        at = now - dt.timedelta(days=365)
        while at < now:
            at += dt.timedelta(hours=rng.uniform(2, 22))
            new = rng.choice([s for s in ("available", "busy", "unavailable") if s != state])
            payload = json.dumps({"availability": new, "previous": state})
            events.append((org, "user.availability-updated", "user", user, "user", str(user),
                           payload, at))  # fmt: skip
            state = new
    events.sort(key=lambda e: e[-1])
    return cases, events


CASE_COLUMNS = [
    "id", "organization_id", "template_id", "number", "name", "status", "state", "resolution",
    "assignee_id", "creator_type", "creator_id", "tags", "tag_index", "fields",
    "sla_expires_at", "sla_order", "sla_breached_at", "created_at", "updated_at", "resolved_at",
    "version",
]  # fmt: skip
EVENT_COLUMNS = [
    "organization_id", "name", "subject_type", "subject_id", "actor_type", "actor_id",
    "payload", "created_at",
]  # fmt: skip


async def load(dsn: str, n: int) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        org = await conn.fetchval("SELECT id FROM organization LIMIT 1")
        now = dt.datetime.now(dt.UTC)
        templates = []
        for key in ("KYC", "AML"):
            templates.append(
                await conn.fetchval(
                    "INSERT INTO case_template (organization_id, name, key, statuses,"
                    " field_definitions, notification_emails, assignment_policy,"
                    " assignment_user_ids, assignment_team_ids, last_case_number, created_at,"
                    " updated_at) VALUES ($1, $2, $3, $4, '[]', '[]', 'manual', '[]', '[]', 0,"
                    " $5, $5) RETURNING id",
                    org,
                    f"{key} review",
                    key,
                    json.dumps(
                        [
                            {"name": "Open", "type": "initial"},
                            {"name": "Pending", "type": "intermediate"},
                            {"name": "Approved", "type": "end"},
                            {"name": "Declined", "type": "end"},
                        ]
                    ),
                    now,
                )
            )
        users = [
            await conn.fetchval(
                'INSERT INTO "user" (organization_id, email, name, role, availability,'
                " created_at) VALUES ($1, $2, $3, 'reviewer', 'available', $4) RETURNING id",
                org,
                f"reviewer{i}@bench.example",
                f"Reviewer {i}",
                now,
            )
            for i in range(REVIEWERS)
        ]
        started = time.perf_counter()
        cases, events = history(org, templates, users, n, now)
        await conn.copy_records_to_table("case", records=cases, columns=CASE_COLUMNS)
        await conn.copy_records_to_table("event", records=events, columns=EVENT_COLUMNS)
        await conn.execute("SELECT setval('case_id_seq', (SELECT max(id) FROM \"case\"))")
        for table in ('"case"', "event", '"user"'):
            await conn.execute(f"VACUUM ANALYZE {table}")
        print(
            f"loaded {len(cases):,} cases and {len(events):,} events "
            f"in {time.perf_counter() - started:.1f} s"
        )
    finally:
        await conn.close()


async def measure(port: int, key: str, runs: int) -> tuple[list[float], dict[str, object]]:
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {key}"},
        timeout=60,
    ) as http:
        for _ in range(200):
            try:
                await http.get("/healthz")
                break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
        times: list[float] = []
        body: dict[str, object] = {}
        for _ in range(runs + 2):  # two warm-up runs
            started = time.perf_counter()
            response = await http.post("/graphql", json={"query": QUERY})
            times.append((time.perf_counter() - started) * 1000)
            body = response.json()
            if "errors" in body:
                raise RuntimeError(body["errors"])
        return times[2:], body


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (to profile)")
    args = parser.parse_args()
    name = f"casegraph_bench_{os.getpid()}"
    admin = await asyncpg.connect(f"{args.server}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = f"{args.server}/{name}"
    env = {
        **os.environ,
        "DATABASE_URL": dsn,
        "DEMO_SEED": "false",
        "WORKERS_ENABLED": "false",
        "LOG_LEVEL": "warning",
        "PORT": str(args.port),
    }
    server = None
    try:
        cli("migrate", env=env)
        key = cli("create-api-key", "--org", "Bench", "--email", "admin@bench.example", env=env)
        await load(dsn, args.cases)
        server = subprocess.Popen([sys.executable, "-m", "app", "serve"], cwd=ROOT, env=env)  # noqa: ASYNC220
        times, body = await measure(args.port, key, args.runs)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        data = body["data"]
        assert isinstance(data, dict)
        for section, value in data["caseAnalytics"].items():
            print(f"{section}: {json.dumps(value)}")
        print(
            f"caseAnalytics, 30 days, every section, {args.cases:,} cases: "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms over {len(times)} runs "
            f"({'within' if p50 <= LIMIT_MS else 'OVER'} the {LIMIT_MS:.0f} ms budget)"
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if args.keep:
            print(f"kept database {name}")
        else:
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name
            )
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
