"""Waiting for a condition instead of sleeping and hoping: poll it until a deadline."""

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable

POLL_SECONDS = 0.01


async def eventually(
    predicate: Callable[[], object | Awaitable[object]],
    within: float = 5,
    what: str = "the condition",
) -> None:
    """Return once ``predicate()`` (sync or async) is truthy; fail after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        outcome = predicate()
        if inspect.isawaitable(outcome):
            outcome = await outcome
        if outcome:
            return
        assert time.monotonic() < deadline, f"{what} did not hold within {within} s"
        await asyncio.sleep(POLL_SECONDS)


def eventually_sync(
    predicate: Callable[[], object], within: float = 5, what: str = "the condition"
) -> None:
    """``eventually`` for code without an event loop (starting processes)."""
    deadline = time.monotonic() + within
    while not predicate():
        assert time.monotonic() < deadline, f"{what} did not hold within {within} s"
        time.sleep(POLL_SECONDS)
