"""The role x operation table: one place that says who may do what."""

from enum import StrEnum

from app.domain.errors import PermissionDeniedError
from app.domain.principal import Principal, Role


class Operation(StrEnum):
    """Every guarded operation, named as in the README's permission table."""

    READ = "read"
    WORK_CASES = "work_cases"
    MANAGE_OBJECTS = "manage_objects"
    MANAGE_TEMPLATES = "manage_templates"
    MANAGE_USERS = "manage_users"
    MANAGE_API_KEYS = "manage_api_keys"
    READ_DELIVERIES = "read_deliveries"
    MANAGE_WORKFLOWS = "manage_workflows"
    MANAGE_WEBHOOKS = "manage_webhooks"
    MANAGE_INTEGRATIONS = "manage_integrations"
    VIEW_ANALYTICS = "view_analytics"


_ALL = frozenset(Role)
_WORKERS = frozenset({Role.ADMIN, Role.REVIEWER})
_ADMINS = frozenset({Role.ADMIN})

ALLOWED: dict[Operation, frozenset[Role]] = {
    Operation.READ: _ALL,
    Operation.WORK_CASES: _WORKERS,
    Operation.MANAGE_OBJECTS: _WORKERS,
    Operation.MANAGE_TEMPLATES: _ADMINS,
    Operation.MANAGE_USERS: _ADMINS,
    Operation.MANAGE_API_KEYS: _ADMINS,
    Operation.READ_DELIVERIES: _ADMINS,
    Operation.MANAGE_WORKFLOWS: _ADMINS,
    Operation.MANAGE_WEBHOOKS: _ADMINS,
    Operation.MANAGE_INTEGRATIONS: _ADMINS,
    Operation.VIEW_ANALYTICS: _WORKERS,
}


def allowed(principal: Principal, operation: Operation) -> bool:
    """Whether the principal's role allows the operation."""
    return principal.role in ALLOWED[operation]


def may_read_notification(principal: Principal, recipient_id: int) -> bool:
    """An inbox entry is its recipient's alone."""
    return principal.user_id is not None and principal.user_id == recipient_id


def may_read_delivery(principal: Principal) -> bool:
    """Email deliveries (recipients, errors) are for admins."""
    return allowed(principal, Operation.READ_DELIVERIES)


def may_read_api_key(principal: Principal, key_id: int, owner_id: int | None) -> bool:
    """Admins see every key; others the key they use and their own keys."""
    if allowed(principal, Operation.MANAGE_API_KEYS) or principal.api_key_id == key_id:
        return True
    return owner_id is not None and principal.user_id == owner_id


def may_read_webhooks(principal: Principal) -> bool:
    """Webhooks, their secrets' metadata and deliveries are for admins."""
    return allowed(principal, Operation.MANAGE_WEBHOOKS)


def may_read_integrations(principal: Principal) -> bool:
    """Persona integrations and the calls made to Persona are for admins."""
    return allowed(principal, Operation.MANAGE_INTEGRATIONS)


def require(principal: Principal, operation: Operation) -> None:
    """Raise PermissionDeniedError unless the principal's role allows the operation."""
    if principal.role not in ALLOWED[operation]:
        raise PermissionDeniedError(
            f"role '{principal.role}' may not {operation.value.replace('_', ' ')}"
        )
