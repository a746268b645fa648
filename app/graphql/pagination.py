"""Relay connections: page-size rules, keyset pages, and totalCount on request."""

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry import relay
from tortoise.models import Model
from tortoise.queryset import QuerySet

from app.db.reads.pagination import BadCursor, Ordering, paginate, paginate_loaded

NodeType = TypeVar("NodeType")
M = TypeVar("M", bound=Model)
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

First = Annotated[
    int | None, strawberry.argument(description="Return the first n items (1-100; default 20).")
]
After = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
Last = Annotated[int | None, strawberry.argument(description="Return the last n items (1-100).")]
Before = Annotated[str | None, strawberry.argument(description="Return items before this cursor.")]


@strawberry.type(description="A page of a list, with cursors to fetch the pages around it.")
class Connection(relay.Connection[NodeType], Generic[NodeType]):
    total: strawberry.Private[Any] = None

    @strawberry.field(
        description="Number of items in the whole list (one more query: ask only when shown)."
    )
    async def total_count(self) -> int:
        if isinstance(self.total, int):
            return self.total
        return int(await self.total.count())

    @strawberry.field(description="The items of this page, without their edges.")
    def nodes(self) -> list[NodeType]:
        return [edge.node for edge in self.edges]


def check_page(first: int | None, last: int | None) -> tuple[int | None, int | None]:
    """Apply GitHub's rule: 1-100 items a page, `first` or `last`, default first 20."""
    if first is not None and last is not None:
        raise _bad("last", "give `first` or `last`, not both")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 1 <= value <= MAX_PAGE_SIZE:
            raise _bad(name, f"must be between 1 and {MAX_PAGE_SIZE}")
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    return first, last


def _bad(argument: str, message: str) -> GraphQLError:
    return GraphQLError(
        f"{argument}: {message}", extensions={"code": "BAD_USER_INPUT", "field": argument}
    )


def _connection(
    nodes: Sequence[Any], cursors: list[str], has_next: bool, has_prev: bool, total: Any
) -> Connection[Any]:
    return Connection(
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_prev,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
        edges=[relay.Edge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)],
        total=total,
    )


async def query_connection(
    query: QuerySet[Any],
    ordering: Ordering,
    to_node: Callable[[Any], Any],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Any]:
    """A connection over a queryset, paged by keyset."""
    first, last = check_page(first, last)
    try:
        page = await paginate(query, ordering, first=first, after=after, last=last, before=before)
    except BadCursor as exc:
        raise _bad("after" if after else "before", str(exc)) from None
    nodes = [to_node(r) for r in page.rows]
    return _connection(nodes, page.cursors, page.has_next_page, page.has_previous_page, page.query)


def list_connection(
    rows: list[M],
    to_node: Callable[[M], Any],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Any]:
    """A connection over rows a DataLoader already holds, in ascending id order."""
    first, last = check_page(first, last)
    try:
        page, cursors, has_next, has_prev = paginate_loaded(
            rows, first=first, after=after, last=last, before=before
        )
    except BadCursor as exc:
        raise _bad("after" if after else "before", str(exc)) from None
    return _connection([to_node(r) for r in page], cursors, has_next, has_prev, len(rows))
