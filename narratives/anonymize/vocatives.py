"""The name after a vocative in chat: "ya 7amoudi wenak??", "shu ya sarsoura", "يا بسوم شو صار".

Arabic calls a person with يا / ya, and chat does it all the time; what follows is a name
unless it is one of the words people are called by (يا رب، يا جماعة، ya 5ayye, ya habibi) or
an exclamation (يا ريت، يا حرام، ya salam). Lists: data/vocative_words.txt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Raw
from .normalise import _normalise, finditer_needed, prev_word
from .translit import arabizi_fold
from .wordlists import (
    _AR_COMMON,
    _AR_STOPWORDS,
    _ARABIZI_CUES,
    _ARABIZI_WORDS,
    _COMMON_WORDS,
    _KIN_LABEL_WORDS,
    _STOPWORDS,
    _TITLES,
    _WORD_NAMES,
    keyed,
)

__all__ = ["called_word", "drop_called_words", "find_vocative_names"]

_LISTS = keyed("vocative_words.txt")
# (and the kin words a chat labels its writers with: "ya ommi", "يا خالي")
_AR_NOT = frozenset(_normalise(w) for w in _LISTS["arabic"]) | _KIN_LABEL_WORDS
_LATIN_NOT = frozenset(_LISTS["latin"]) | _KIN_LABEL_WORDS
_VOCATIVES = frozenset({"يا", "ya", "yaa", "yaaa"})
_ENDEARING_AFTER = frozenset(_normalise(w) for w in _LISTS["after"])
_NEXT_WORD_RE = re.compile(r"[ \t]+(\w+)")

# يا + one word; ya / yaa + one word (not "see ya", "love ya": English "you" comes after a verb)
_AR_VOC_RE = re.compile(
    r"(?<![\u0621-\u064a])يا[ \t]+(?P<n>[\u0621-\u064a]{3,})(?![\u0621-\u064a])"
)
_LATIN_VOC_RE = re.compile(
    r"(?<![\w'])(?<!see )(?<!love )(?<!told )(?<!thank )(?<!thanks )(?<!miss )(?<!get )"
    r"ya+[ \t]+(?P<n>[a-z0-9]*[a-z][a-z0-9]{2,})(?![\w'])"
)


def called_word(word: str) -> bool:
    """Is ``word`` one that people are called by, or an exclamation (يا رب، ya 5ayyo)?"""
    return word in _AR_NOT or word in _LATIN_NOT


def _arabic_name(word: str) -> bool:
    return (
        word not in _AR_STOPWORDS
        and word not in _AR_NOT
        and not word.startswith("ال")
        and not (word[0] in "وف" and word[1:] in _AR_NOT)
    )


def _latin_name(word: str) -> bool:
    if word in _LATIN_NOT or word in _ARABIZI_WORDS or word in _ARABIZI_CUES:
        return False
    if word.isalpha():
        return word not in _STOPWORDS and word not in _COMMON_WORDS and word not in _TITLES
    return arabizi_fold(word) is not None  # 7amoudi, 3abood, mi7o


def find_vocative_names(norm: str) -> Iterator[tuple[int, int]]:
    """Spans (in ``norm``) of the names called with يا / ya."""
    if "يا" in norm:
        for m in finditer_needed(_AR_VOC_RE, norm):
            if _arabic_name(m.group("n")):
                yield m.span("n")
    if "ya" in norm:
        for m in finditer_needed(_LATIN_VOC_RE, norm):
            if _latin_name(m.group("n")):
                yield m.span("n")


def drop_called_words(norm: str, raw: list[Raw]) -> None:
    """Take back the generic person findings that are words people are called by after a
    vocative ("ya rabi", "يا خال": a name list also holds Rabi and Khal), and the word of an
    endearment before "my eye", "my heart" ("ya noor 3eyni")."""
    if "يا" not in norm and "ya" not in norm:
        return
    keep = []
    for r in raw:
        if r[2] == "person" and not r[3] and prev_word(norm, r[0]) in _VOCATIVES:
            words = norm[r[0] : r[1]].split()
            after = _NEXT_WORD_RE.match(norm, r[1])
            if (
                len(words) == 1
                and after
                and after.group(1) in _ENDEARING_AFTER
                and (words[0] in _WORD_NAMES or words[0] in _AR_COMMON)
            ):
                continue  # an endearment: "ya noor 3eyni", "يا نور عيني" (not "ya Samira 3eyni")
            if words[0] in _AR_NOT or words[0] in _LATIN_NOT:
                if len(words) == 1:
                    continue
                # "يا خال مروان": the kin word goes, the name stays
                r = (norm.index(words[1], r[0] + len(words[0])), r[1], r[2], r[3])
        keep.append(r)
    raw[:] = keep
