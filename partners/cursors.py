"""Opaque, signed pagination cursors: a cursor is only ever one this API issued, for this
endpoint and ordering; anything else is refused before it is parsed."""

from __future__ import annotations

import re

from django.core import signing

# What django.core.signing emits: URL-safe base64 and ':' separators.
TOKEN_RE = re.compile(r"[A-Za-z0-9_\-:]{1,2000}")


class BadCursor(ValueError):
    """Not a cursor this API issued (forged, altered, for another endpoint, or too long)."""


def sign(payload: list, *, scope: str) -> str:
    return signing.dumps(payload, salt=f"partners.cursor:{scope}")


def unsign(token: str, *, scope: str) -> list:
    """The payload of a cursor issued for ``scope``; BadCursor for anything else.

    The signature is checked before any JSON is parsed, so a forged payload (nested arrays,
    odd dates) never reaches a parser or a query.
    """
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        raise BadCursor
    try:
        payload = signing.loads(token, salt=f"partners.cursor:{scope}")
    except (signing.BadSignature, ValueError, RecursionError):
        raise BadCursor from None
    if not isinstance(payload, list):
        raise BadCursor
    return payload
