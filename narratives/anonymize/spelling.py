"""Latin spelling folds shared by the transliteration key and the cross-script shape.

Both read a lower-case Latin word the same way: ``Ou`` before a vowel is a ``w`` (Oualid ->
Walid), digraphs fold (ph -> f, ch -> sh, q -> k...), doubled letters count once and a silent
final ``-e`` / ``-h`` after a vowel goes (Amine -> amin, Raqqah -> raqqa). What remains is a
sequence of consonant runs and vowel groups; each caller turns the vowel groups into its own
classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["VOWELS", "spelling_runs"]

VOWELS = frozenset("aeiou")
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_DIGRAPHS = {
    "dsch": "j",  # German: Manbidsch, Dschamal
    "sch": "sh",
    "tch": "sh",
    "ph": "f",
    "ck": "k",
    "dj": "j",
    "ch": "sh",
    "q": "k",
    "x": "ks",
    "c": "k",
    "p": "b",  # Arabic has no p: Turkish and Persian spellings devoice b (Eyup, Idlip, Habip)
}
_DOUBLE_RE = re.compile(r"(.)\1+")
_RUN_RE = re.compile(r"(?:[aeiou]|y(?![aeiou]))+|(?:[^aeiouy]|y(?=[aeiou]))+")
# Vowel classes: a -> A, e -> E, i/y -> I, o/u/ou -> U (doubled letters are folded before,
# so ee and oo are single units by then).
_UNITS_RE = re.compile(r"ou|[aeiouy]")
_UNIT_CLASS = {"ou": "U", "a": "A", "e": "E", "i": "I", "y": "I", "o": "U", "u": "U"}


def spelling_runs(word: str, digraph_re: re.Pattern[str]) -> Iterator[tuple[bool, str]]:
    """The folded word as (is a vowel group, text) runs, ``digraph_re`` naming the letter
    groups to fold or keep whole; a vowel group is written as its classes, a repeated class
    once ("ou" -> "U", "ai" -> "AI")."""
    s = word
    if s.startswith("ou") and len(s) > 2 and s[2] in VOWELS:  # Oualid -> Walid
        s = "w" + s[2:]
    s = digraph_re.sub(lambda m: _DIGRAPHS.get(m.group(), m.group()), _SOFT_C_RE.sub("s", s))
    s = _DOUBLE_RE.sub(r"\1", s)
    # Amine -> amin, Same -> sam (silent final e); Fatimah -> fatima, Raqqah -> raqqa
    if (len(s) > 3 and s[-1] == "e" and s[-2] not in VOWELS) or (
        len(s) > 2 and s[-1] == "h" and s[-2] in VOWELS
    ):
        s = s[:-1]
    for run in _RUN_RE.findall(s):
        c = run[0]
        if c in VOWELS or (c == "y" and (len(run) == 1 or run[1] not in VOWELS)):
            units = [_UNIT_CLASS[u] for u in _UNITS_RE.findall(run)]
            yield True, "".join(u for i, u in enumerate(units) if i == 0 or units[i - 1] != u)
        else:
            yield False, run
