"""Loading objects inside the caller's organization: anything else is 'not found'."""

from typing import TypeVar

from tortoise.models import Model

from app.domain.errors import NotFoundError
from app.domain.principal import Principal

M = TypeVar("M", bound=Model)


async def get_owned(
    model: type[M],
    principal: Principal,
    ident: int,
    *,
    field: str = "id",
    lock: bool = False,
) -> M:
    """The row with this id in the caller's organization; lock it for update when asked."""
    query = model.filter(id=ident, organization_id=principal.organization_id)
    if lock:
        query = query.select_for_update()
    row = await query.first()
    if row is None:
        raise NotFoundError(model.__name__, ident, field=field)
    return row


async def get_owned_many(
    model: type[M], principal: Principal, idents: list[int], *, field: str
) -> list[M]:
    """Rows for every id (in the given order), or NotFoundError naming the first missing one."""
    rows = {
        r.pk: r
        for r in await model.filter(id__in=idents, organization_id=principal.organization_id)
    }
    for ident in idents:
        if ident not in rows:
            raise NotFoundError(model.__name__, ident, field=field)
    return [rows[i] for i in idents]
