"""Encryption at rest for the vault, with key rotation.

``FIELD_ENCRYPTION_KEY`` is a list of Fernet keys, newest first. The newest encrypts; every key
decrypts, so a key can be added in front, the vault re-encrypted (``rotate_vault_keys``), and
the old key then removed. Error messages never contain plaintext or ciphertext.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class VaultDecryptionError(Exception):
    """A vault value could not be decrypted with any configured key."""

    def __init__(self) -> None:
        super().__init__(
            "A vault field could not be decrypted with any key in FIELD_ENCRYPTION_KEY."
        )


@lru_cache(maxsize=4)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY holds no key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be a comma-separated list of Fernet keys "
            "(32 url-safe base64-encoded bytes each)."
        ) from exc


def _keys() -> tuple[str, ...]:
    keys = settings.FIELD_ENCRYPTION_KEY
    if isinstance(keys, str):
        keys = [keys]
    return tuple(k.strip() for k in keys if k.strip())


def encrypt(plaintext: str) -> str:
    return _multifernet(_keys()).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _multifernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise VaultDecryptionError() from None


def rotate(token: str) -> str:
    """Return the token re-encrypted under the newest key."""
    try:
        return _multifernet(_keys()).rotate(token.encode()).decode()
    except InvalidToken:
        raise VaultDecryptionError() from None


def blind_index(value: str) -> str:
    """Return a keyed hash of ``value`` for equality lookups without storing it in clear.

    Keyed by the newest encryption key, so the rotation command recomputes it as well.
    """
    key = hashlib.sha256(b"blind-index:" + _keys()[0].encode()).digest()
    normalised = " ".join(value.split()).casefold()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def key_fingerprint() -> str:
    """Return a short digest of the configured key list (not of any key on its own)."""
    return hashlib.sha256("\n".join(_keys()).encode()).hexdigest()[:16]
