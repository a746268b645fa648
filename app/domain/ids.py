"""The public id format (Relay global ids), for code outside the GraphQL layer."""

import base64


def global_id(type_name: str, ident: int) -> str:
    """base64 of ``Type:id``: what the API shows as ``id``."""
    return base64.b64encode(f"{type_name}:{ident}".encode()).decode()
