"""A paragraph's base direction (UAX #9, rules P2 and P3)."""

from __future__ import annotations

import unicodedata


def base_direction(text: str, default: str = "ltr") -> str:
    """Paragraph base direction from the first strong character (UAX #9, P2/P3)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            return "ltr"
        if bidi in ("R", "AL"):
            return "rtl"
    return default
