"""The execution deadline of one HTTP GraphQL operation."""

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

from graphql import ExecutionResult, GraphQLError

log = logging.getLogger("casegraph.edge")
T = TypeVar("T")


def timeout_result(seconds: float) -> ExecutionResult:
    """The answer of an operation cancelled at its deadline: no data, one TIMEOUT error."""
    return ExecutionResult(
        data=None,
        errors=[
            GraphQLError(
                f"the operation exceeded the time limit of {seconds:g} s and was cancelled",
                extensions={"code": "TIMEOUT"},
            )
        ],
    )


async def within_deadline(work: Awaitable[T], seconds: float) -> T | ExecutionResult:
    """Await ``work``; past ``seconds`` cancel it (its resolvers and their SQL see
    ``CancelledError``, transactions roll back) and return ``timeout_result``.
    ``seconds <= 0`` means no limit."""
    if seconds <= 0:
        return await work
    deadline = asyncio.timeout(seconds)
    try:
        async with deadline:
            return await work
    except TimeoutError:
        if not deadline.expired():
            raise  # a TimeoutError of the work itself, not the deadline
        log.warning("operation cancelled at its deadline of %g s", seconds)
        return timeout_result(seconds)
