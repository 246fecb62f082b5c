"""The name a chat message opens with, before the words it puts to that person.

"حمودي وينك؟", "simo fin nta?", "Timo wann kommst du heim?", "Maëva tu viens ?": a message
often starts with the name of the one it speaks to, in any case and unlisted. At the start of
a message (the text, a line, after a speaker's colon or a time stamp, after an opener such as
"omg") a word that no word list knows is that name when a second-person word or a question
word follows it (data/addressee_cues.txt). Beside it, the Arabic "where is X?" of a chat:
"وين مهيار؟", "وين صارت تالا؟", and the name before its age in brackets ("يمان (١١)").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .normalise import _normalise, finditer_needed
from .translit import arabizi_fold
from .vocatives import called_word
from .wordlists import (
    _AR_COMMON,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _ARABIZI_CUES,
    _ARABIZI_WORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _KIN_LABEL_WORDS,
    _NOT_NAMES,
    _RELIGIOUS_WORDS,
    _STOPWORDS,
    _TITLES,
    keyed,
)

__all__ = ["find_addressees"]

_CUES = keyed("addressee_cues.txt")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


# the start of a message: the text, a line, a speaker's colon, a chat time stamp
_START = r"(?:^|(?<=\n)|(?<=[:\]])[ \t]+)[ \t]*"
# an emoji or two between the name and what is said to them ("هلا نوّارة 🌸 وينك")
_SYMBOLS = r"(?:[^\w\s]{1,4}[ \t]+)?"
_OPENER = rf"(?:(?:{_alt(_CUES['openers'])})[ \t,!]+)?"
_AR_OPENER = rf"(?:(?:{_alt(_CUES['openers_arabic'])})[ \t،,!]+)?"
_LATIN_RE = re.compile(
    rf"{_START}{_OPENER}(?P<n>[a-z\u00df-\u00ff235-9][a-z0-9\u00df-\u00ff]{{2,15}})[ \t]*[,!]?[ \t]+{_SYMBOLS}"
    rf"(?:{_alt(_CUES['latin'])})(?![\w'])",
    re.M,
)
# the one greeted: "kifak toufic?", "salam sherine, ana doaa", "abi mert nerdesin"
_GREETED_RE = re.compile(
    rf"{_START}(?:{_alt(_CUES['greetings'])})[ \t,]+"
    r"(?P<n>[a-z\u00df-\u00ff235-9][a-z0-9\u00df-\u00ff]{2,15})"
    rf"(?=[ \t]*(?:[?!,.؟،]|$)|[ \t]+(?:{_alt(_CUES['latin'])})(?![\w']))",
    re.M,
)
_AR_RE = re.compile(
    rf"{_START}{_AR_OPENER}(?P<n>[\u0621-\u064a]{{3,12}})[ \t]*[،,!]?[ \t]+{_SYMBOLS}"
    rf"(?:{_alt(_CUES['arabic'])})(?![\u0621-\u064a])",
    re.M,
)
# where someone is, went or was: never the name asked after
_AR_BEING = frozenset(_normalise(w) for w in _CUES["being_arabic"])
# "وين مهيار؟", "وين صارت تالا؟": one word between وين (and a verb of being) and the question mark
_AR_WHERE_RE = re.compile(
    rf"(?<![\u0621-\u064a])وين[ \t]+(?:(?:{_alt(sorted(_AR_BEING, key=len, reverse=True))})[ \t]+)?"
    r"(?P<n>[\u0621-\u064a]{3,12})[ \t]*[؟?]"
)


# a name with its age in brackets, as a list of children writes it: "الأولاد: يمان (١١)، تيم (٧)"
_AR_AGE_RE = re.compile(
    r"(?<![\u0621-\u064a])(?P<n>[\u0621-\u064a]{3,12})[ \t]?\((?:[1-9]|[1-9]\d)\)"
)


# (a cue is no name itself: "Mama: wen bist du?", arabizi's "where" before German "bist")
_LATIN_CUES = frozenset(_CUES["latin"]) | frozenset(_CUES["greetings"])


def _latin_unknown(word: str) -> bool:
    if called_word(word) or word in _LATIN_CUES:
        return False
    if not word.isalpha():
        return arabizi_fold(word) is not None and word not in _ARABIZI_WORDS
    return not (
        word in _STOPWORDS
        or word in _COMMON_WORDS
        or word in _COMMON_DE_FR
        or word in _TITLES
        or word in _CUE_WORDS
        or word in _RELIGIOUS_WORDS
        or word in _ARABIZI_WORDS
        or word in _ARABIZI_CUES
        or word in _NOT_NAMES
        # a kin term the message speaks to: "labas yemma", "wach rak khouya"
        or word in _KIN_LABEL_WORDS
    )


def _arabic_unknown(word: str) -> bool:
    if word in _AR_STOPWORDS or called_word(word):
        return False
    if word.startswith("ال") and word not in _AR_GIVEN_SET:  # آلاء folds to الاء
        return False
    return word not in _AR_COMMON or word in _AR_GIVEN_SET


def find_addressees(norm: str, excluded: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """Spans (in ``norm``) of the names chat messages open with or ask after."""
    for rx in (_LATIN_RE, _GREETED_RE):
        for m in finditer_needed(rx, norm):
            word = m.group("n")
            if _latin_unknown(word) and not excluded(word):
                yield m.span("n")
    if max(norm, default=" ") >= "\u0621":  # (the regexes below need an Arabic letter)
        for rx in (_AR_RE, _AR_WHERE_RE, _AR_AGE_RE):
            for m in finditer_needed(rx, norm):
                word = m.group("n")
                if _arabic_unknown(word) and word not in _AR_BEING and not excluded(word):
                    yield m.span("n")
