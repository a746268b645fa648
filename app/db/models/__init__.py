"""All Tortoise models of the ``models`` app, one module per aggregate."""

from app.db.models.cases import Case, CaseComment, CaseObject
from app.db.models.events import Event
from app.db.models.idempotency import IdempotencyKey
from app.db.models.notifications import ConsumerPosition, Notification, NotificationDelivery
from app.db.models.objects import (
    OBJECT_MODELS,
    Account,
    Document,
    Inquiry,
    Report,
    Transaction,
    Verification,
)
from app.db.models.persona import PersonaAction, PersonaInboundEvent, PersonaIntegration
from app.db.models.sla import SlaTimer
from app.db.models.templates import CaseTemplate
from app.db.models.tenancy import ApiKey, Organization, Team, TeamMember, User
from app.db.models.webhooks import Webhook, WebhookDelivery
from app.db.models.workflows import Workflow, WorkflowRun, WorkflowVersion

__all__ = [
    "OBJECT_MODELS",
    "Account",
    "ApiKey",
    "Case",
    "CaseComment",
    "CaseObject",
    "CaseTemplate",
    "ConsumerPosition",
    "Document",
    "Event",
    "IdempotencyKey",
    "Inquiry",
    "Notification",
    "NotificationDelivery",
    "Organization",
    "PersonaAction",
    "PersonaInboundEvent",
    "PersonaIntegration",
    "Report",
    "SlaTimer",
    "Team",
    "TeamMember",
    "Transaction",
    "User",
    "Verification",
    "Webhook",
    "WebhookDelivery",
    "Workflow",
    "WorkflowRun",
    "WorkflowVersion",
]
