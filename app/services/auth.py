"""API keys: minting, hashing, and turning a bearer token into a principal."""

import hashlib
import secrets
import time
from collections import OrderedDict

from app.db.models import ApiKey
from app.domain.principal import Principal, Role

KEY_PREFIX = "cg_"
CACHE_SECONDS = 60.0  # revocations evict at once (app/services/revocations.py)
CACHE_SIZE = 10_000

# token hash -> (principal, expiry); only live keys are cached
_cache: OrderedDict[str, tuple[Principal, float]] = OrderedDict()


def mint_key() -> tuple[str, str, str]:
    """A new secret key, its display prefix and its stored hash."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    return secret, secret[:10], hash_key(secret)


def hash_key(secret: str) -> str:
    """SHA-256 of the key: keys are long random strings, so a fast hash suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()


def forget(*, key_id: int | None = None, user_id: int | None = None) -> None:
    """Drop a (revoked) key, or every key of a user, from the authentication cache."""
    for digest, (principal, _) in list(_cache.items()):
        if (key_id is not None and principal.api_key_id == key_id) or (
            user_id is not None and principal.user_id == user_id
        ):
            del _cache[digest]


async def authenticate(token: str) -> Principal | None:
    """The principal of a live API key, or None for an unknown or revoked key. Live keys are
    cached for a minute; a revocation evicts its key from every replica's cache within a
    second, so the cache never outlives a revocation."""
    if not token.startswith(KEY_PREFIX):
        return None
    digest = hash_key(token)
    cached = _cache.get(digest)
    now = time.monotonic()
    if cached is not None and cached[1] > now:
        _cache.move_to_end(digest)
        return cached[0]
    principal = await _load(digest)
    if principal is not None:
        _cache[digest] = (principal, now + CACHE_SECONDS)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return principal


async def _load(digest: str) -> Principal | None:
    key = (
        await ApiKey.filter(key_hash=digest, revoked_at__isnull=True).select_related("user").first()
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
