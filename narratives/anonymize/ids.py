"""Identity document numbers: passports, identity cards, national numbers.

"12AB34567", "P1234567", "passport number 123456789", "carte d'identité n° 0912345",
"Ausweisnummer L01X00T47", "رقم جواز السفر 1234567". A token of capital letters and digits
(at least six characters, three digits and a letter) is one on its own; after a cue (passport,
ID, numéro, رقم جواز, هوية) any token of five digits or more is.
"""

from __future__ import annotations

import re

from .normalise import _normalise, finditer_needed

__all__ = ["find_ids"]

# Upper-case letters and digits only: arabizi (lower case, "mo3askar") is no document number.
_TOKEN_RE = re.compile(r"(?<![\w\-/.])(?=(?:[A-Z]*\d){3})(?=\d*[A-Z])[A-Z0-9]{6,20}(?![\w\-/])")
_CUES = (
    r"passport|passeport|reisepass|pass|id|identity\s+card|id\s+card|identity|national\s+id"
    r"|national\s+insurance|social\s+security|carte\s+d'identite|carte\s+nationale|cni"
    r"|personalausweis|ausweis|ausweisnummer|passnummer|identifiant|matricule|numero|nummer"
    r"|"
    + "|".join(_normalise(w) for w in ("جواز", "جواز السفر", "الجواز", "هوية", "الهوية", "بطاقة"))
)
_CUED_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_CUES})(?![^\W\d_])[^\S\n]*(?:[^\w\n]{{0,3}}[^\W\d_]{{1,8}}){{0,3}}[^\w\n]{{0,4}}"
    r"(?P<id>(?=(?:[a-z\-]*\d){5})[a-z0-9][a-z0-9\-]{4,24})(?![\w\-/])"
)


def find_ids(fold: str, norm: str) -> list[tuple[int, int]]:
    """Spans of document numbers (offsets into the normalised views)."""
    out = [m.span() for m in _TOKEN_RE.finditer(fold)]
    out.extend(m.span("id") for m in finditer_needed(_CUED_RE, norm))
    return out
