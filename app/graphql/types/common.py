"""Enums, the node base class and the actor pair shared by every type."""

import base64
import dataclasses
import keyword
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Generic, Self, TypeVar, cast

import strawberry
from strawberry import relay
from strawberry.relay.utils import to_base64
from strawberry.types import get_object_definition
from tortoise.models import Model

from app.db import models
from app.domain.assignment import AssignmentPolicy
from app.domain.case_status import CaseState
from app.domain.objects import InquiryStatus, ReportStatus
from app.domain.principal import ActorType, Availability, Role
from app.domain.templates import FieldType, StatusType
from app.graphql.context import Info
from app.graphql.ids import BIG_KEYS, row_id
from app.graphql.visibility import visible

if TYPE_CHECKING:
    from app.graphql.types.tenancy import ApiKey, User


def expose_enum(cls: type[Enum], description: str, values: dict[str, str]) -> None:
    """Register a domain enum with GraphQL, describing the enum and each value."""
    strawberry.enum(cls, description=description)
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    for value in definition.values:
        value.description = values[value.name]


expose_enum(
    Role,
    "A user's role: what it may do.",
    {
        "ADMIN": "Everything, including templates, users, teams and API keys.",
        "REVIEWER": "Reads everything; works cases and records objects.",
        "VIEWER": "Reads everything; changes nothing.",
    },
)
expose_enum(
    Availability,
    "Whether a reviewer receives new cases.",
    {
        "AVAILABLE": "Receives new cases.",
        "BUSY": "Keeps assigned cases, receives no new ones.",
        "UNAVAILABLE": "Receives nothing; open cases are handed back.",
    },
)
expose_enum(
    ActorType,
    "Kind of actor that made a change.",
    {
        "USER": "A person (id: user id).",
        "API_KEY": "An API key (id: key id).",
        "WORKFLOW_RUN": "A workflow run (id: run id).",
        "ASSIGNMENT_POLICY": "A template's assignment policy (id: template id).",
        "SYSTEM": "The command line (id: cli) or a worker (e.g. id: sla, the SLA deadlines).",
    },
)
expose_enum(
    CaseState,
    "Open until an end status is entered.",
    {"OPEN": "Under review.", "RESOLVED": "In an end status; `resolution` names it."},
)
expose_enum(
    StatusType,
    "Role of a status within its template.",
    {
        "INITIAL": "New cases start here; exactly one per template.",
        "INTERMEDIATE": "A stage of the investigation.",
        "END": "A decision: entering it resolves the case.",
    },
)
expose_enum(
    FieldType,
    "Value type of a custom case field.",
    {
        "STRING": "Text.",
        "INTEGER": "A whole number.",
        "NUMBER": "Any number.",
        "BOOLEAN": "true or false.",
        "DATE": "A calendar date, YYYY-MM-DD.",
        "JSON": "Any JSON value.",
    },
)
expose_enum(
    InquiryStatus,
    "Lifecycle status of an inquiry (Persona's).",
    {
        "CREATED": "Created; the end user has not started.",
        "PENDING": "The end user started submitting.",
        "COMPLETED": "Every required check passed.",
        "FAILED": "Out of attempts.",
        "EXPIRED": "Not finished in time.",
        "NEEDS_REVIEW": "Marked for manual review.",
        "APPROVED": "Approved by a reviewer or workflow.",
        "DECLINED": "Declined by a reviewer or workflow.",
    },
)
expose_enum(
    ReportStatus,
    "Status of a report run.",
    {"PENDING": "Running.", "READY": "Finished.", "ERRORED": "Failed to run."},
)
expose_enum(
    AssignmentPolicy,
    "Who receives a new case of a template.",
    {
        "MANUAL": "Nobody until someone assigns the case.",
        "INQUIRY_CREATOR": "The user who created the first linked inquiry.",
        "CASE_CREATOR": "The user who created the case (or owns the key that did).",
        "ROUND_ROBIN": "The next member of the pool in turn.",
        "FEWEST_CASES": "The pool member with the fewest open cases.",
    },
)


M = TypeVar("M", bound=Model)
_GIVEN = frozenset({"id", "_id", "row"})
# per node type: the function from_row calls (generated, or the dataclass __init__)
_BUILDS: dict[type, Callable[[Any], Any]] = {}


def _defaults(cls: type) -> dict[str, Any] | None:
    """The defaults of the fields ``from_row`` does not give; ``None`` when a field has none
    the builder can stand for (a default factory, no default, ``__post_init__``)."""
    given = _GIVEN | set(cls.COLUMNS)  # type: ignore[attr-defined]
    if hasattr(cls, "__post_init__"):
        return None
    defaults: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name in given:
            continue
        if field.default is not dataclasses.MISSING:
            defaults[field.name] = field.default
        elif field.init or field.default_factory is not dataclasses.MISSING:
            return None
        # else a resolver's field: not an attribute, __init__ leaves it unset
    return defaults


def _builder(cls: type) -> Callable[[Any], Any]:
    """``from_row`` of one node type: generated once, it sets the instance's attributes as
    one dict (the defaults, the row's columns, the ids, the row), which is what the dataclass
    ``__init__`` sets, without its keyword handling; the global id is encoded inline, as
    ``relay.utils.to_base64`` encodes it. Column names come from the class (identifiers)."""
    type_name = get_object_definition(cls, strict=True).name
    defaults = _defaults(cls)
    columns: tuple[str, ...] = cls.COLUMNS  # type: ignore[attr-defined]
    if defaults is None or not all(c.isidentifier() and not keyword.iskeyword(c) for c in columns):

        def build(row: Any) -> Any:
            values = {name: getattr(row, name) for name in columns}
            ident = strawberry.ID(to_base64(type_name, row.pk))
            return cls(id=row.pk, _id=ident, row=row, **values)

        return build
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "put": object.__setattr__,
        "b64encode": base64.b64encode,
        "prefix": f"{type_name}:",
        "defaults": defaults,
    }
    items = "".join(f"{name!r}: row.{name}, " for name in columns)
    source = (
        "def build(row):\n"
        "    node = new(cls)\n"
        "    pk = row.pk\n"
        f"    put(node, '__dict__', {{**defaults, {items}'id': pk,\n"
        "        '_id': b64encode(f'{prefix}{pk}'.encode()).decode(), 'row': row})\n"
        "    return node\n"
    )
    exec(compile(source, f"<from_row {type_name}>", "exec"), namespace)  # the class's names
    built: Callable[[Any], Any] = namespace["build"]
    return built


@strawberry.type(description="A Node backed by one organization-scoped database row.")
class RowNode(relay.Node, Generic[M]):
    """Base of every node type (``class Case(RowNode[models.Case])``); not itself part of
    the schema. ``MODEL`` repeats the row class for loading nodes by global id."""

    MODEL: ClassVar[type[Model]]
    # scalar fields declared as plain attributes and copied from the row's attribute of the
    # same name: graphql-core reads them without a resolver call (the cheapest field there is)
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    id: relay.NodeID[int]
    row: strawberry.Private[M]
    # relay.Node's `id` field, encoded once per node and read as a plain attribute instead of
    # through relay's resolver (a resolver call per node: ~14 % of a 50-case page)
    _id: strawberry.ID = strawberry.field(
        name="id", description="The Globally Unique ID of this object"
    )

    @classmethod
    def from_row(cls, row: M) -> Self:
        """Wrap a row: the instance ``cls(id=..., _id=..., row=..., **columns)`` builds, by a
        builder generated once per type (``_builder``: a page builds ~140 nodes, and the
        dataclass ``__init__`` with its keyword handling cost three times as much)."""
        build = _BUILDS.get(cls)
        if build is None:
            build = _BUILDS[cls] = _builder(cls)
        return cast(Self, build(row))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        big = get_object_definition(cls, strict=True).name in BIG_KEYS
        ids = [row_id(node_id, big=big) or -1 for node_id in node_ids]
        rows = await info.context.loaders.rows(cls.MODEL).load_many(ids)
        principal = info.context.require_principal()
        return [
            cls.from_row(cast(M, r)) if r is not None and visible(principal, r) else None
            for r in rows
        ]


@strawberry.type(description="Who made a change: a user, an API key, a workflow run or a policy.")
class Actor:
    type: ActorType = strawberry.field(description="Kind of actor.")
    id: str = strawberry.field(description="Id of the actor within its kind.")

    @strawberry.field(description="The user who acted (directly, or through their API key).")
    async def user(
        self, info: Info
    ) -> Annotated["User", strawberry.lazy("app.graphql.types.tenancy")] | None:
        from app.graphql.types.tenancy import User

        loaders = info.context.loaders
        user_id: int | None = None
        if self.type is ActorType.USER and self.id.isdigit():
            user_id = int(self.id)
        elif self.type is ActorType.API_KEY and self.id.isdigit():
            key = await loaders.rows(models.ApiKey).load(int(self.id))
            user_id = key.user_id if key else None
        if user_id is None:
            return None
        row = await loaders.rows(models.User).load(user_id)
        return User.from_row(row) if row else None

    @strawberry.field(description="The API key that acted, when the actor is a key.")
    async def api_key(
        self, info: Info
    ) -> Annotated["ApiKey", strawberry.lazy("app.graphql.types.tenancy")] | None:
        from app.graphql.types.tenancy import ApiKey

        if self.type is not ActorType.API_KEY or not self.id.isdigit():
            return None
        row = await info.context.loaders.rows(models.ApiKey).load(int(self.id))
        if row is None or not visible(info.context.require_principal(), row):
            return None
        return ApiKey.from_row(row)


def actor_of(kind: str | None, ident: str | None) -> Actor | None:
    """An Actor from a stored (type, id) pair."""
    if kind is None or ident is None:
        return None
    return Actor(type=ActorType(kind), id=ident)
