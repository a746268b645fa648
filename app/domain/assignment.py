"""Assignment policy names (the engine that applies them builds on these)."""

from enum import StrEnum


class AssignmentPolicy(StrEnum):
    """Who receives a new case of a template."""

    MANUAL = "manual"
    INQUIRY_CREATOR = "inquiry_creator"
    CASE_CREATOR = "case_creator"
    ROUND_ROBIN = "round_robin"
    FEWEST_CASES = "fewest_cases"
