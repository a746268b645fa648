"""Every DomainError a mutation can raise is a member of its result union, so none becomes a
top-level failure at run time. tests/raises.py reads the resolver and everything it calls."""

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Annotated

import pytest
import strawberry
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.union import StrawberryUnion

from app.domain import errors as domain
from app.graphql import errors as gql
from app.graphql.errors import UnlistedErrorType, errors_as_union, graphql_type_of, to_graphql
from app.graphql.schema import Mutation
from app.services.cases import objects as case_objects
from tests.raises import find_raises

# Errors the walk finds but that cannot happen, each checked by a test below.
UNREACHABLE = {
    ("case_comment_add", domain.ConflictError): "lock_case(..., expected_version=None)",
}


def _mutations() -> list[tuple[str, Callable[..., object], tuple[type, ...]]]:
    definition: StrawberryObjectDefinition = Mutation.__strawberry_definition__  # type: ignore[attr-defined]
    found = []
    for field in definition.fields:
        assert field.base_resolver is not None, field.python_name
        assert isinstance(field.type, StrawberryUnion), field.python_name
        found.append((field.python_name, field.base_resolver.wrapped_func, field.type.types))
    return found


def unlisted(
    name: str, resolver: Callable[..., object], members: tuple[type, ...], packages: tuple[str, ...]
) -> list[str]:
    """Errors the resolver can raise whose GraphQL type the union lacks, with their call chain."""
    raises = find_raises(resolver, packages)
    return [
        f"{name}: {error.__name__} via {' -> '.join(chain)}"
        for error, chain in raises.errors.items()
        if graphql_type_of(error) not in members and (name, error) not in UNREACHABLE
    ]


MUTATIONS = _mutations()


@pytest.mark.parametrize(("name", "resolver", "members"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_every_raised_error_is_in_the_result_union(
    name: str, resolver: Callable[..., object], members: tuple[type, ...]
) -> None:
    assert unlisted(name, resolver, members, ("app.",)) == []
    # the walk reached the service: every mutation checks the caller's permission there
    assert domain.PermissionDeniedError in find_raises(resolver).errors


@pytest.mark.parametrize(("name", "resolver", "members"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_every_mutation_maps_errors_with_the_decorator(
    name: str, resolver: Callable[..., object], members: tuple[type, ...]
) -> None:
    assert inspect.unwrap(resolver) is not resolver, f"{name} lacks @errors_as_union"
    assert resolver.error_types == tuple(m for m in members if issubclass(m, gql.Error))  # type: ignore[attr-defined]


def test_unreachable_errors_are_still_found_and_truly_unreachable() -> None:
    resolvers = {name: resolver for name, resolver, _ in MUTATIONS}
    for name, error in UNREACHABLE:
        assert error in find_raises(resolvers[name]).errors, f"stale entry {name}, {error}"
    # add_comment locks without a version, so lock_case's ConflictError cannot happen
    tree = ast.parse(textwrap.dedent(inspect.getsource(case_objects.add_comment)))
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "lock_case"
    ]
    assert calls
    for call in calls:
        version = call.args[2] if len(call.args) > 2 else None
        version = version or next(k.value for k in call.keywords if k.arg == "expected_version")
        assert isinstance(version, ast.Constant) and version.value is None


@pytest.mark.parametrize(
    "error",
    [
        domain.ValidationError.of("f", "bad"),
        domain.NotFoundError("Case", 1),
        domain.ConflictError("stale", current_version=2),
        domain.PermissionDeniedError("no"),
        domain.LimitExceededError("many", limit=3),
    ],
)
def test_graphql_type_of_agrees_with_to_graphql(error: domain.DomainError) -> None:
    assert type(to_graphql(error)) is graphql_type_of(type(error))


def test_every_domain_error_class_has_a_graphql_type() -> None:
    pending = list(domain.DomainError.__subclasses__())
    while pending:
        cls = pending.pop()
        graphql_type_of(cls)
        pending.extend(cls.__subclasses__())


# A fake mutation whose service raises, two calls down, an error its union does not list.


@strawberry.type(description="Fake payload.")
class FakePayload:
    ok: bool = strawberry.field(description="Always true.")


FakeResult = Annotated[
    FakePayload | gql.NotFoundError | gql.PermissionDeniedError, strawberry.union("FakeResult")
]
FakeResultWithLimit = Annotated[
    FakePayload | gql.NotFoundError | gql.LimitExceededError, strawberry.union("FakeResultL")
]


def _fake_limit_check(count: int) -> None:
    if count > 3:
        raise domain.LimitExceededError("too many", limit=3)


async def _fake_service(count: int) -> FakePayload:
    if count < 0:
        raise domain.NotFoundError("Thing", count)
    _fake_limit_check(count)
    return FakePayload(ok=True)


@errors_as_union
async def _fake_resolver(count: int) -> FakeResult:
    return await _fake_service(count)


@errors_as_union
async def _fake_resolver_with_limit(count: int) -> FakeResultWithLimit:
    return await _fake_service(count)


def test_self_check_an_unlisted_error_deep_in_a_service_is_detected() -> None:
    members = gql.error_members(FakeResult)
    problems = unlisted("fake", _fake_resolver, members, (__name__,))
    assert problems == [
        f"fake: LimitExceededError via {__name__}._fake_resolver -> {__name__}._fake_service"
        f" -> {__name__}._fake_limit_check"
    ]
    members = gql.error_members(FakeResultWithLimit)
    assert unlisted("fake", _fake_resolver_with_limit, members, (__name__,)) == []


async def test_self_check_the_decorator_refuses_an_unlisted_error_at_run_time() -> None:
    assert await _fake_resolver(1) == FakePayload(ok=True)
    assert isinstance(await _fake_resolver(-1), gql.NotFoundError)
    with pytest.raises(UnlistedErrorType, match="raised LimitExceededError"):
        await _fake_resolver(5)
    limited = await _fake_resolver_with_limit(5)
    assert isinstance(limited, gql.LimitExceededError) and limited.limit == 3


def test_the_decorator_needs_a_result_union_with_errors() -> None:
    async def no_union() -> FakePayload:
        return FakePayload(ok=True)

    with pytest.raises(TypeError, match="must return a union"):
        errors_as_union(no_union)
