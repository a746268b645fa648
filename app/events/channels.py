"""Broadcast channel names: spelled here and nowhere else."""


def organization_channel(organization_id: int) -> str:
    """Every committed event of one organization."""
    return f"casegraph.org.{organization_id}"
