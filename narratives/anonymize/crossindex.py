"""Vault values found again in the other script: "Raqqa" for "الرقة", "يوسف حداد" for
"Youssef Haddad" (crossscript.py says how the two scripts are read together).

Whole values, without their article, are indexed: Arabic ones by the skeletons of their
first word, as reading patterns; Latin ones by the skeleton of their first word, as shapes.
Of a name, so are the parts the other script writes alone: the first and the last name (a
middle name dropped), the given and the father's name ("كريم درويش" of "Karim Darwish
Hasan"), and the surname alone ("العمراني" of "Youssef Amrani"); a part alone counts only on
a word that no dictionary or list of given names has.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .crossscript import arabic_reading, latin_shape, skeleton
from .findings import Raw
from .normalise import _ARABIC_CHAR_RE, _WORD_RE, _Doc
from .translit import _AR_ABU_CASES, _SUN_ARTICLES, _arabic_bare, arabizi_fold
from .wordlists import (
    _AR_COMMON,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _STOPWORDS,
    _is_given_name,
)

__all__ = ["MIN_CROSS_SKELETON", "CrossIndex"]

# A whole value read across scripts needs this many consonants ("Mossoul": m-s-l); one fewer
# only for a one-word value read on an uncommon capitalised word ("Raqqa": r-q).
MIN_CROSS_SKELETON = 3
_LATIN_ARTICLE_WORDS = frozenset({"al", "el", "ul", "il", "ol", *_SUN_ARTICLES})
_CROSS_GAP_RE = re.compile(
    r"[\s\-_.']{0,3}(?:(?:"
    + "|".join(sorted({"al", "el", "ul", "il", *_SUN_ARTICLES}))
    + r")[\s\-_.']{1,3})?"
)

_Patterns = tuple[re.Pattern[str], ...]
_NAME_KINDS = frozenset({"person", "kunya"})
_Reading = tuple[re.Pattern[str], frozenset[str]]


# particles Latin spellings write joined to the name after them: عبد القادر is "Abdelkader",
# بن علي is "Benali", ابو بكر is "Aboubakr"
_JOINED_PARTICLES = frozenset({"عبد", "بن", "ابن", "ابو"})


def _joined_particles(
    norm: str, arabic: list[tuple[int, int, str, list[_Reading]]]
) -> list[tuple[int, int, str, list[_Reading]]] | None:
    """The Arabic words with each particle joined to the word after it, or None if none is."""
    out: list[tuple[int, int, str, list[_Reading]]] = []
    joined = False
    i = 0
    while i < len(arabic):
        start, end = arabic[i][0], arabic[i][1]
        if (
            norm[start:end] in _JOINED_PARTICLES
            and i + 1 < len(arabic)
            and arabic[i + 1][0] - end == 1
        ):
            word = norm[start:end] + norm[arabic[i + 1][0] : arabic[i + 1][1]]
            merged = [r for r in {arabic_reading(word)} if r]
            if merged:
                out.append((start, arabic[i + 1][1], word, merged))
                joined = True
                i += 2
                continue
        out.append(arabic[i])
        i += 1
    return out if joined else None


_GIVEN = "given"  # an index entry for the given name of a vault name, alone
MIN_GIVEN_PART = 4


def _common_given(word: str) -> bool:
    """A word too common to stand alone even as the given name of a vault name: a word of
    the dictionaries or stopwords, not a given name (those are what this part is)."""
    if _ARABIC_CHAR_RE.match(word):
        forms = {word, _arabic_bare(word)}
        return min(map(len, forms)) < 3 or any(
            f in _AR_STOPWORDS or (f in _AR_COMMON and f not in _AR_GIVEN_SET) for f in forms
        )
    return (
        len(word) < MIN_GIVEN_PART
        or word in _COMMON_WORDS
        or word in _COMMON_DE_FR
        or word in _STOPWORDS
    )


def _join_particles(words: list[str]) -> list[str]:
    """An Arabic name's words with each particle joined to the next (بن علي -> بنعلي)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in _JOINED_PARTICLES and i + 1 < len(words) and _ARABIC_CHAR_RE.match(words[i]):
            out.append(words[i] + words[i + 1])
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def _cross_adjacent(norm: str, run: Sequence[tuple[int, int, *tuple[object, ...]]]) -> bool:
    """Are the words of ``run`` (start, end, ...) next to each other, an article between?"""
    return all(_CROSS_GAP_RE.fullmatch(norm, a[1], b[0]) for a, b in itertools.pairwise(run))


def _uncommon_latin(doc: _Doc, start: int, word: str, name: bool = False) -> bool:
    """A short reading counts only on a capitalised word that no dictionary or list of
    given names has ("Raqqa", not "Rock" or "Rick"); arabizi needs no capital, its digit
    letters say it is Arabic ("dar3a", "ra99a")."""
    arabizi = arabizi_fold(word) is not None
    return (
        len(word) >= 4
        and (doc.fold[start].isupper() or arabizi)
        and word not in _COMMON_WORDS
        and word not in _STOPWORDS
        # (a given name of the lists is a name too; but an arabizi word is the vault's
        # Arabic name written in Latin letters: "3omar" of عمر)
        # (nor, for a vault name, a given name: that is the name, "Youssef" of يوسف)
        and (arabizi or name or not _is_given_name(word))
    )


_AR_ARTICLE_PREFIXES = ("ال", "وال", "بال", "فال", "كال", "لل")


def _common_part(word: str) -> bool:
    """A word too common to stand for a name alone in the other script (Said, كبير, نور).

    An Arabic given name with its article is a family's name ("القدور" of "Samir Kaddour");
    without it, any "قدور" could be anyone."""
    if _ARABIC_CHAR_RE.match(word):
        forms = {word, _arabic_bare(word)}
        if min(map(len, forms)) < 3 or any(f in _AR_STOPWORDS or f in _AR_COMMON for f in forms):
            return True
        return not word.startswith(_AR_ARTICLE_PREFIXES) and any(f in _AR_GIVEN_SET for f in forms)
    return len(word) < 4 or word in _COMMON_WORDS or word in _COMMON_DE_FR or word in _STOPWORDS


class CrossIndex:
    """Whole vault values, each for the text of the other script."""

    __slots__ = ("_arabic", "_latin")

    def __init__(self) -> None:
        # Arabic values: skeleton of a Latin reading of the first word -> (patterns, category,
        # part: True for a surname alone, read only on an uncommon word; _GIVEN for a vault
        # name's given name alone, read on any word but a dictionary's)
        self._arabic: dict[str, list[tuple[_Patterns, str, bool | str]]] = {}
        # Latin values: skeleton of the first word -> (shapes, category, part)
        self._latin: dict[str, list[tuple[tuple[str, ...], str, bool | str]]] = {}

    def __bool__(self) -> bool:
        return bool(self._arabic or self._latin)

    def add(self, norm: str, category: str) -> None:
        """Index a whole value (article-free) for the text of the other script."""
        words = [w for w in _WORD_RE.findall(norm) if w not in _LATIN_ARTICLE_WORDS]
        if not words:
            return
        if len(words) >= 3:  # the other script often drops a middle name: first and last
            self._add_words([words[0], words[-1]], category)
        self._add_words(words, category)
        if category in _NAME_KINDS and len(words) >= 2:
            if len(words) >= 3:  # the given and the father's name
                self._add_words(words[:2], category)
            if not _common_part(words[-1]):  # the surname alone
                self._add_words(words[-1:], category, part=True)
            if len(words[0]) >= MIN_GIVEN_PART and not _common_given(words[0]):
                # the given name alone, as the text of the other script writes it: كريم of
                # "Karim Benali" (the vault's own script finds it alone too)
                self._add_words(words[:1], category, part=_GIVEN)
            joined = _join_particles(words)
            if joined != words:  # "Karim Benali" of كريم بن علي
                self._add_words(joined, category)
                if len(joined) >= 2 and not _common_part(joined[-1]):
                    self._add_words(joined[-1:], category, part=True)

    def _add_words(self, words: list[str], category: str, part: bool | str = False) -> None:
        if all(_ARABIC_CHAR_RE.match(w) for w in words):
            readings = [r for r in map(arabic_reading, words) if r is not None]
            if len(readings) == len(words):
                patterns = tuple(r[0] for r in readings)
                for first in readings[0][1]:
                    entries = self._arabic.setdefault(first, [])
                    if (patterns, category, part) not in entries:
                        entries.append((patterns, category, part))
            return
        shapes = tuple(s for s in map(latin_shape, words) if s)
        if len(shapes) == len(words):
            entries_la = self._latin.setdefault(skeleton(shapes[0]), [])
            if (shapes, category, part) not in entries_la:
                entries_la.append((shapes, category, part))

    def scan(self, doc: _Doc, raw: list[Raw]) -> None:
        norm = doc.norm
        latin: list[tuple[int, int, str]] = []
        arabic: list[tuple[int, int, str, list[_Reading]]] = []
        for start, end, word in doc.words():
            if "\u0600" <= word[0] <= "\u06ff":  # (an Arabic word: _ARABIC_CHAR_RE.match)
                if self._latin:
                    variants = {word, _arabic_bare(word)}
                    if variants & _AR_ABU_CASES:  # أبي حمزة, لأبي حمزة: the kunya's abu
                        variants.add("\u0627\u0628\u0648")
                    readings = [r for r in map(arabic_reading, variants) if r]
                    if readings:
                        arabic.append((start, end, _arabic_bare(word), readings))
            elif self._arabic and word not in _LATIN_ARTICLE_WORDS:
                # (arabizi with its digit letters: "7addad" is Haddad)
                shape = latin_shape(word) or latin_shape(arabizi_fold(word) or "")
                if shape:
                    latin.append((start, end, shape))
        if latin:
            self._scan_latin(doc, latin, raw)
        if arabic:
            self._scan_arabic(norm, arabic, raw)
            merged = _joined_particles(norm, arabic)
            if merged is not None:
                self._scan_arabic(norm, merged, raw)

    def _scan_latin(self, doc: _Doc, latin: list[tuple[int, int, str]], raw: list[Raw]) -> None:
        """Arabic vault values in Latin words."""
        norm = doc.norm
        for i, (start, end, shape) in enumerate(latin):
            for patterns, category, part in self._arabic.get(skeleton(shape), ()):
                run = latin[i : i + len(patterns)]
                if len(run) < len(patterns) or not _cross_adjacent(norm, run):
                    continue
                if part and not _uncommon_latin(
                    doc, start, norm[start:end], name=part == _GIVEN and category in _NAME_KINDS
                ):
                    continue
                if not all(p.fullmatch(t[2]) for p, t in zip(patterns, run, strict=True)):
                    continue
                consonants = sum(len(skeleton(t[2])) for t in run)
                if consonants >= MIN_CROSS_SKELETON or (
                    len(run) == 1
                    and consonants == MIN_CROSS_SKELETON - 1
                    and _uncommon_latin(
                        doc, start, norm[start:end], name=category in _NAME_KINDS and not part
                    )
                ):
                    raw.append((start, run[-1][1], category, True))

    def _scan_arabic(
        self, norm: str, arabic: list[tuple[int, int, str, list[_Reading]]], raw: list[Raw]
    ) -> None:
        """Latin vault values in Arabic words."""
        for i, (start, _end, bare, readings) in enumerate(arabic):
            tried: set[int] = set()
            for _pattern, skeletons in readings:
                for first in skeletons:
                    for entry in self._latin.get(first, ()):
                        if id(entry) in tried:
                            continue
                        tried.add(id(entry))
                        shapes, category, part = entry
                        run = arabic[i : i + len(shapes)]
                        if len(run) < len(shapes) or not _cross_adjacent(norm, run):
                            continue
                        if part == _GIVEN:
                            if _common_given(norm[start:_end]):
                                continue
                        elif part and _common_part(norm[start:_end]):
                            continue
                        if not all(
                            any(p.fullmatch(shape) for p, _ in t[3])
                            for shape, t in zip(shapes, run, strict=True)
                        ):
                            continue
                        consonants = sum(len(skeleton(shape)) for shape in shapes)
                        if consonants >= MIN_CROSS_SKELETON or (
                            len(run) == 1
                            and consonants == MIN_CROSS_SKELETON - 1
                            and len(bare) >= 3
                            and bare not in _AR_STOPWORDS
                        ):
                            raw.append((start, run[-1][1], category, True))
