"""Statuses of workflows, their runs and the runs' steps."""

from enum import StrEnum


class WorkflowStatus(StrEnum):
    """Whether events run a workflow's published version."""

    ACTIVE = "active"
    PAUSED = "paused"  # events are ignored; no runs are created


class WorkflowRunStatus(StrEnum):
    """Where a run is: created pending, claimed running, then one of the end statuses."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"  # no route applied
    DEAD = "dead"  # raised on every attempt (WORKFLOW_RUN_MAX_ATTEMPTS); its error says why


class StepStatus(StrEnum):
    """Where one step of a run is; a pending step has not taken effect."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
