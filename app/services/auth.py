"""API keys: minting, hashing, and turning a bearer token into a principal."""

import hashlib
import secrets

from app.db.models import ApiKey
from app.domain.principal import Principal, Role

KEY_PREFIX = "cg_"


def mint_key() -> tuple[str, str, str]:
    """A new secret key, its display prefix and its stored hash."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    return secret, secret[:10], hash_key(secret)


def hash_key(secret: str) -> str:
    """SHA-256 of the key: keys are long random strings, so a fast hash suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()


async def authenticate(token: str) -> Principal | None:
    """The principal of a live API key, or None for an unknown or revoked key."""
    if not token.startswith(KEY_PREFIX):
        return None
    key = (
        await ApiKey.filter(key_hash=hash_key(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if key is None:
        return None
    role = key.user.role if key.user is not None else key.role
    return Principal(
        organization_id=key.organization_id,
        role=Role(role),
        user_id=key.user_id,
        api_key_id=key.id,
    )
