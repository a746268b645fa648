"""The SQL dialect of the analytics statements and the runner that renders them: ``:name``
parameters become numbered placeholders; timestamps, JSON members, buckets and percentiles
are spelled once per dialect (PostgreSQL: percentile_cont; SQLite: ROW_NUMBER and the same
linear interpolation)."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.domain.analytics import AnalyticsQuery

Row = dict[str, Any]
PERCENTILES = {"p50": 0.5, "p75": 0.75, "p95": 0.95}
_NAME = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


@dataclass
class Sql:
    """SQL of one dialect with ``:name`` parameters, rendered to numbered placeholders."""

    postgres: bool

    def epoch(self, column: str) -> str:
        """Seconds since 1970 of a timestamp expression, as a double."""
        if self.postgres:
            return f"EXTRACT(EPOCH FROM {column})::float8"
        return f"({self.epoch_ms(column)} / 1000.0)"

    def epoch_ms(self, column: str) -> str:
        """Integer milliseconds since 1970 (SQLite)."""
        return (
            f"(CAST(strftime('%s', {column}) AS INTEGER) * 1000"
            f" + CAST(substr(strftime('%f', {column}), 4, 3) AS INTEGER))"
        )

    def seconds_between(self, start: str, end: str) -> str:
        """``end - start`` in seconds, as a double."""
        if self.postgres:
            return f"EXTRACT(EPOCH FROM ({end} - {start}))::float8"
        return f"(({self.epoch_ms(end)} - {self.epoch_ms(start)}) / 1000.0)"

    def json_text(self, column: str, key: str) -> str:
        """A top-level JSON member as text (null when absent)."""
        if self.postgres:
            return f"({column}->>'{key}')"
        return f"json_extract({column}, '$.{key}')"

    def json_int(self, column: str, key: str) -> str:
        """A top-level JSON member as an integer."""
        if self.postgres:
            return f"({column}->>'{key}')::int"
        return f"CAST(json_extract({column}, '$.{key}') AS INTEGER)"

    def ts(self, param: str) -> str:
        """A timestamp parameter where its type cannot be inferred."""
        return f"CAST(:{param} AS timestamptz)" if self.postgres else f":{param}"

    def bucket(self, column: str) -> str:
        """Index of the series bucket holding a timestamp (the period's buckets only)."""
        if self.postgres:
            return (
                f"FLOOR(EXTRACT(EPOCH FROM ({column} - CAST(:first_bucket AS timestamptz)))"
                " / CAST(:width AS float8))::int"
            )
        return f"(({self.epoch_ms(column)} - :first_bucket_ms) / :width_ms)"

    def percentiles(self, source: str, fractions: dict[str, float], *, mean: bool = False) -> str:
        """Rows (grp, <name>..., [mean]) of percentile_cont per group of ``source`` (columns
        grp, d)."""
        average = ", AVG(d) AS mean" if mean else ""
        if self.postgres:
            cols = ", ".join(
                f"percentile_cont({p}) WITHIN GROUP (ORDER BY d) AS {name}"
                for name, p in fractions.items()
            )
            return f"SELECT grp, {cols}{average} FROM ({source}) s GROUP BY grp"
        parts: list[str] = []
        for name, p in fractions.items():
            k = f"({p} * (n - 1))"
            lo = f"CAST({k} AS INTEGER)"
            low = f"MAX(CASE WHEN rn = {lo} THEN d END)"
            high = f"COALESCE(MAX(CASE WHEN rn = {lo} + 1 THEN d END), {low})"
            frac = f"MAX({k} - {lo})"
            parts.append(f"{low} + {frac} * ({high} - {low}) AS {name}")
        return (
            f"SELECT grp, {', '.join(parts)}{average} FROM ("
            "SELECT grp, d, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY d) - 1 AS rn,"
            " COUNT(*) OVER (PARTITION BY grp) AS n"
            f" FROM ({source}) s) r GROUP BY grp"
        )


class Runner:
    """Renders and runs the analytics statements of one query."""

    def __init__(self, conn: BaseDBAsyncClient, sql: Sql, q: AnalyticsQuery) -> None:
        self.conn = conn
        self.sql = sql
        self.q = q
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        width = q.interval.width
        self.params: dict[str, Any] = {
            "org": q.organization_id,
            "start": q.start,
            "end": q.end,
            "now": q.now,
            "first_bucket": q.first_bucket,
            "width": width.total_seconds(),
            "first_bucket_ms": (q.first_bucket - epoch) // dt.timedelta(milliseconds=1),
            "width_ms": width // dt.timedelta(milliseconds=1),
            "buckets": q.bucket_count,
        }
        self.scope = self._scope()

    def _in(self, column: str, name: str, values: list[Any]) -> str:
        keys = []
        for i, value in enumerate(values):
            self.params[f"{name}_{i}"] = value
            keys.append(f":{name}_{i}")
        return f" AND {column} IN ({', '.join(keys)})"

    def _scope(self) -> str:
        q = self.q
        where = "c.organization_id = :org"
        if q.template_ids:
            where += self._in("c.template_id", "tpl", q.template_ids)
        if q.assignee_ids:
            where += self._in("c.assignee_id", "usr", q.assignee_ids)
        if q.team_ids:
            teams = self._in("tm.team_id", "team", q.team_ids)[5:]
            where += f" AND c.assignee_id IN (SELECT tm.user_id FROM team_member tm WHERE {teams})"
        if q.resolutions:
            where += self._in("c.resolution", "res", q.resolutions)
        return where

    def event_cases(self) -> str:
        """Join an event ``e`` to its case ``c`` in scope (no join when only the organization
        scopes: the event's own organization says it all)."""
        q = self.q
        if not (q.template_ids or q.assignee_ids or q.team_ids or q.resolutions):
            return ""
        return f' JOIN "case" c ON c.id = e.subject_id AND {self.scope}'

    async def rows(self, statement: str) -> list[Row]:
        """Run one statement with the query's parameters."""
        values: list[Any] = []
        index: dict[str, int] = {}

        def number(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in index:
                values.append(self.params[name])
                index[name] = len(values)
            return f"${index[name]}" if self.sql.postgres else f"?{index[name]}"

        rendered = _NAME.sub(number, statement)
        return list(await self.conn.execute_query_dict(rendered, values))
