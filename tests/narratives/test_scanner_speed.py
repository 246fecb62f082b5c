"""The scanner's faster readings find what the slower ones found (issue 13, speed).

``prev_word`` reads the word before an offset backwards instead of running a regex at each of
40 offsets; ``finditer_at_words`` tries a cue-word pattern only where a word opens with one of
its letters. Both must give exactly what the regex did, on any text.
"""

from __future__ import annotations

import re

import pytest

from narratives.anonymize import LeakScanner, ages, merge, organisations, places
from narratives.anonymize.normalise import (
    _PREV_WORD_RE,
    _Doc,
    _run_opening,
    _word_opening_letters,
    finditer_at_words,
    finditer_needed,
    prev_word,
    required_chars,
    word_starts,
)

TEXTS = [
    "Il travaille au ma7al El Sa3ada, près de qaryat Tal Shihab, avec 7ay el Nour.",
    "kan fi ma7al kosharyt El Sa3ada w 2aryet tall el 3ajouz -- ISMHA x_ma7al Ma7al Abu Ali",
    "Sie wohnt in der Heinrich-Böll-Str. 4, ıma7al el Nasr; ſhare3 Hamra _qaryat Bab",
    "words_with_underscore - — hyphen-\nnew line\t tab 2aryet\u00a0el Bab 12-3 ١٢ ma7al",
    "",
    "a",
    "ana kint 15 sane w huwe kan 3omro 17, who is 16 and im 14 lol; whos 20",
    "Ich war 17, als er 12 war; started at 15, being only 14, ur 13, kan 19 sene",
]


def test_cue_word_patterns_are_read_as_such():
    assert _word_opening_letters(places._ARABIZI_RE) is not None
    assert _word_opening_letters(organisations._ARABIZI_RE) is not None
    assert _word_opening_letters(ages._ARABIZI_AGE_RE) is not None


def _old_prev_word(norm: str, start: int) -> str:
    m = _PREV_WORD_RE.search(norm, max(0, start - 40), start)
    return m.group(1) if m else ""


@pytest.mark.parametrize("text", TEXTS)
def test_prev_word_is_the_regex_reading(text):
    norm = _Doc(text).norm if text else text
    for at in range(len(norm) + 1):
        assert prev_word(norm, at) == _old_prev_word(norm, at)


# (ids by position: a pattern's text holds word lists built from sets, whose order differs
# between processes, and pytest-xdist needs every worker to collect the same ids)
_AT_WORD_PATTERNS = [
    places._ARABIZI_RE,
    organisations._ARABIZI_RE,
    *(rx for rx, _ in ages._SHORT_AGE_RES),
]


@pytest.mark.parametrize(
    "rx", _AT_WORD_PATTERNS, ids=[f"pattern{i}" for i in range(len(_AT_WORD_PATTERNS))]
)
@pytest.mark.parametrize("text", [t for t in TEXTS if t])
def test_finditer_at_words_finds_what_finditer_finds(rx, text):
    doc = _Doc(text)
    for view in (doc.fold, doc.norm):
        want = [(m.span(), m.groups()) for m in rx.finditer(view)]
        assert [
            (m.span(), m.groups()) for m in finditer_at_words(rx, view, word_starts(doc.words()))
        ] == want


def test_finditer_at_words_runs_any_other_pattern_as_finditer():
    doc = _Doc("abc ma7al def")
    rx = re.compile(r"a7al")  # matches inside a word: no word-opening letters
    assert _word_opening_letters(rx) is None
    assert [m.span() for m in finditer_at_words(rx, doc.norm, word_starts(doc.words()))] == [(5, 9)]


def test_arabizi_shop_and_place_still_found():
    text = "ana kunt shghal fi ma7al El Sa3ada w sakin fi 2aryet Tal Shihab"
    found = {f.text for f in LeakScanner().scan(text)}
    assert any("El Sa3ada" in t for t in found)
    assert any("Tal Shihab" in t for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "Er hörte die Reden von Abu Bakr al-Baghdadi und Abu Mohammed al-Adnani.",
        "شاهدنا كلمة أبي محمد العدناني ثم أبو بكر البغدادي",
        "x_abu bakr al baghdadi, abu-bakr al-baghdadi, Abu Bakr al-Baghdadiya",
    ],
)
def test_public_figures_by_first_word_match_the_one_alternation(text):
    doc = _Doc(text)
    want = [m.span() for m in merge._public_figures_re().finditer(doc.norm)]
    assert merge._public_figure_spans(doc) == want


def test_public_figure_is_still_no_finding_and_a_private_man_is():
    assert LeakScanner().scan("He listened to the speeches of Abu Bakr al-Baghdadi.") == []
    assert LeakScanner(["Samir Benali"]).scan("Samir Benali listened to them.")


def _package_patterns():
    import importlib
    import pkgutil

    import narratives.anonymize as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"narratives.anonymize.{info.name}")
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                yield value


def test_required_chars_reads_a_pattern():
    def clauses(pattern):
        return {"".join(sorted(c)) for c in required_chars(re.compile(pattern))}

    assert clauses(r"(?<!\w)x,\s(\d)") == {"x", ","}
    assert clauses(r"(?i:x),") == {","}  # a letter of either case
    assert clauses(r"a:|b\?") == {":?"}  # one or the other
    assert clauses(r"(?:a:)?b") == {"b"}
    assert clauses(r"[\"'](\w+)[\"']") == {"\"'"}


@pytest.mark.parametrize("text", [t for t in TEXTS if t] + ["Q: how old? A: 17, (x) @y"])
def test_no_pattern_matches_a_text_without_its_required_chars(text):
    doc = _Doc(text)
    for rx in _package_patterns():
        for view in (doc.fold, doc.norm):
            assert list(finditer_needed(rx, view)) or not list(rx.finditer(view))


# A text long enough for finditer_needed to try a word-opening pattern only where a run opens
# (below 2,000 characters it runs finditer): every script, digits glued to letters ("3january",
# "12ayar"), underscores, the case-folding letters ("ſ", "K", "ı").
_LONG_TEXT = "\n".join(
    [
        *TEXTS,
        "Born 3january 1990 in Ar-Raqqa; 12ayar 2015, 7aziran, le 5 mai 2016, am 3. März 2017",
        "Il est né le 14 juillet 1988 à Tal Abyad. Er wurde am 1. Mai 2000 in Köln geboren.",
        "ولد في ١٤ تموز ١٩٨٨ في حي الفردوس، شارع النصر. كان عمري ١٧ سنة. غرة رمضان ١٤٣٦",
        "_x_June, K\u212aarim, \u017fhare3, ıstanbul, Straße 4, mr_ahmed@example.org @abu_x",
        "started at 15, being only 14, became a nurse at 22, joined at 16; wurde er 18 war ich 17",
    ]
    * 12
)


def test_long_text_is_long_enough():
    assert len(_LONG_TEXT) > 2000


@pytest.mark.parametrize("view", ["orig", "fold", "norm"])
def test_finditer_needed_on_a_long_text_finds_what_finditer_finds(view):
    doc = _Doc(_LONG_TEXT)
    text = {"orig": _LONG_TEXT, "fold": doc.fold, "norm": doc.norm}[view]
    tried = 0
    for rx in _package_patterns():
        if _run_opening(rx) is not None:
            tried += 1
        want = [(m.span(), m.groups()) for m in rx.finditer(text)]
        assert [(m.span(), m.groups()) for m in finditer_needed(rx, text)] == want, rx.pattern[:80]
    assert tried > 50  # the word-opening readings were taken
