"""API key format, generation and hashing. Pure: no database.

A key reads ``cms_<prefix>_<secret>``: the 8-character prefix is kept in clear to find the
row and to show in the admin; the secret is 32 random bytes. Only the SHA-256 of the whole
key is stored: a fast hash is enough for 256 bits of entropy (no dictionary to try).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import string

KEY_RE = re.compile(r"^cms_([a-z0-9]{8})_([A-Za-z0-9_-]{43,86})$")
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def generate_key() -> tuple[str, str, str]:
    """Return ``(key, prefix, key_hash)`` for a new random key."""
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(8))
    key = f"cms_{prefix}_{secrets.token_urlsafe(32)}"
    return key, prefix, hash_key(key)


def parse_prefix(key: str) -> str | None:
    """Return the key's prefix if it is shaped like one of ours, else None."""
    match = KEY_RE.match(key)
    return match.group(1) if match else None


def matches(key: str, key_hash: str) -> bool:
    """Compare in constant time."""
    return hmac.compare_digest(hash_key(key), key_hash)
