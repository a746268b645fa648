"""Credentials encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`).

ENCRYPTION_KEY holds one or more Fernet keys, comma-separated, newest first: the first
encrypts, any decrypts (rotate by putting a new key first)."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from app.domain.errors import ValidationError


class SealError(Exception):
    """No key is configured, or a stored value does not decrypt with any configured key."""


def _box(keys: str | None) -> MultiFernet:
    parts = [k.strip() for k in (keys or "").split(",") if k.strip()]
    if not parts:
        raise SealError("ENCRYPTION_KEY is not set")
    try:
        return MultiFernet([Fernet(k) for k in parts])
    except ValueError as exc:
        raise SealError(f"ENCRYPTION_KEY is not a list of Fernet keys: {exc}") from None


def check_configured(keys: str | None, *, field: str) -> None:
    """A ValidationError naming ``field`` unless credentials can be encrypted."""
    try:
        _box(keys)
    except SealError as exc:
        raise ValidationError.of(
            field, f"cannot store credentials: {exc} on the server (see README)"
        ) from None


def seal(plain: str, keys: str | None) -> str:
    """Encrypt with the newest key."""
    return _box(keys).encrypt(plain.encode()).decode()


def unseal(token: str, keys: str | None) -> str:
    """Decrypt with any configured key."""
    try:
        return _box(keys).decrypt(token.encode()).decode()
    except InvalidToken:
        raise SealError("a stored credential does not decrypt with ENCRYPTION_KEY") from None


def new_key() -> str:
    """A fresh Fernet key."""
    return Fernet.generate_key().decode()
