"""Case analytics in SQL: every figure is an aggregate the database computes, in one
snapshot (REPEATABLE READ on PostgreSQL; SQLite reads are serialized), so the answer is
current to the last committed event.

PostgreSQL uses ``percentile_cont``; SQLite gets the same number from ordered rows
(ROW_NUMBER) and the same linear interpolation: for fraction p over n sorted values
v[0..n-1], with k = p*(n-1): v[floor k] + (k - floor k) * (v[ceil k] - v[floor k]).
Durations are seconds: microsecond precision on PostgreSQL, millisecond on SQLite (its
date functions keep milliseconds).
"""

from dataclasses import dataclass

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from app.db.reads.analytics_sql import PERCENTILES, Row, Runner, Sql
from app.domain.analytics import AnalyticsQuery

# Conditions on a case row ``c`` (see the README's formulas).
IN_PERIOD = "c.created_at >= :start AND c.created_at < :end"
RESOLVED_IN_PERIOD = "c.resolved_at >= :start AND c.resolved_at < :end"
HAS_SLA = "(c.sla_expires_at IS NOT NULL OR c.sla_breached_at IS NOT NULL)"
OVERDUE = "(c.state = 'open' AND c.sla_paused_at IS NULL AND c.sla_expires_at <= :now)"
BREACHED = f"(c.sla_breached_at IS NOT NULL OR {OVERDUE})"
MET = "(c.state = 'resolved' AND c.sla_breached_at IS NULL AND c.sla_expires_at IS NOT NULL)"
BREACH_MOMENT = f"COALESCE(c.sla_breached_at, CASE WHEN {OVERDUE} THEN c.sla_expires_at END)"


def _count(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _ratio(top: str, bottom: str) -> str:
    return f"CASE WHEN {bottom} = 0 THEN NULL ELSE CAST({top} AS DOUBLE PRECISION) / {bottom} END"


async def totals(r: Runner) -> Row:
    """Totals, SLA figures, rate and the open count at the period's start.

    Each part reads only the rows it needs through an index: cases created since the
    period's start, cases resolved since then, cases open now. Open at a moment X is
    created-before-X minus resolved-before-X, i.e. open now minus created since X plus
    resolved since X (no case is created or resolved in the future)."""
    reopened = (
        f"SELECT COUNT(*) FROM event e{r.event_cases()}"
        " WHERE e.organization_id = :org AND e.subject_type = 'case'"
        " AND e.name = 'case.reopened' AND e.created_at >= :start AND e.created_at < :end"
    )
    created = f"""
        SELECT {_count(IN_PERIOD)} AS created,
               {_count("c.created_at >= :end")} AS created_after,
               COUNT(*) AS created_since,
               {_count(f"{IN_PERIOD} AND {HAS_SLA}")} AS with_sla,
               {_count(f"{IN_PERIOD} AND {MET}")} AS met,
               {_count(f"{IN_PERIOD} AND {BREACHED}")} AS breached
        FROM "case" c WHERE {r.scope} AND c.created_at >= :start"""
    resolved = f"""
        SELECT {_count(RESOLVED_IN_PERIOD)} AS resolved,
               {_count("c.resolved_at >= :end")} AS resolved_after,
               COUNT(*) AS resolved_since
        FROM "case" c WHERE {r.scope} AND c.resolved_at >= :start"""
    open_now = f"""
        SELECT COUNT(*) AS open_now, {_count(BREACHED)} AS breached_open
        FROM "case" c WHERE {r.scope} AND c.state = 'open'"""
    inner = f"""
        SELECT COALESCE(a.created, 0) AS created, COALESCE(a.created_after, 0) AS created_after,
               a.created_since, COALESCE(a.with_sla, 0) AS with_sla,
               COALESCE(a.met, 0) AS met, COALESCE(a.breached, 0) AS breached,
               COALESCE(b.resolved, 0) AS resolved,
               COALESCE(b.resolved_after, 0) AS resolved_after, b.resolved_since,
               o.open_now, COALESCE(o.breached_open, 0) AS breached_open,
               ({reopened}) AS reopened
        FROM ({created}) a CROSS JOIN ({resolved}) b CROSS JOIN ({open_now}) o"""
    [row] = await r.rows(
        f"""SELECT created, resolved, reopened, open_now, with_sla, met, breached, breached_open,
                   open_now - created_after + resolved_after AS open,
                   open_now - created_since + resolved_since AS open_at_start,
                   {_ratio("resolved", "created")} AS resolution_rate,
                   {_ratio("met", "(met + breached)")} AS attainment
            FROM ({inner}) t"""
    )
    return row


async def by_status(r: Runner) -> list[Row]:
    """Cases now in each status."""
    return await r.rows(
        f'SELECT c.status AS status, COUNT(*) AS count FROM "case" c WHERE {r.scope}'
        " GROUP BY c.status ORDER BY count DESC, status"
    )


async def by_resolution(r: Runner) -> list[Row]:
    """Cases resolved in the period, per resolution, with their share."""
    return await r.rows(
        "SELECT c.resolution AS resolution, COUNT(*) AS count,"
        " CAST(COUNT(*) AS DOUBLE PRECISION) / SUM(COUNT(*)) OVER () AS share"
        f' FROM "case" c WHERE {r.scope} AND {RESOLVED_IN_PERIOD}'
        " GROUP BY c.resolution ORDER BY count DESC, resolution"
    )


def _resolution_durations(r: Runner, group: str) -> str:
    return (
        f"SELECT {group} AS grp, {r.sql.seconds_between('c.created_at', 'c.resolved_at')} AS d"
        f' FROM "case" c WHERE {r.scope} AND {RESOLVED_IN_PERIOD}'
    )


async def resolution_time(r: Runner) -> Row:
    """Percentiles and mean of created -> resolved, cases resolved in the period."""
    source = _resolution_durations(r, "0")
    rows = await r.rows(r.sql.percentiles(source, PERCENTILES, mean=True))
    return rows[0] if rows else {"p50": None, "p75": None, "p95": None, "mean": None}


async def time_to_first_assignment(r: Runner) -> Row:
    """Percentiles of created -> first assignment, cases created in the period."""
    sql = r.sql
    first = (
        "SELECT e.subject_id AS case_id, MIN(e.created_at) AS at FROM event e"
        " WHERE e.organization_id = :org AND e.subject_type = 'case'"
        " AND e.name = 'case.assigned'"
        f" AND {sql.json_text('e.payload', 'assignee_id')} IS NOT NULL"
        " AND e.created_at >= :start GROUP BY e.subject_id"
    )
    source = (
        f"SELECT 0 AS grp, {sql.seconds_between('c.created_at', 'f.at')} AS d"
        f' FROM "case" c JOIN ({first}) f ON f.case_id = c.id WHERE {r.scope} AND {IN_PERIOD}'
    )
    rows = await r.rows(sql.percentiles(source, {"p50": 0.5, "p95": 0.95}))
    return rows[0] if rows else {"p50": None, "p95": None}


async def series(r: Runner, open_at_start: int) -> list[Row]:
    """Per bucket: created, resolved, open at its end (or the period's), SLA breaches; open
    counts run on from the open count at the period's start (computed by ``totals``)."""
    sql = r.sql
    r.params["open_at_start"] = open_at_start

    def per_bucket(column: str, where: str) -> str:
        return (
            f'SELECT {sql.bucket(column)} AS i, COUNT(*) AS n FROM "case" c'
            f" WHERE {r.scope} AND ({where}) GROUP BY 1"
        )

    def within(column: str) -> str:
        return f"{column} >= :start AND {column} < :end"

    breaches = (
        f"{within('c.sla_breached_at')} OR (c.sla_breached_at IS NULL"
        f" AND {OVERDUE} AND {within('c.sla_expires_at')})"
    )
    return await r.rows(
        f"""WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < :buckets),
            cr AS ({per_bucket("c.created_at", within("c.created_at"))}),
            rs AS ({per_bucket("c.resolved_at", within("c.resolved_at"))}),
            br AS ({per_bucket(BREACH_MOMENT, breaches)})
        SELECT b.i AS i, COALESCE(cr.n, 0) AS created, COALESCE(rs.n, 0) AS resolved,
               CAST(:open_at_start AS INTEGER)
                 + SUM(COALESCE(cr.n, 0) - COALESCE(rs.n, 0)) OVER (ORDER BY b.i) AS open,
               COALESCE(br.n, 0) AS breached
        FROM b LEFT JOIN cr ON cr.i = b.i LEFT JOIN rs ON rs.i = b.i LEFT JOIN br ON br.i = b.i
        ORDER BY b.i"""
    )


async def by_assignee(r: Runner) -> dict[int, Row]:
    """Per reviewer: assignments received in the period, resolved in it, open now,
    median resolution time and SLA attainment (by current assignee)."""
    sql = r.sql
    assignee = sql.json_int("e.payload", "assignee_id")
    assigned = await r.rows(
        f"SELECT {assignee} AS uid, COUNT(*) AS assigned FROM event e{r.event_cases()}"
        " WHERE e.organization_id = :org AND e.subject_type = 'case'"
        " AND e.name = 'case.assigned' AND e.created_at >= :start AND e.created_at < :end"
        f" AND {sql.json_text('e.payload', 'assignee_id')} IS NOT NULL"
        " GROUP BY 1"
    )
    mine = f'FROM "case" c WHERE {r.scope} AND c.assignee_id IS NOT NULL'
    parts = " UNION ALL ".join(
        [
            f"SELECT c.assignee_id AS uid, 1 AS resolved, 0 AS open, 0 AS met, 0 AS breached"
            f" {mine} AND {RESOLVED_IN_PERIOD}",
            f"SELECT c.assignee_id, 0, 1, 0, 0 {mine} AND c.state = 'open'",
            f"SELECT c.assignee_id, 0, 0, {_flag(MET)}, {_flag(BREACHED)} {mine} AND {IN_PERIOD}",
        ]
    )
    counts = await r.rows(
        "SELECT uid, SUM(resolved) AS resolved, SUM(open) AS open,"
        f" {_ratio('SUM(met)', '(SUM(met) + SUM(breached))')} AS sla_attainment"
        f" FROM ({parts}) p GROUP BY uid"
    )
    medians = await r.rows(
        sql.percentiles(
            _resolution_durations(r, "c.assignee_id") + " AND c.assignee_id IS NOT NULL",
            {"p50": 0.5},
        )
    )
    out: dict[int, Row] = {}
    blank = {"assigned": 0, "resolved": 0, "open": 0, "sla_attainment": None, "p50": None}
    for row in assigned:
        out.setdefault(int(row["uid"]), dict(blank))["assigned"] = int(row["assigned"])
    for row in counts:
        entry = out.setdefault(int(row["uid"]), dict(blank))
        entry.update(resolved=int(row["resolved"]), open=int(row["open"]))
        entry["sla_attainment"] = row["sla_attainment"]
    for row in medians:
        out.setdefault(int(row["grp"]), dict(blank))["p50"] = row["p50"]
    return out


async def availability(r: Runner) -> list[Row]:
    """Seconds each user in scope spent available, busy and unavailable in the period."""
    sql = r.sql
    name = "'user.availability-updated'"
    users = 'SELECT u.id, u.availability FROM "user" u WHERE u.organization_id = :org'
    if r.q.assignee_ids:
        users += r._in("u.id", "usr", r.q.assignee_ids)
    if r.q.team_ids:
        teams = r._in("tm.team_id", "team", r.q.team_ids)[5:]
        users += f" AND u.id IN (SELECT tm.user_id FROM team_member tm WHERE {teams})"
    changes = (
        "FROM event e WHERE e.organization_id = :org AND e.subject_type = 'user'"
        f" AND e.name = {name} AND e.subject_id = u.id"
    )
    av, prev = sql.json_text("e.payload", "availability"), sql.json_text("e.payload", "previous")
    start = (
        f"SELECT u.id AS uid, {sql.ts('start')} AS at, 0 AS eid, COALESCE("
        f"(SELECT {av} {changes} AND e.created_at < :start"
        " ORDER BY e.created_at DESC, e.id DESC LIMIT 1),"
        f"(SELECT {prev} {changes} AND e.created_at >= :start"
        " ORDER BY e.created_at, e.id LIMIT 1),"
        f" u.availability) AS av FROM ({users}) u"
    )
    moves = (
        f"SELECT e.subject_id AS uid, e.created_at AS at, e.id AS eid, {av} AS av FROM event e"
        f" JOIN ({users}) u ON u.id = e.subject_id WHERE e.organization_id = :org"
        f" AND e.subject_type = 'user' AND e.name = {name}"
        " AND e.created_at >= :start AND e.created_at < :end"
    )
    following = f"LEAD(at, 1, {sql.ts('end')}) OVER (PARTITION BY uid ORDER BY at, eid)"
    return await r.rows(
        f"""WITH seg AS ({start} UNION ALL {moves}),
            dur AS (SELECT uid, av, {sql.seconds_between("at", following)} AS d FROM seg)
        SELECT uid, {_sum_of("available")} AS available, {_sum_of("busy")} AS busy,
               {_sum_of("unavailable")} AS unavailable
        FROM dur GROUP BY uid ORDER BY uid"""
    )


def _sum_of(value: str) -> str:
    return f"COALESCE(SUM(CASE WHEN av = '{value}' THEN d ELSE 0 END), 0)"


@dataclass
class Figures:
    """Every section's rows, as the database returned them."""

    totals: Row
    by_status: list[Row]
    by_resolution: list[Row]
    resolution_time: Row
    first_assignment: Row
    series: list[Row]
    by_assignee: dict[int, Row]
    availability: list[Row]


async def case_analytics(q: AnalyticsQuery) -> Figures:
    """Compute every section in one consistent snapshot."""
    postgres = Tortoise.get_connection("default").capabilities.dialect == "postgres"
    async with in_transaction() as tx:
        if postgres:
            await tx.execute_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        r = Runner(tx, Sql(postgres), q)
        counts = await totals(r)
        return Figures(
            totals=counts,
            by_status=await by_status(r),
            by_resolution=await by_resolution(r),
            resolution_time=await resolution_time(r),
            first_assignment=await time_to_first_assignment(r),
            series=await series(r, int(counts["open_at_start"])),
            by_assignee=await by_assignee(r),
            availability=await availability(r),
        )
