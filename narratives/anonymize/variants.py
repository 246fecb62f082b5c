"""Other spellings of one vault value, indexed beside it.

German writes umlauts as two letters (Özkaya / Oezkaya, Müller / Mueller) and Arabic names
its own way: ح and خ as ``ch`` (Ahmad / Achmad, Khalid / Chalid), ج as ``dsch``
(Jamal / Dschamal). The transliteration key (translit.py) folds ``ch`` like ``sh``, so these
spellings need keys of their own; they are made on the vault side only (a handful of values),
never for every word of a text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["spelling_variants"]

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
_UMLAUT_RE = re.compile("[äöüÄÖÜ]")
# back to the umlaut (not ae: Israel, Michael)
_TWO_LETTER_RE = re.compile(r"(?<=[^\W\d_])(?:oe|ue)|\b(?:Oe|Ue)(?=[^\W\d_])")
_BACK = {"oe": "ö", "ue": "ü", "Oe": "Ö", "Ue": "Ü"}
# h before a consonant (Ahmad, Mahmoud, Fahd), or kh: German ch; j / dj: German dsch
_GERMAN_H_RE = re.compile(r"(?i)(?<=[aeiou])h(?=[bdfgjklmnqrstvwz])|kh")
_GERMAN_J_RE = re.compile(r"(?i)\bd?j(?=[aeiou])")


def _german_h(m: re.Match[str]) -> str:
    return "Ch" if m.group()[0] == "K" else "ch"


def _german_j(m: re.Match[str]) -> str:
    return "Dsch" if m.group()[0].isupper() else "dsch"


def spelling_variants(value: str) -> list[str]:
    """The other spellings of ``value`` worth indexing (not ``value`` itself)."""
    if not value.isascii() and not _UMLAUT_RE.search(value):
        return []  # another script: the cross-script index reads it
    out: list[str] = []
    value = unicodedata.normalize("NFC", value)
    if _UMLAUT_RE.search(value):
        out.append(_UMLAUT_RE.sub(lambda m: _UMLAUTS[m.group()], value))
    elif _TWO_LETTER_RE.search(value):
        out.append(_TWO_LETTER_RE.sub(lambda m: _BACK[m.group()], value))
    german = _GERMAN_J_RE.sub(_german_j, _GERMAN_H_RE.sub(_german_h, value))
    if german != value:
        out.append(german)
    return [v for v in out if v != value]
