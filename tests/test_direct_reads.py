"""The batch reads' own statements (app/db/reads/direct.py) return what Tortoise's QuerySets
return. They depend on two Tortoise internals, ``Model._choose_db`` and
``Model._init_from_db``: when an upgrade changes either, these tests fail (the version range
in pyproject.toml keeps upgrades deliberate)."""

import inspect
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model
from tortoise.transactions import in_transaction

from app.db.models import Case, CaseObject, CaseTemplate, Organization, User
from app.db.reads.batch import links_by_case, rows_by_id
from app.db.reads.direct import hydrate, select_all, select_among, select_sql, select_with_parent
from tests.api import new_org
from tests.test_query_count import _seed

# models the per-request loaders read; each must have rows in the comparison below
LOADED = {"Case", "CaseTemplate", "User", "Inquiry", "CaseObject", "CaseComment", "Event"}


def _snapshot(row: Model) -> dict[str, Any]:
    meta = row._meta
    values = {name: getattr(row, name) for name in meta.fields_db_projection}
    return {**values, "_partial": row._partial, "_saved_in_db": row._saved_in_db}


def _kinds(row: Model) -> dict[str, tuple[type, Any]]:
    return {k: (type(v), getattr(v, "tzinfo", None)) for k, v in vars(row).items()}


def test_the_internals_keep_their_shape():
    assert inspect.ismethod(Case._choose_db) and inspect.ismethod(Case._init_from_db)
    assert list(inspect.signature(Case._init_from_db).parameters) == ["kwargs"]
    assert list(inspect.signature(Case._choose_db).parameters) == ["for_write"]
    meta = Case._meta
    for fields in (meta.db_native_fields, meta.db_default_fields, meta.db_complex_fields):
        assert all(len(entry) == 3 for entry in fields)
    assert meta.db_pk_column == "id" and isinstance(meta.generated_db_fields, tuple | list | set)


async def test_hydrate_builds_what_init_from_db_builds_for_every_model(admin):
    await _seed(admin, 3)
    compared = set()
    for model in Tortoise.apps["models"].values():
        db = model._choose_db()
        columns = ", ".join(f'"{c}"' for c in model._meta.fields_db_projection.values())
        _, rows = await db.execute_query(
            f'SELECT {columns} FROM "{model._meta.db_table}" LIMIT 20', []
        )
        for row in rows:
            ours, theirs = hydrate(model, row), model._init_from_db(**row)
            assert type(ours) is type(theirs)
            assert vars(ours) == vars(theirs), model.__name__
            # the same types and time zones too (equal datetimes may differ in their zone)
            assert _kinds(ours) == _kinds(theirs), model.__name__
            compared.add(model.__name__)
    assert compared >= LOADED | {"Organization"}, compared


async def test_rows_equal_the_querysets_rows_for_every_model(admin):
    await _seed(admin, 3)
    compared = set()
    for model in Tortoise.apps["models"].values():
        pk = model._meta.db_pk_column
        keys = await model.all().limit(20).values_list(pk, flat=True)
        if not keys:
            continue
        direct = await select_among(model, pk, keys)
        tortoise = await model.filter(**{f"{pk}__in": keys})
        assert sorted(map(_snapshot, direct), key=lambda s: str(s[pk])) == sorted(
            map(_snapshot, tortoise), key=lambda s: str(s[pk])
        ), model.__name__
        assert all(type(r) is model for r in direct)
        compared.add(model.__name__)
    assert compared >= LOADED | {"Organization"}, compared


async def test_a_directly_read_row_saves_like_any_other(admin):
    await _seed(admin, 1)
    case = await Case.first()
    assert case is not None
    [row] = await select_among(Case, "id", [case.id])
    row.name = "renamed"
    await row.save(update_fields=["name"])
    assert (await Case.get(id=case.id)).name == "renamed"


async def test_rows_of_another_organization_are_none(admin, client):
    await _seed(admin, 2)
    other = await new_org(client, "Other")
    assert other
    theirs = await Organization.get(name="Other")
    case_ids = await Case.all().values_list("id", flat=True)
    template = await CaseTemplate.first()
    assert template is not None
    mine = template.organization_id
    found = await rows_by_id(Case, mine, [*case_ids, 10**6])
    assert [r is not None for r in found] == [True] * len(case_ids) + [False]
    assert await rows_by_id(Case, theirs.id, case_ids) == [None] * len(case_ids)
    assert await rows_by_id(CaseTemplate, theirs.id, [template.id]) == [None]
    assert [o and o.id for o in await rows_by_id(Organization, mine, [mine, theirs.id])] == [
        mine,
        None,
    ]


async def test_keys_in_any_order_with_duplicates_and_none(admin):
    await _seed(admin, 3)
    ids = sorted(await Case.all().values_list("id", flat=True))
    org = (await Case.get(id=ids[0])).organization_id
    rows = await rows_by_id(Case, org, [ids[2], ids[0], ids[2]])
    assert [r and r.id for r in rows] == [ids[2], ids[0], ids[2]]
    assert await select_among(Case, "id", []) == []
    links = await links_by_case([ids[1], 10**6, ids[0]])
    assert [[link.case_id for link in group] for group in links] == [[ids[1]], [], [ids[0]]]
    assert all(type(link) is CaseObject for group in links for link in group)


async def test_reads_inside_a_transaction_see_its_rows(admin):
    await _seed(admin, 1)
    user = await User.first()
    assert user is not None
    async with in_transaction():
        await User.filter(id=user.id).update(name="inside")
        [row] = await select_among(User, "id", [user.id])
        assert row.name == "inside"


def test_one_statement_text_per_shape():
    pg = select_sql(User, "postgres", ("organization_id",), "id", 0, None)
    assert pg.endswith('FROM "user" WHERE "organization_id" = $1 AND "id" = ANY($2)')
    columns = pg.removeprefix("SELECT ").split(" FROM ")[0].split(", ")
    assert sorted(columns) == sorted(f'"{c}"' for c in User._meta.db_fields)
    lite = select_sql(CaseObject, "sqlite", (), "case_id", 3, "id")
    assert lite.endswith('FROM "case_object" WHERE "case_id" IN (?, ?, ?) ORDER BY "id"')
    with pytest.raises(NotImplementedError):
        select_sql(User, "mysql", (), "id", 1, None)


async def test_select_all_returns_the_querysets_rows(admin):
    await _seed(admin, 3)
    organization = await Organization.filter(name="Acme").first()
    assert organization is not None
    page = Case.filter(organization_id=organization.id, id__gt=0).order_by("-id").limit(2)
    direct = await select_all(page)
    assert [_snapshot(r) for r in direct] == [_snapshot(r) for r in await page]
    assert len(direct) == 2 and direct[0].pk > direct[1].pk
    partial = await select_all(Case.all().only("id", "name"))  # awaited as it is
    assert partial and all(r._partial for r in partial)


async def test_select_with_parent_returns_the_row_and_its_parent_as_querysets_do(admin):
    await _seed(admin, 2)
    case = await Case.all().order_by("id").first()
    assert case is not None
    found, template = await select_with_parent(
        Case, CaseTemplate, "template_id", organization_id=case.organization_id, ident=case.id
    )
    assert found is not None and template is not None
    assert vars(found) == vars(case)
    assert vars(template) == vars(await CaseTemplate.get(id=case.template_id))
    assert _kinds(found) == _kinds(case)
    missing = await select_with_parent(
        Case, CaseTemplate, "template_id", organization_id=case.organization_id, ident=-1
    )
    assert missing == (None, None)
