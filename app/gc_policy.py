"""Garbage-collector policy of a serving process.

CPython 3.11's cycle collector is generational. A young collection runs every ``threshold0``
container allocations and scans what was allocated since; a full one scans every tracked
object, and runs whenever the objects promoted since the last full one exceed a quarter of
the rest. 10,000 WebSocket subscribers are about 2.2 million tracked objects: a full pass
takes 1.2 s on the 2-core development machine, during which no event is sent; and while
10,000 clients connect, the quarter rule fires a dozen times (0.1, 0.15, ... 1.2 s).

So a serving process
- freezes what exists when it starts (modules, the schema, the settings: never garbage);
- runs young collections every 50,000 allocations instead of 700: most objects of a fan-out
  die by reference counting before a collection sees them (with 700, young collections took
  a quarter of a fan-out's CPU); the garbage found is the same, found later;
- after every full collection, freezes the survivors ("tenure"): they were just found
  reachable, and the next full collections scan only what was allocated since, so they stay
  short however many subscribers are connected;
- gives the tenured objects a full pass again ("sweep": unfreeze, collect, freeze) once the
  WebSocket connections closed since the last sweep reach a quarter of those open, or an hour
  has passed: a closed connection leaves reference cycles that only a pass over the tenured
  objects frees. That is CPython's quarter rule applied to departures instead of arrivals:
  connecting clients (a replica starting, a reconnect storm) cause no pass over everyone,
  and the garbage held back stays under a quarter of the connections.
"""

import asyncio
import contextlib
import gc
import time
from collections.abc import AsyncIterator
from typing import Any

from app.background import running

YOUNG_THRESHOLD = 50_000
SWEEP_AT_LEAST_EVERY = 3600.0  # seconds
SWEEP_CHECK_EVERY = 5.0  # seconds


class Collector:
    """The process's collector policy; ``install`` it once per serving process."""

    def __init__(self) -> None:
        self.installed = False
        self.defaults = gc.get_threshold()
        self.open = 0  # WebSocket connections open now
        self.closed = 0  # closed since the last sweep
        self.last_sweep = time.monotonic()

    def install(self) -> None:
        """After the app is built and before it serves."""
        gc.collect()
        gc.freeze()
        self.defaults = gc.get_threshold()
        gc.set_threshold(YOUNG_THRESHOLD, *self.defaults[1:])
        if self._tenure not in gc.callbacks:
            gc.callbacks.append(self._tenure)
        self.installed = True
        self.last_sweep = time.monotonic()

    def uninstall(self) -> None:
        """Back to CPython's defaults (tests)."""
        if self._tenure in gc.callbacks:
            gc.callbacks.remove(self._tenure)
        gc.unfreeze()
        gc.set_threshold(*self.defaults)
        self.installed = False

    def _tenure(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2:
            gc.freeze()

    def connection_opened(self) -> None:
        self.open += 1

    def connection_closed(self) -> None:
        self.open -= 1
        self.closed += 1

    def sweep_due(self) -> bool:
        if not self.installed:
            return False
        if self.closed and self.closed * 4 >= self.open:
            return True
        return time.monotonic() - self.last_sweep >= SWEEP_AT_LEAST_EVERY

    def sweep(self) -> None:
        """A full pass over everything, tenured objects included (the survivors are frozen
        again by ``_tenure``)."""
        gc.unfreeze()
        gc.collect()
        self.closed = 0
        self.last_sweep = time.monotonic()

    @contextlib.asynccontextmanager
    async def sweeping(self) -> AsyncIterator[None]:
        """For the lifespan: sweep when due (nothing when the policy is not installed)."""
        if not self.installed:
            yield
            return

        async def loop() -> None:
            while True:
                await asyncio.sleep(SWEEP_CHECK_EVERY)
                if self.sweep_due():
                    self.sweep()

        async with running(loop(), name="gc-sweeps"):
            yield


collector = Collector()


def tune_for_serving() -> None:
    """Install the policy (``app serve`` and each worker process call this)."""
    collector.install()
