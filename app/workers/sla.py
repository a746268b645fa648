"""The SLA deadline worker: fires due warnings and expiries from the ``sla_timer`` rows.

Timers are rows, not in-memory sleeps, so a worker that was down when a moment passed fires
it when it starts (every due row is picked up on the first pass), and any number of replicas
may poll at once: ``services.sla.fire`` compares and sets on the row, so each moment is
emitted once.
"""

import datetime as dt
import logging

from app.services import sla

log = logging.getLogger(__name__)


class SlaDeadlines:
    """Polls for due SLA timers and fires them, earliest first."""

    def __init__(self, batch: int = 100) -> None:
        self.batch = batch
        self.backfilled = False

    async def run_once(self, *, now: dt.datetime | None = None) -> int:
        """Fire every timer due at ``now``; returns how many events this worker emitted."""
        now = now or dt.datetime.now(dt.UTC)
        if not self.backfilled:  # once per process: deadlines older than the engine
            while await sla.backfill(now=now) == 500:
                pass
            self.backfilled = True
        fired = 0
        while timers := await sla.due_timers(now, self.batch):
            for timer in timers:
                fired += await sla.fire(timer)
            if len(timers) < self.batch:
                break
        return fired
