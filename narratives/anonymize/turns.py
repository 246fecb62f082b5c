"""Speakers of chat logs and transcripts: the word that opens a line before a colon.

"[10:42] dilly: u still at the warehouse?", "لمى: وين صارت تالا؟", "Konstantin: ja". A listed
given name there (the weak lists too: the turn is the cue) is a person; after a chat time stamp
any word that is no ordinary one and no label is ("[10:43] kass: nah"). Field labels (Name:,
Date:, Witness:, العمر:) and one-letter speakers (R:, Q:, س:) are no names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .normalise import _normalise
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _RELIGIOUS_WORDS,
    _STOPWORDS,
    _TITLES,
    _WEAK_GIVEN,
    _is_given_name,
)

__all__ = ["find_speakers"]

_TURN_RE = re.compile(
    r"^[ \t]*(?P<stamp>\[?\d{1,2}[:.]\d{2}(?::\d{2})?\]?[ \t]*[-–]?[ \t]*)?(?:[-–—•*>][ \t]*)?"
    r"(?P<n>[^\W\d_][^\W_]{1,20})[ \t]*:(?![/\d])",
    re.M,
)


def _ordinary(word: str) -> bool:
    return (
        word in _STOPWORDS
        or word in _COMMON_WORDS
        or word in _COMMON_DE_FR
        or word in _TITLES
        or word in _CUE_WORDS
        or word in _RELIGIOUS_WORDS
        or word in _AMBIGUOUS_NAMES
    )


def find_speakers(norm: str) -> Iterator[tuple[int, int]]:
    """Spans of speaker names that open a line of ``norm`` (the normalised text)."""
    if ":" not in norm:
        return
    for m in _TURN_RE.finditer(norm):
        word = _normalise(m.group("n"))
        if len(word) < 3:
            continue
        if "\u0600" <= word[0] <= "\u06ff":
            if word in _AR_STOPWORDS or word.startswith("ال"):
                continue
            if word in _AR_GIVEN_SET or word in _AR_WEAK_GIVEN or m.group("stamp"):
                yield m.start("n"), m.end("n")
            continue
        if _ordinary(word):
            continue
        if _is_given_name(word) or word in _WEAK_GIVEN or (m.group("stamp") and word.isalpha()):
            yield m.start("n"), m.end("n")
