"""The most items each plain list field of the schema can hold.

Every list the API returns is either a connection (1-100 a page) or one of these, bounded by
the domain rule that limits it (or, for lists that only grow, by the resolver returning the
newest N). The static cost estimate multiplies through them; a test fails when the schema
gains a list field that is not declared here.
"""

from app.domain.objects import MAX_OBJECTS_PER_CASE
from app.domain.sla import MAX_PAUSED_STATUSES
from app.domain.tags import MAX_TAGS
from app.domain.templates import (
    MAX_ASSIGNMENT_TEAMS,
    MAX_ASSIGNMENT_USERS,
    MAX_FIELDS,
    MAX_NOTIFICATION_EMAILS,
    MAX_STATUSES,
)
from app.domain.webhooks import ATTEMPTS_KEPT, MAX_ENABLED_EVENTS

ANALYTICS_ROWS = 1000
RECENT = 100  # lists that only grow return their newest RECENT items
MAX_TEAM_MEMBERS = 500
MAX_STEPS = 100
MAX_PROBLEMS = 100

CONNECTION_LIST_FIELDS = frozenset({"edges", "nodes"})

LIST_MAXIMA: dict[str, int] = {
    "Account.tags": MAX_TAGS,
    "Account.cases": RECENT,
    "AssignmentExplanation.candidates": MAX_ASSIGNMENT_USERS
    + MAX_ASSIGNMENT_TEAMS * MAX_TEAM_MEMBERS,
    "Case.tags": MAX_TAGS,
    "Case.inquiries": MAX_OBJECTS_PER_CASE,
    "Case.accounts": MAX_OBJECTS_PER_CASE,
    "Case.reports": MAX_OBJECTS_PER_CASE,
    "Case.workflowRuns": RECENT,
    "CaseCreatedData.tags": MAX_TAGS,
    "CaseCreatedData.objects": MAX_OBJECTS_PER_CASE,
    "CaseObjectsAddedData.objects": MAX_OBJECTS_PER_CASE,
    "CaseObjectsRemovedData.objects": MAX_OBJECTS_PER_CASE,
    "CaseTemplate.statuses": MAX_STATUSES,
    "CaseTemplate.fieldDefinitions": MAX_FIELDS,
    "CaseTemplate.notificationEmails": MAX_NOTIFICATION_EMAILS,
    "CaseTemplate.assignmentUsers": MAX_ASSIGNMENT_USERS,
    "CaseTemplate.assignmentTeams": MAX_ASSIGNMENT_TEAMS,
    "CaseTemplateUpdatedData.changed": 20,
    "CaseUpdatedTagsData.tags": MAX_TAGS,
    "CaseUpdatedTagsData.added": MAX_TAGS,
    "CaseUpdatedTagsData.removed": MAX_TAGS,
    "Inquiry.cases": RECENT,
    "Inquiry.workflowRuns": RECENT,
    "InquiryUpdatedData.changed": 20,
    "NotificationMarkReadPayload.notifications": 100,
    "Team.members": MAX_TEAM_MEMBERS,
    "TeamCreatedData.memberIds": MAX_TEAM_MEMBERS,
    "TeamMembersSetData.added": MAX_TEAM_MEMBERS,
    "TeamMembersSetData.removed": MAX_TEAM_MEMBERS,
    "UserNotificationsReadData.notificationIds": 100,
    "ValidationError.problems": MAX_PROBLEMS,
    "Workflow.versions": RECENT,
    "WorkflowDryRun.steps": MAX_STEPS,
    "WorkflowNotifiedData.recipients": 100,
    "WorkflowRun.steps": MAX_STEPS,
    "CaseTemplate.slaPausedStatuses": MAX_PAUSED_STATUSES,
    "BusinessHours.weekdays": 7,
    "WebhookCreatedData.enabledEvents": MAX_ENABLED_EVENTS,
    "WebhookUpdatedData.changed": 20,
    "Webhook.enabledEvents": MAX_ENABLED_EVENTS,
    "WebhookDelivery.attempts": ATTEMPTS_KEPT,
    "PersonaAction.attempts": ATTEMPTS_KEPT,
    # analytics: one row per status / resolution / reviewer of the organization, one bucket
    # per day of a period of at most 366 days
    "CaseAnalytics.byStatus": ANALYTICS_ROWS,
    "CaseAnalytics.byResolution": ANALYTICS_ROWS,
    "CaseAnalytics.series": 367,
    "CaseAnalytics.byAssignee": ANALYTICS_ROWS,
    "CaseAnalytics.availability": ANALYTICS_ROWS,
}
