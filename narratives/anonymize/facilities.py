"""Named facilities from their context: guest houses, camps, mosques, prisons, checkpoints.

"the Qorvandel guest house", "the Ghaztrem camp", "the Tazrukine mosque", "Hotel Qorvandel",
"la mosquée Tazrukine", "la maison d'hôtes Qorvandel", "le camp de Ghaztrem", "die
Tazrukine-Moschee", "im Lager Ghaztrem", "مضافة أبو", "معسكر الفاروق". The name is one to
three capitalised words that are no ordinary word, title or excluded place (country, group,
major city). Camps, checkpoints, prisons and bases are places; the rest organisations.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalise import finditer_needed
from .wordlists import (
    _AR_STOPWORDS,
    _COMMON_WORDS,
    _CUE_WORDS,
    _STOPWORDS,
    _TITLES,
    _is_given_name,
)

__all__ = ["find_facilities"]

# Words that qualify a facility without naming it (a refugee camp, the army base).
_QUALIFIERS = frozenset(
    [
        "refugee",
        "refugees",
        "army",
        "military",
        "police",
        "border",
        "transit",
        "rebel",
        "regime",
        "government",
        "women",
        "youth",
        "summer",
        "boot",
        "naval",
        "air",
        "desert",
        "detention",
        "displacement",
        "idp",
    ]
)

_PLACE_HEADS = (
    r"training\s+camp|camp|checkpoint|prison|jail|base|barracks|compound|detention\s+cent(?:re|er)"
    r"|lager|ausbildungslager|trainingslager|gefangnis|kaserne|stutzpunkt|caserne|barrage"
)
_ORG_HEADS = (
    r"guest[\s\-]?house|safe[\s\-]?house|mosque|masjid|madrasa|madrassa|madrasah|madrassah"
    r"|medersa|hospital|clinic|hotel|hostel|brigade\s+(?:hq|headquarters)|headquarters"
    r"|moschee|gastehaus|mosquee|maison\s+d'hotes|maison\s+d\s+hotes|gite|auberge"
)
_WORD = r"(?:(?:[Aa]l|[Ee]l)-)?[A-Z][\w']*\w"
_NAME = rf"{_WORD}(?:[\s\-]+{_WORD}){{0,2}}"
# "the Qorvandel guest house", "die Tazrukine-Moschee": the name before the head
_AFTER_RE = re.compile(
    rf"(?<![\w'])(?P<name>{_NAME})[\s\-]+(?P<head>(?i:{_PLACE_HEADS}|{_ORG_HEADS}))(?![\w])"
)
# "Hotel Qorvandel", "la mosquée de Tazrukine", "im Lager Ghaztrem", "house of Qorvandel"
_BEFORE_RE = re.compile(
    rf"(?<![\w'])(?P<head>(?i:{_PLACE_HEADS}|{_ORG_HEADS}|house))\s+"
    r"(?:(?:of|de\s+la|du|des|de\s+l'|de|d'|von|der|al|el)\s*)?"
    rf"(?P<name>{_NAME})"
)
_AR_HEADS = {"معسكر": "place", "حاجز": "place", "مضافه": "organisation", "مقر": "organisation"}
_AR_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?P<head>" + "|".join(_AR_HEADS) + r")\s+(?P<name>(?:ابو|ام)\s+"
    r"[^\W\d_]+|[^\W\d_]+(?:\s+ال[^\W\d_]+)?)"
)


def _name_words(name: str, lower_seen: set[str], excluded: Callable[[str], bool]) -> int:
    """How many words at the end of ``name`` can be a facility's own name."""
    words = re.split(r"[\s\-]+", name)
    keep = 0
    for word in reversed(words):
        w = word.lower()
        bare = re.sub(r"^(?:al|el)-", "", w)
        if (
            w in _STOPWORDS
            or bare in _STOPWORDS
            or w in _COMMON_WORDS
            or w in _TITLES
            or w in _CUE_WORDS
            or w in _QUALIFIERS
            or len(bare) < 3
            or w in lower_seen
        ):
            break
        keep += 1
    if keep and excluded(" ".join(words[-keep:])):
        return 0
    return keep


def find_facilities(
    fold: str, norm: str, lower_seen: set[str], excluded: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """Spans of named facilities with their category ("place" or "organisation")."""
    out: list[tuple[int, int, str]] = []
    for m in _AFTER_RE.finditer(fold):
        head = m.group("head").lower()
        cat = "place" if re.fullmatch(_PLACE_HEADS, head) else "organisation"
        name = m.group("name")
        keep = _name_words(name, lower_seen, excluded)
        if not keep:
            continue
        parts = re.split(r"([\s\-]+)", name)
        drop = "".join(parts[: len(parts) - (2 * keep - 1)])
        out.append((m.start("name") + len(drop), m.end(), cat))
    for m in _BEFORE_RE.finditer(fold):
        head = m.group("head").lower()
        if head == "house" and not re.match(r"house\s+of\s", m.group(), re.I):
            continue
        cat = "place" if re.fullmatch(_PLACE_HEADS + "|house", head) else "organisation"
        name = m.group("name")
        words = re.split(r"[\s\-]+", name)
        first = words[0].lower()
        if first in _STOPWORDS or first in _COMMON_WORDS or first in lower_seen:
            continue
        # "the guest house of Ahmed Kassar": a person's house, the person detector's finding
        if _is_given_name(first):
            continue
        if len(re.sub(r"^(?:al|el)-", "", first)) < 3 or excluded(words[0]) or excluded(name):
            continue
        out.append((m.start(), m.end(), cat))
    if max(norm, default=" ") >= "\u0600":
        for m in finditer_needed(_AR_RE, norm):
            first = m.group("name").split()[0]
            if first not in ("ابو", "ام") and (first in _AR_STOPWORDS or excluded(first)):
                continue
            # what it is for, not its name: "مضافة للأرامل" (a guest house for widows)
            if first.startswith("لل"):
                continue
            out.append((m.start("head"), m.end("name"), _AR_HEADS[m.group("head")]))
    return out
