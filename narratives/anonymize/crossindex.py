"""Vault values found again in the other script: "Raqqa" for "الرقة", "يوسف حداد" for
"Youssef Haddad" (crossscript.py says how the two scripts are read together).

Only whole values, without their article, are indexed: Arabic ones by the skeletons of their
first word, as reading patterns; Latin ones by the skeleton of their first word, as shapes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .crossscript import arabic_reading, latin_shape, skeleton
from .findings import Raw
from .normalise import _ARABIC_CHAR_RE, _WORD_RE, _Doc
from .translit import _SUN_ARTICLES, _arabic_bare
from .wordlists import _AR_STOPWORDS, _COMMON_WORDS, _STOPWORDS, _is_given_name

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
_Reading = tuple[re.Pattern[str], frozenset[str]]


def _cross_adjacent(norm: str, run: Sequence[tuple[int, int, *tuple[object, ...]]]) -> bool:
    """Are the words of ``run`` (start, end, ...) next to each other, an article between?"""
    return all(_CROSS_GAP_RE.fullmatch(norm, a[1], b[0]) for a, b in itertools.pairwise(run))


def _uncommon_latin(doc: _Doc, start: int, word: str) -> bool:
    """A short reading counts only on a capitalised word that no dictionary or list of
    given names has ("Raqqa", not "Rock" or "Rick")."""
    return (
        len(word) >= 4
        and doc.fold[start].isupper()
        and word not in _COMMON_WORDS
        and word not in _STOPWORDS
        and not _is_given_name(word)
    )


class CrossIndex:
    """Whole vault values, each for the text of the other script."""

    __slots__ = ("_arabic", "_latin")

    def __init__(self) -> None:
        # Arabic values: skeleton of a Latin reading of the first word -> (patterns, category)
        self._arabic: dict[str, list[tuple[_Patterns, str]]] = {}
        # Latin values: skeleton of the first word -> (shapes, category)
        self._latin: dict[str, list[tuple[tuple[str, ...], str]]] = {}

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

    def _add_words(self, words: list[str], category: str) -> None:
        if all(_ARABIC_CHAR_RE.match(w) for w in words):
            readings = [r for r in map(arabic_reading, words) if r is not None]
            if len(readings) == len(words):
                patterns = tuple(r[0] for r in readings)
                for first in readings[0][1]:
                    entries = self._arabic.setdefault(first, [])
                    if (patterns, category) not in entries:
                        entries.append((patterns, category))
            return
        shapes = tuple(s for s in map(latin_shape, words) if s)
        if len(shapes) == len(words):
            entries_la = self._latin.setdefault(skeleton(shapes[0]), [])
            if (shapes, category) not in entries_la:
                entries_la.append((shapes, category))

    def scan(self, doc: _Doc, raw: list[Raw]) -> None:
        norm = doc.norm
        latin: list[tuple[int, int, str]] = []
        arabic: list[tuple[int, int, str, list[_Reading]]] = []
        for start, end, word in doc.words():
            if _ARABIC_CHAR_RE.match(word):
                if self._latin:
                    variants = {word, _arabic_bare(word)}
                    readings = [r for r in map(arabic_reading, variants) if r]
                    if readings:
                        arabic.append((start, end, _arabic_bare(word), readings))
            elif self._arabic and word not in _LATIN_ARTICLE_WORDS:
                shape = latin_shape(word)
                if shape:
                    latin.append((start, end, shape))
        if latin:
            self._scan_latin(doc, latin, raw)
        if arabic:
            self._scan_arabic(norm, arabic, raw)

    def _scan_latin(self, doc: _Doc, latin: list[tuple[int, int, str]], raw: list[Raw]) -> None:
        """Arabic vault values in Latin words."""
        norm = doc.norm
        for i, (start, end, shape) in enumerate(latin):
            for patterns, category in self._arabic.get(skeleton(shape), ()):
                run = latin[i : i + len(patterns)]
                if len(run) < len(patterns) or not _cross_adjacent(norm, run):
                    continue
                if not all(p.fullmatch(t[2]) for p, t in zip(patterns, run, strict=True)):
                    continue
                consonants = sum(len(skeleton(t[2])) for t in run)
                if consonants >= MIN_CROSS_SKELETON or (
                    len(run) == 1
                    and consonants == MIN_CROSS_SKELETON - 1
                    and _uncommon_latin(doc, start, norm[start:end])
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
                        shapes, category = entry
                        run = arabic[i : i + len(shapes)]
                        if len(run) < len(shapes) or not _cross_adjacent(norm, run):
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
