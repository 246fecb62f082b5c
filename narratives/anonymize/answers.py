"""Answers to an interview's or a chat's questions about a name or an origin.

"S: chnowa esmek? J: Rim, Rim Ben Salah.", "Q: What's your name? A: Idris.", "I: Wie heißen
Sie? B: Semra Yıldız.", "س: ما اسمك؟ ج: آمنة": the first words of the answer are the name.
"S: mnin enti? J: mel Kram Ouest", "Q: Where are you from? A: From Tadif, near al-Bab": the
first words of the answer are the place, unless they name a country, a region or a major city.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalise import finditer_needed
from .wordlists import keyed, phrase_alternation

__all__ = ["find_answers"]

_CUES = keyed("answer_cues.txt")


def _phrases(code: str) -> str:
    return phrase_alternation(_CUES[code])


# the question, to its question mark, then the answer turn's label ("J:", "A -", "ج:")
_TURN = r"[^\n?؟]{0,40}[?؟]+[ \t]*\n?[ \t]*(?:[^\W\d_]{1,10}[ \t]*[:.\-–—]+[ \t]*)?"
_NAME_Q_RE = re.compile(rf"(?<![^\W\d_])(?i:{_phrases('name-question')})(?![^\W\d_]){_TURN}")
_PLACE_Q_RE = re.compile(rf"(?<![^\W\d_])(?i:{_phrases('place-question')})(?![^\W\d_]){_TURN}")
_NAME_LEAD_RE = re.compile(rf"(?i:(?:{_phrases('name-lead')})[ \t]+)?")
_PLACE_LEAD_RE = re.compile(rf"(?i:(?:{_phrases('place-lead')})[ \t]*)?")
# the answer: up to four words, to the clause's end
_LATIN_ANSWER_RE = re.compile(
    r"(?P<a>[A-Z\u00c0-\u00de][\w'\-]+(?:[ \t]+(?:(?:al|el|ben|bin|ibn|bint|de|du|van|von)[ \t\-]+)?"
    r"[A-Z\u00c0-\u00de][\w'\-]+){0,3})(?=[ \t]*(?:[,.;!?()\n]|$))"
)
_AGAIN_RE = re.compile(r"[ \t]*,[ \t]*" + _LATIN_ANSWER_RE.pattern)
_ARABIC_ANSWER_RE = re.compile(
    r"(?P<a>[\u0621-\u064a]{2,}(?:[ \t]+[\u0621-\u064a]{2,}){0,3})(?=[ \t]*(?:[،,.;!?؟()\n]|$))"
)


def find_answers(
    fold: str,
    norm: str,
    ordinary: Callable[[str], bool],
    excluded: Callable[[str], bool],
    arabic_word: Callable[[str], bool],
    given: Callable[[str], bool],
    stop: Callable[[str], bool],
) -> list[tuple[int, int, str]]:
    """(start, end, category) of the names and places that answer a question about them.
    ``ordinary(word)``: a word of any language (no name); ``excluded(name)``: a country, region,
    group or major city; ``arabic_word(word)``: an Arabic stop word or common word;
    ``given(word)``: a given name of any list (Rim, Hope: the question makes them names);
    ``stop(word)``: a function word ("Why do you ask?", "No.")."""
    out: list[tuple[int, int, str]] = []
    for rx, lead_rx, cat in (
        (_NAME_Q_RE, _NAME_LEAD_RE, "person"),
        (_PLACE_Q_RE, _PLACE_LEAD_RE, "place"),
    ):
        for q in finditer_needed(rx, fold):
            lead = lead_rx.match(fold, q.end())  # (optional: always matches)
            at = lead.end() if lead else q.end()
            m = _LATIN_ANSWER_RE.match(fold, at)
            if m:
                words = m.group("a").split()
                if stop(words[0]):
                    continue
                if cat == "place" and (excluded(m.group("a")) or all(ordinary(w) for w in words)):
                    continue
                # (a name may be a word or a country's too: Hope, Rim)
                if (
                    cat == "person"
                    and not any(given(w) for w in words)
                    and all(ordinary(w) for w in words)
                ):
                    continue
                out.append((m.start("a"), m.end("a"), cat))
                # said again in full: "Rim, Rim Ben Salah."
                again = _AGAIN_RE.match(fold, m.end("a"))
                if again and again.group("a").split()[0] == words[0]:
                    out.append((again.start("a"), again.end("a"), cat))
                continue
            m = _ARABIC_ANSWER_RE.match(norm, at)
            if m:
                words = m.group("a").split()
                if all(arabic_word(w) for w in words) or (
                    cat == "place" and excluded(m.group("a"))
                ):
                    continue
                out.append((m.start("a"), m.end("a"), cat))
    return out
