"""Rows selected by a list of keys with SQL text built once per model, shape and dialect, and
hydrated as Tortoise models: the DataLoader batches run on every request, and building
their statement through a QuerySet (pypika, filter resolution) cost more than running it.

Depends on Tortoise internals, pinned in pyproject.toml (``tortoise-orm>=1.1.9,<1.2``) and
checked by ``tests/test_direct_reads.py``: ``Model._choose_db()`` (the connection a QuerySet
would use now, a transaction's included) and the field lists ``Model._init_from_db`` hydrates
from (``hydrate`` does what it does for a complete row, without its four bookkeeping
attributes going through ``Model.__setattr__``: ~7 % of a 50-case page). The statements
select every column, as a QuerySet does, so the models are complete, never partial."""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from tortoise import timezone
from tortoise.fields import DatetimeField, Field
from tortoise.fields.data import CharEnumFieldInstance
from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)
P = TypeVar("P", bound=Model)

DIALECTS = ("postgres", "sqlite")


def _supported(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise NotImplementedError(f"no direct reads for the {dialect} dialect")


def _converter(field: Field) -> Callable[[Any], Any]:
    """``field.to_python_value``, with a shortcut for the two conversions every row of a page
    makes many times: an enum member by its value (a dict lookup instead of ``Enum(value)``)
    and, with ``use_tz``, a UTC datetime from the driver moved to the default zone (what
    Tortoise does after reading ``USE_TZ`` from ``os.environ`` for each value). Anything else
    takes the field's own converter."""
    convert = field.to_python_value
    if type(field) is CharEnumFieldInstance:
        members = field.enum_type._value2member_map_

        def enum_member(value: Any) -> Any:
            member = members.get(value) if type(value) is str else None
            return convert(value) if member is None else member

        return enum_member
    if type(field) is DatetimeField and timezone.get_use_tz():
        zone = timezone.get_default_timezone()

        def in_zone(value: Any) -> Any:
            if type(value) is dt.datetime and value.tzinfo is dt.UTC:
                return value.astimezone(zone)
            return None if value is None else convert(value)

        return in_zone
    return convert


def _complex(model: type[Model]) -> tuple[tuple[str, str, Callable[[Any], Any]], ...]:
    """The converted columns of ``model``: (column, attribute, converter)."""
    return tuple(
        (key, name, _converter(field)) for key, name, field in model._meta.db_complex_fields
    )


def hydrator(model: type[M], prefix: str = "") -> Callable[[Mapping[str, Any]], M]:
    """The function that builds a ``model`` instance from a row holding every column: what
    ``model._init_from_db(**row)`` builds (the same attributes, the same converters), its
    attributes set as one dict (``Model.__setattr__`` would look for pending defaults and
    relations on each; ``object.__setattr__`` per attribute costs a call each). Generated once
    per model from its field lists; column and attribute names come from the model, never
    from input (and are written as ``repr`` literals). With a ``prefix``, the row names each
    column ``prefix + column`` (a joined statement's aliases)."""
    meta = model._meta
    found = _HYDRATORS.get((model, prefix))
    if found is None or found[1] is not meta.db_native_fields:
        # Tortoise rebuilds the field lists when it is initialised again (another backend
        # may store other columns natively): a new list, a new hydrator
        found = _HYDRATORS[model, prefix] = (
            _generate_hydrator(model, prefix),
            meta.db_native_fields,
        )
    return found[0]


_HYDRATORS: dict[tuple[type[Model], str], tuple[Callable[[Mapping[str, Any]], Any], object]] = {}


def _generate_hydrator(model: type[M], prefix: str) -> Callable[[Mapping[str, Any]], M]:
    meta = model._meta
    namespace: dict[str, Any] = {"model": model, "new": model.__new__, "put": object.__setattr__}
    items = [
        '"_partial": False',
        '"_saved_in_db": True',
        f'"_custom_generated_pk": {meta.db_pk_column not in meta.generated_db_fields!r}',
        '"_await_when_save": {}',
    ]
    for key, name, _ in meta.db_native_fields:
        items.append(f"{name!r}: row[{prefix + key!r}]")
    for n, (key, name, field) in enumerate(meta.db_default_fields):
        namespace[f"t{n}"] = field.field_type
        items.append(f"{name!r}: None if (v := row[{prefix + key!r}]) is None else t{n}(v)")
    for n, (key, name, convert) in enumerate(_complex(model)):
        namespace[f"c{n}"] = convert
        items.append(f"{name!r}: c{n}(row[{prefix + key!r}])")
    body = ",\n        ".join(items)
    source = (
        "def hydrate(row):\n"
        "    instance = new(model)\n"
        f"    put(instance, '__dict__', {{\n        {body},\n    }})\n"
        "    return instance\n"
    )
    exec(compile(source, f"<hydrate {model.__name__}>", "exec"), namespace)  # model's own names
    built: Callable[[Mapping[str, Any]], M] = namespace["hydrate"]
    return built


def hydrate(model: type[M], row: Mapping[str, Any]) -> M:
    """One ``model`` instance from a row holding every column (``hydrator``)."""
    return hydrator(model)(row)


async def select_all(query: QuerySet[M]) -> list[M]:
    """``await query`` for a QuerySet of complete rows (no ``only``, annotations, related or
    prefetched objects, no single-object fetch): its own SQL, run on the connection it would
    use, hydrated here. Anything else is awaited as it is."""
    if (
        query._fields_for_select
        or query._annotations
        or query._select_related
        or query._prefetch_map
        or query._prefetch_queries
        or query._single
    ):
        return list(await query)
    if query._db is None:
        query._db = query._choose_db(query._select_for_update)
    query._make_query()
    sql, values = query.query.get_parameterized_sql()
    _, rows = await query._db.execute_query(sql, values)
    build = hydrator(query.model)
    return [build(row) for row in rows]


@lru_cache(maxsize=1024)
def select_sql(
    model: type[Model],
    dialect: str,
    equal: tuple[str, ...],
    among: str,
    count: int,
    order_by: str | None,
) -> str:
    """``SELECT`` every column of ``model`` where each ``equal`` column equals a parameter and
    ``among`` is one of the last parameter(s): PostgreSQL takes one array (``= ANY($n)``, one
    text whatever the count, so asyncpg's statement cache hits), SQLite ``count`` parameters
    (``IN (?, ...)``). Column names come from code, never from input; values are parameters."""
    _supported(dialect)
    meta = model._meta
    columns = ", ".join(f'"{c}"' for c in meta.fields_db_projection.values())
    if dialect == "postgres":
        tests = [f'"{c}" = ${n}' for n, c in enumerate(equal, start=1)]
        tests.append(f'"{among}" = ANY(${len(equal) + 1})')
    else:
        tests = [f'"{c}" = ?' for c in equal]
        tests.append(f'"{among}" IN ({", ".join(["?"] * count)})')
    sql = f'SELECT {columns} FROM "{meta.db_table}" WHERE {" AND ".join(tests)}'
    return sql + (f' ORDER BY "{order_by}"' if order_by else "")


async def select_among(
    model: type[M],
    column: str,
    keys: Sequence[Any],
    *,
    where: Mapping[str, Any] | None = None,
    order_by: str | None = None,
) -> list[M]:
    """Rows of ``model`` whose ``column`` is one of ``keys`` and whose ``where`` columns
    equal their values (all database column names), optionally ordered by one column.
    Same rows and instances as ``model.filter(column__in=keys, **where)``; no order but
    ``order_by`` (not the model's ``Meta.ordering``)."""
    db = model._choose_db()
    dialect = db.capabilities.dialect
    equal = tuple(where or ())
    unique = list(dict.fromkeys(keys))
    count = 0 if dialect == "postgres" else len(unique)
    sql = select_sql(model, dialect, equal, column, count, order_by)
    fixed = [where[c] for c in equal] if where else []
    values = [*fixed, unique] if dialect == "postgres" else [*fixed, *unique]
    _, rows = await db.execute_query(sql, values)
    build = hydrator(model)
    return [build(row) for row in rows]


@lru_cache(maxsize=64)
def joined_sql(model: type[Model], parent: type[Model], foreign_key: str, dialect: str) -> str:
    """``SELECT`` every column of one ``model`` row (by organization and id) and of the
    ``parent`` row its ``foreign_key`` column points to (same organization), aliased
    ``a__column`` and ``b__column``; a null foreign key leaves the parent's columns null."""
    _supported(dialect)
    mine = model._meta.fields_db_projection.values()
    theirs = parent._meta.fields_db_projection.values()
    columns = ", ".join(
        [f'a."{c}" AS "a__{c}"' for c in mine] + [f'b."{c}" AS "b__{c}"' for c in theirs]
    )
    first, second = ("$1", "$2") if dialect == "postgres" else ("?", "?")
    return (
        f'SELECT {columns} FROM "{model._meta.db_table}" a LEFT JOIN "{parent._meta.db_table}" b'
        f' ON b."id" = a."{foreign_key}" AND b."organization_id" = a."organization_id"'
        f' WHERE a."organization_id" = {first} AND a."id" = {second}'
    )


async def select_with_parent(
    model: type[M], parent: type[P], foreign_key: str, *, organization_id: int, ident: int
) -> tuple[M | None, P | None]:
    """One ``model`` row of an organization by id, with the ``parent`` row its
    ``foreign_key`` column points to, in one statement (a point read and its to-one relation:
    one round trip instead of two)."""
    db = model._choose_db()
    sql = joined_sql(model, parent, foreign_key, db.capabilities.dialect)
    _, rows = await db.execute_query(sql, [organization_id, ident])
    if not rows:
        return None, None
    row = rows[0]
    found = hydrator(model, "a__")(row)
    return found, (hydrator(parent, "b__")(row) if row["b__id"] is not None else None)
