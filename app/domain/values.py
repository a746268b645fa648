"""The 'leave unchanged' marker for partial updates, distinct from None ('clear it')."""

from enum import Enum
from typing import Final, Literal


class Keep(Enum):
    """Sentinel type: an argument that was not given."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP
KeepType = Literal[Keep.KEEP]
