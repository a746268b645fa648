"""Who is acting: roles, actor types and the authenticated principal."""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """A user's (or service key's) role within its organization."""

    ADMIN = "admin"
    REVIEWER = "reviewer"
    VIEWER = "viewer"


class Availability(StrEnum):
    """Whether a reviewer receives new cases."""

    AVAILABLE = "available"
    BUSY = "busy"
    UNAVAILABLE = "unavailable"


class ActorType(StrEnum):
    """Who performed a change, as recorded on cases and in the event log."""

    USER = "user"
    API_KEY = "api-key"
    WORKFLOW_RUN = "workflow-run"
    ASSIGNMENT_POLICY = "assignment-policy"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """An actor pair: type plus the id of the user, key, run or policy."""

    type: ActorType
    id: str


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a service: organization, role, and the key/user behind it."""

    organization_id: int
    role: Role
    user_id: int | None = None
    api_key_id: int | None = None
    actor_override: Actor | None = None

    @property
    def actor(self) -> Actor:
        """The actor pair recorded for changes this principal makes."""
        if self.actor_override is not None:
            return self.actor_override
        if self.api_key_id is not None:
            return Actor(ActorType.API_KEY, str(self.api_key_id))
        if self.user_id is not None:
            return Actor(ActorType.USER, str(self.user_id))
        raise ValueError("principal has neither an API key nor a user")
