"""What every domain event is: a name, the kind of object it is about, a typed payload.

An event class is a frozen dataclass. Its fields (besides ``subject_id``) are the payload that
the log stores as JSON, that subscriptions and workflow conditions read, and that webhooks
will publish: the public contract. Grow a payload by adding a field with a default and
bumping ``payload_version``; never rename or remove a field.
"""

import dataclasses
from enum import StrEnum
from typing import Any, ClassVar


class SubjectType(StrEnum):
    """The kind of object an event is about, as the log stores it."""

    CASE = "case"
    CASE_TEMPLATE = "case_template"
    INQUIRY = "inquiry"
    ACCOUNT = "account"
    REPORT = "report"
    VERIFICATION = "verification"
    TRANSACTION = "transaction"
    USER = "user"
    TEAM = "team"
    API_KEY = "api_key"
    WORKFLOW = "workflow"
    WEBHOOK = "webhook"
    PERSONA_INTEGRATION = "persona_integration"

    @property
    def node_type(self) -> str:
        """The API's name for objects of this kind (the type of their global ids)."""
        return _NODE_TYPES[self]

    @classmethod
    def of_node_type(cls, name: str) -> "SubjectType | None":
        """The subject type whose objects the API calls ``name``, if any."""
        return _BY_NODE_TYPE.get(name)


_NODE_TYPES = {
    SubjectType.CASE: "Case",
    SubjectType.CASE_TEMPLATE: "CaseTemplate",
    SubjectType.INQUIRY: "Inquiry",
    SubjectType.ACCOUNT: "Account",
    SubjectType.REPORT: "Report",
    SubjectType.VERIFICATION: "Verification",
    SubjectType.TRANSACTION: "Transaction",
    SubjectType.USER: "User",
    SubjectType.TEAM: "Team",
    SubjectType.API_KEY: "ApiKey",
    SubjectType.WORKFLOW: "Workflow",
    SubjectType.WEBHOOK: "Webhook",
    SubjectType.PERSONA_INTEGRATION: "PersonaIntegration",
}
_BY_NODE_TYPE = {name: kind for kind, name in _NODE_TYPES.items()}

DESCRIPTION = "description"
REFERENCE = "reference"


def payload_field(
    description: str, *, ref: SubjectType | None = None, default: Any = dataclasses.MISSING
) -> Any:
    """Declare a payload field: what it means, and (for ids) the kind of object it names."""
    metadata = {DESCRIPTION: description, REFERENCE: ref}
    if isinstance(default, list | dict):
        raise TypeError("use a tuple or None as the default of a collection field")
    return dataclasses.field(default=default, metadata=metadata)


@dataclasses.dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every event class: ``event_name`` and ``subject_type`` are declared per class."""

    event_name: ClassVar[str]  # an EventName member; the registry maps it back to the class
    subject_type: ClassVar[SubjectType]
    payload_version: ClassVar[int] = 1

    subject_id: int

    @classmethod
    def upgrade(cls, payload: dict[str, Any], version: int) -> dict[str, Any]:
        """Bring a payload stored at an older ``payload_version`` to the current shape (default: as
        is; fields added later have defaults). Override when a version changes meaning."""
        return payload

    @classmethod
    def payload_fields(cls) -> tuple[dataclasses.Field[Any], ...]:
        """The payload's fields, in declaration order (everything but ``subject_id``)."""
        return tuple(f for f in dataclasses.fields(cls) if f.name != "subject_id")
