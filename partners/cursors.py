"""Opaque, signed pagination cursors: a cursor is only ever one this API issued, for this
endpoint and ordering; anything else is refused before it is parsed."""

from __future__ import annotations

import re

from django.core import signing

# What django.core.signing emits: URL-safe base64 and ':' separators.
TOKEN_RE = re.compile(r"[A-Za-z0-9_\-:]{1,2000}")


class BadCursor(ValueError):
    """Not a cursor this API issued (forged, altered, for another endpoint, or too long)."""


def _signer(scope: str) -> signing.Signer:
    return signing.Signer(salt=f"partners.cursor:{scope}")


def sign(payload: list, *, scope: str) -> str:
    """The cursor for ``payload``: the same every time it is issued (no time stamp), so a
    page's body, and with it its ETag, does not change from one second to the next."""
    return _signer(scope).sign_object(payload)


def unsign(token: str, *, scope: str) -> list:
    """The payload of a cursor issued for ``scope``; BadCursor for anything else.

    The signature is checked before any JSON is parsed, so a forged payload (nested arrays,
    odd dates) never reaches a parser or a query.
    """
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        raise BadCursor
    try:
        payload = _signer(scope).unsign_object(token)
    except (signing.BadSignature, ValueError, RecursionError):
        # a cursor issued before cursors dropped their time stamp (its signature also holds
        # for the plain signer, over "payload:stamp", which is then no base64)
        try:
            payload = signing.loads(token, salt=f"partners.cursor:{scope}")
        except (signing.BadSignature, ValueError, RecursionError):
            raise BadCursor from None
    if not isinstance(payload, list):
        raise BadCursor
    return payload
