"""Every event name: Persona's where Persona has the event. Spelled here and nowhere else."""

from enum import StrEnum


class EventName(StrEnum):
    """The name of an event in the log, in subscriptions, workflow triggers and webhooks."""

    CASE_CREATED = "case.created"
    CASE_ASSIGNED = "case.assigned"
    CASE_ASSIGNMENT_DEFERRED = "case.assignment-deferred"
    CASE_STATUS_UPDATED = "case.status-updated"
    CASE_RESOLVED = "case.resolved"
    CASE_REOPENED = "case.reopened"
    CASE_UPDATED_FIELDS = "case.updated-fields"
    CASE_UPDATED_TAGS = "case.updated-tags"
    CASE_SLA_UPDATED = "case.sla-updated"
    CASE_SLA_WARNING = "case.sla-warning"
    CASE_SLA_EXPIRED = "case.sla-expired"
    CASE_OBJECTS_ADDED = "case.objects-added"
    CASE_OBJECTS_REMOVED = "case.objects-removed"
    CASE_COMMENTED = "case.commented"
    WORKFLOW_NOTIFIED = "workflow.notified"

    INQUIRY_CREATED = "inquiry.created"
    INQUIRY_UPDATED = "inquiry.updated"
    INQUIRY_STARTED = "inquiry.started"
    INQUIRY_COMPLETED = "inquiry.completed"
    INQUIRY_FAILED = "inquiry.failed"
    INQUIRY_EXPIRED = "inquiry.expired"
    INQUIRY_MARKED_FOR_REVIEW = "inquiry.marked-for-review"
    INQUIRY_APPROVED = "inquiry.approved"
    INQUIRY_DECLINED = "inquiry.declined"

    ACCOUNT_CREATED = "account.created"
    REPORT_CREATED = "report.created"
    REPORT_READY = "report.ready"
    VERIFICATION_CREATED = "verification.created"
    TRANSACTION_CREATED = "transaction.created"

    CASE_TEMPLATE_CREATED = "case-template.created"
    CASE_TEMPLATE_UPDATED = "case-template.updated"
    CASE_TEMPLATE_ARCHIVED = "case-template.archived"

    USER_CREATED = "user.created"
    USER_AVAILABILITY_UPDATED = "user.availability-updated"
    USER_NOTIFICATIONS_READ = "user.notifications-read"
    NOTIFICATION_CREATED = "notification.created"
    TEAM_CREATED = "team.created"
    TEAM_MEMBERS_SET = "team.members-set"
    API_KEY_CREATED = "api-key.created"
    API_KEY_REVOKED = "api-key.revoked"

    WORKFLOW_CREATED = "workflow.created"
    WORKFLOW_DRAFT_UPDATED = "workflow.draft-updated"
    WORKFLOW_PUBLISHED = "workflow.published"
    WORKFLOW_PAUSED = "workflow.paused"
    WORKFLOW_RESUMED = "workflow.resumed"
