"""Opaque public identifiers: a type prefix and 100 random bits, nothing derived from data."""

import base64
import secrets


def public_id(prefix: str) -> str:
    """Return a new random identifier such as ``nar_4k2x…``."""
    token = base64.b32encode(secrets.token_bytes(15)).decode().lower()
    return f"{prefix}_{token}"
