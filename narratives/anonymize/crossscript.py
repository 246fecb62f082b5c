"""One name in two scripts: a vault value in Arabic letters found in Latin text, and back.

"الرقة" is "Raqqa", "Mossoul" is "الموصل", "يوسف حداد" is "Youssef Haddad". Arabic script
writes consonants and long vowels only; Latin spellings add short vowels and disagree on
the rest (Mossoul / Mosul, Aicha / Aisha). So the two meet on the consonants:

- a Latin word becomes its *shape*: consonants after the usual spelling folds (q -> k,
  ch -> sh, doubled letters once), each vowel group as its classes in capitals (a -> A,
  e -> E, i/y -> I, o/u/ou -> U): "Haddad" -> "hAdAd", "Aicha" -> "AIshA";
- an Arabic word becomes a pattern over shapes: each consonant letter the Latin letters it is
  written with (ق -> k or g, ث -> th, t or s...), any short vowel between them, a long vowel
  where Arabic writes one (ا an a or e, و a u or o or the consonant w, ي an i or e or y);
- both index by the *skeleton*, the consonants alone ("hdd"), and a match is a skeleton hit
  whose shape the pattern reads.

The folds are deliberately coarse, so ``LeakScanner`` uses them only for whole vault values
and asks for enough consonants (see ``MIN_CROSS_SKELETON``).
"""

from __future__ import annotations

import functools
import itertools
import re

from .normalise import _ARABIC_CHAR_RE
from .spelling import spelling_runs

__all__ = ["MAX_SKELETONS", "arabic_reading", "latin_shape", "skeleton"]

_V = "[AEIU]*"  # any short vowel, or none
# Arabic consonants as the Latin letters (after the shape's folds) they are written with.
_CONSONANTS = {
    "\u0628": ("b", "p"),  # ب
    "\u062a": ("t",),  # ت
    "\u062b": ("th", "t", "s"),  # ث
    "\u062c": ("j", "g", "zh"),  # ج
    "\u062d": ("h",),  # ح
    "\u062e": ("kh", "h", "k"),  # خ
    "\u062f": ("d",),  # د
    "\u0630": ("dh", "d", "z", "th"),  # ذ
    "\u0631": ("r",),  # ر
    "\u0632": ("z", "s"),  # ز
    "\u0633": ("s",),  # س
    "\u0634": ("sh",),  # ش
    "\u0635": ("s",),  # ص
    "\u0636": ("d", "dh"),  # ض
    "\u0637": ("t",),  # ط
    "\u0638": ("z", "dh", "d"),  # ظ
    "\u063a": ("gh", "g", "r"),  # غ
    "\u0641": ("f",),  # ف
    "\u0642": ("k", "g"),  # ق
    "\u0643": ("k",),  # ك
    "\u0644": ("l",),  # ل
    "\u0645": ("m",),  # م
    "\u0646": ("n",),  # ن
    "\u0647": ("h",),  # ه (and the folded taa marbuta, final: a vowel)
}
_SILENT = frozenset("\u0621\u0639")  # hamza, ayn: dropped by most Latin spellings, or a vowel
_ALEF, _WAW, _YAA, _HAA = "\u0627", "\u0648", "\u064a", "\u0647"
_JOINED_BEFORE_ARTICLE = frozenset({"\u0639\u0628\u062f"})  # عبد

# Letter groups a shape folds (spelling.py) or keeps whole (kh, gh, sh, th, dh, zh).
_DIGRAPH_RE = re.compile(r"sch|tch|ph|ck|dj|ch|kh|gh|sh|th|dh|zh|q|x|c")
_LATIN_WORD_RE = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=65536)
def latin_shape(word: str) -> str | None:
    """The shape of one lower-case Latin word ("haddad" -> "hAdAd"); None if not letters."""
    if not _LATIN_WORD_RE.fullmatch(word):
        return None
    return "".join(run for _is_vowel, run in spelling_runs(word, _DIGRAPH_RE))


def skeleton(shape: str) -> str:
    """The consonants of a shape: "hAdAd" -> "hdd"."""
    return "".join(c for c in shape if c.islower())


def _slots(word: str) -> list[tuple[str, tuple[str, ...]]]:
    """An Arabic word as (regex, skeleton alternatives) slots."""
    slots: list[tuple[str, tuple[str, ...]]] = []
    last = len(word) - 1
    for i, c in enumerate(word):
        if c in _CONSONANTS and not (c == _HAA and i == last and i > 1):
            alts = _CONSONANTS[c]
            if slots and slots[-1][1] == alts:  # two of one letter: Latin writes it once
                continue
            lead = "" if i == 0 else _V
            slots.append((lead + "(?:" + "|".join(alts) + ")", alts))
        elif c == _HAA:  # final: taa marbuta or a final -ah, read as a vowel or an h
            slots.append((f"(?:{_V}[AE]|{_V}h)?", ("", "h")))
        elif (
            c == _ALEF
            and i
            and word[:i] in _JOINED_BEFORE_ARTICLE
            and word[i + 1 : i + 2] == "\u0644"
        ):
            slots.append((_V, ("",)))  # the article's alef after عبد: Abdul-, Abdel-, Abd-
        elif c == _ALEF:
            slots.append(("[AEIU]+" if i == 0 else f"{_V}[AE]{_V}", ("",)))
        elif c == _WAW:
            slots.append(("(?:w|v|U)" if i == 0 else f"(?:{_V}(?:w|v)|{_V}U{_V})", ("", "w", "v")))
        elif c == _YAA and i == last and i > 1:  # also the folded alef maksura: Salma, Mona
            slots.append((f"(?:{_V}y|{_V}[IE]{_V}|{_V}A)", ("", "y")))
        elif c == _YAA:
            slots.append(("(?:y|I)" if i == 0 else f"(?:{_V}y|{_V}[IE]{_V})", ("", "y")))
        elif c in _SILENT:
            slots.append((_V, ("",)))
        else:
            return []  # a letter this table does not know: no reading
    return slots


MAX_SKELETONS = 128


@functools.lru_cache(maxsize=16384)
def arabic_reading(word: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The pattern an Arabic word reads Latin shapes with, and its possible skeletons."""
    if not word or not _ARABIC_CHAR_RE.match(word):
        return None
    slots = _slots(word)
    if not slots:
        return None
    skeletons: set[str] = set()
    for combo in itertools.product(*(alts for _, alts in slots)):
        skeletons.add("".join(combo))
        if len(skeletons) > MAX_SKELETONS:
            return None
    pattern = re.compile("".join(regex for regex, _ in slots))
    return pattern, frozenset(skeletons)
