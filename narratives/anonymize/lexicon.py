"""A word-frequency lexicon: a lone word read as a name on weak evidence is no finding when it is
a common ordinary word of a language the testimony may be written in.

Cues and capitals make names of long-tail words no list holds ("wesh", "belli", "ليس", "als
Lagerist", "Başka"). Here the evidence is weighed once, after every detector: a finding of a
person or a place that is one bare word (no digit, no head such as "rue" or "حي" inside its
span, no kunya or nisba), that is no vault value and is not named by its context (a field label,
"my name is", a chat turn, a kunya's head), is dropped when ``wordfreq`` counts the word as
frequent in English, French, German, Turkish or Arabic: a Zipf frequency of ZIPF_THRESHOLD, or of
ZIPF_LISTED for a word that only a broad list (weak given names, the gazetteer) holds. Names of
the curated lists win over frequency: Karim, Amal, Nour, Said stay names although they are
frequent words too.

The frequency lists come from the ``wordfreq`` package, loaded once per process on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from wordfreq import zipf_frequency

from . import german_nouns
from .findings import Raw
from .gazetteer import _gazetteer, _place_key_of
from .normalise import _Doc, _normalise
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_GIVEN_SET,
    _AR_WEAK_GIVEN,
    _ARAB_GIVEN_LATIN,
    _CUE_WORDS,
    _KIN_TURKISH,
    _STOPWORDS,
    _WEAK_GIVEN,
    _WESTERN_GIVEN,
    _WORD_NAMES,
    _is_given_name,
    german_text,
    keyed,
    phrase_alternation,
    turkish_text,
)

__all__ = ["ZIPF_LISTED", "ZIPF_THRESHOLD", "drop_common_words", "ordinary_word", "zipf"]

# Zipf frequency (log10 of occurrences per billion words) from which a word is an ordinary one:
# 3.5 is about three times in a million words. A word that only a broad list holds (the
# names-dataset and Faker first names, a spelling close to a given name, the gazetteer's 360,000
# place names, which hold Başka, Keller and ليس) is ordinary from ZIPF_LISTED, well above the
# frequency of most names (Tim 4.5 and Chris 4.8 stay names where a chat turn or "my name is"
# names them). Tuned on the dev splits.
ZIPF_THRESHOLD = 3.5
ZIPF_LISTED = 4.7
_LATIN_LANGUAGES = ("en", "fr", "de", "tr")
_WEAK_KINDS = frozenset({"person", "place"})
# one bare word: letters only (an arabizi digit, a house number or a space is other evidence)
_BARE_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_HYPHEN_WORD_RE = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]{2,})+")
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
# Arabic proclitics a cued word may carry: و, ف, ب, ل, ك ("وليس", "بنفسه")
_AR_PROCLITICS = "وفبلك"


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The word's (as written) highest Zipf frequency in the languages of its script."""
    if _ARABIC_RE.search(word):
        forms = [word]
        if len(word) > 3 and word[0] in _AR_PROCLITICS:
            forms.append(word[1:])
        return max(zipf_frequency(f, "ar", wordlist="small") for f in forms)
    return max(zipf_frequency(word, lang, wordlist="small") for lang in _LATIN_LANGUAGES)


def _arabic_forms(low: str) -> tuple[str, ...]:
    return (low, low[1:]) if len(low) > 3 and low[0] in _AR_PROCLITICS else (low,)


@functools.lru_cache(maxsize=65536)
def _name_strength(low: str) -> int:
    """2: a given name of the curated lists; 1: only in a broad list (a weak given name, a
    spelling close to a given name, a town of the gazetteer); 0: in none."""
    if _ARABIC_RE.search(low):
        forms = _arabic_forms(low)
        if any(f in _AR_GIVEN_SET for f in forms):
            return 2
        if any(f in _AR_WEAK_GIVEN for f in forms):
            return 1
    else:
        if (
            low in _WESTERN_GIVEN
            or low in _ARAB_GIVEN_LATIN
            or low in _AMBIGUOUS_NAMES
            or low in _WORD_NAMES
        ):
            return 2
        if low in _WEAK_GIVEN or _is_given_name(low):
            return 1
    return 1 if _in_gazetteer(low) else 0


def _in_gazetteer(word: str) -> bool:
    gaz = _gazetteer()
    key = _place_key_of(word)
    return key in gaz.latin or key in gaz.arabic


def ordinary_word(word: str) -> bool:
    """Is ``word`` (as written) a common ordinary word rather than a name our lists hold?"""
    strength = _name_strength(_normalise(word).lower())
    if strength == 2:
        return False
    return zipf(word) >= (ZIPF_LISTED if strength else ZIPF_THRESHOLD)


# Strong evidence in the word's context, whatever its frequency: the word names itself (a field
# label, "my name is", "اسمي"), opens a chat turn ("[09:13] liban: ..."), or is a kunya's name
# ("ام خطاب", "Abu Baba").
_NAMING = keyed("naming_cues.txt")


def _phrases(code: str) -> str:
    return phrase_alternation(_NAMING[code])


_NAMING_BEFORE_RE = re.compile(
    # (a label with a possessive ending: اسمك، اسمكم)
    rf"(?:(?<![^\W\d_])(?:{_phrases('labels')}|اسم[\u0621-\u064a]{{0,2}})[ \t]*:?"
    rf"|(?<![^\W\d_])(?:{_phrases('phrases')}|{_phrases('kunya-heads')}))[ \t]+$",
    re.IGNORECASE,
)
_TURN_BEFORE_RE = re.compile(r"(?:^|\n)[^\n\w]*(?:[\d:./, ]+[^\n\w]*)?(?:[ap]m|م|ص)?[^\n\w]*$")
_TURN_AFTER_RE = re.compile(r"[ \t]*:")


# a function word after a naming cue is no name: "اسمي ليس مهما" (my name is not important)
ZIPF_FUNCTION_WORD = 5.5


# a head before the name makes it a place: "rue X", "im Viertel X", "حي X" (place_cues.txt)
_PLACE_CUES = keyed("place_cues.txt")
_HEADS_BEFORE = frozenset(
    [w.lower() for w in _PLACE_CUES["before"]] + [_normalise(w) for w in _PLACE_CUES["ar"]]
)
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t]+(?:(?:al|el|du|de|des|la|le)[ \t\-]+)?$")
# a capital mid-sentence is evidence in a language that does not capitalise its nouns
_SENTENCE_END_RE = re.compile(r"(?:^|[.!?:;\n\"'«„“(\[\-–—])[^\w]*$")


# German inflects its capitalised nouns: a dative plural or a genitive ("mit Panzern", "mit
# Rucksäcken", "des Krieges") is a common noun when its stem is one (the ending dropped, the
# plural's umlaut undone: Rucksäcke -> Rucksack). (Compounds of common words, Chatnachricht,
# were tried too: they removed no clean text's finding on any split and cost two blind spans.)
_DE_ENDINGS = ("en", "n", "es", "s", "ern")
_UMLAUT_UNDO = str.maketrans("äöü", "aou")


def _de_zipf(word: str) -> float:
    return zipf_frequency(word, "de", wordlist="small")


def _undo_umlaut(word: str) -> str:
    i = max(word.rfind("ä"), word.rfind("ö"), word.rfind("ü"))
    return word if i < 0 else word[:i] + word[i].translate(_UMLAUT_UNDO) + word[i + 1 :]


def german_lexicon_noun(word: str) -> bool:
    """Is the capitalised ``word`` a form of a German common noun by Wiktionary's nouns
    (german_nouns.py) and no given name of the curated lists ("Sami" is both)? (Compounds
    that end in one, "Dauerschleife", were tried: they cost a blind span and removed one
    clean finding on the dev splits.)"""
    return german_nouns.common_noun(word) and _name_strength(_normalise(word).lower()) < 2


def german_hyphen_noun(word: str) -> bool:
    """Is the hyphenated ``word`` a German compound of the movement's or the language's stop
    words (stopwords.txt: Hisba, IS, Kalifat…) ending in a common noun ("Hisba-Patrouillen",
    "IS-Propaganda")? A name or a place before the hyphen makes it a name's compound
    ("Tannenbusch-Clique"), and a shop is often named so ("Handy-Doktor Nabil")."""
    *heads, tail = word.split("-")
    return (
        german_nouns.common_noun(tail)
        and _normalise(tail) not in _CUE_WORDS
        and all(h.lower() in _STOPWORDS for h in heads)
        and _name_strength(_normalise(heads[0]).lower()) < 2
    )


@functools.lru_cache(maxsize=65536)
def _german_stems(low: str) -> tuple[str, ...]:
    """The stems an inflected German noun may have (lower case), the word itself left out."""
    out: set[str] = set()
    for end in _DE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 4:
            base = low[: -len(end)]
            out.add(base)
            out.add(_undo_umlaut(base))
            for more in ("e", "er"):
                if base.endswith(more) and len(base) - len(more) >= 4:
                    out.add(_undo_umlaut(base[: -len(more)]))
    out.discard(low)
    return tuple(sorted(out))


def _plain_stem(stem: str, threshold: float) -> bool:
    return _name_strength(stem) == 0 and _de_zipf(stem) >= threshold


@functools.lru_cache(maxsize=65536)
def german_common_noun(word: str) -> bool:
    """Is the capitalised ``word`` an inflected form of a common German noun?"""
    low = word.lower()
    if not low.isalpha() or len(low) < 6:
        return False
    strength = _name_strength(_normalise(word).lower())
    if strength == 2:
        return False
    threshold = ZIPF_LISTED if strength else ZIPF_THRESHOLD
    return any(_plain_stem(stem, threshold) for stem in _german_stems(low))


def _named_in_context(
    doc: _Doc, s: int, e: int, frequency: float, german: Callable[[], bool]
) -> bool:
    norm = doc.norm
    if frequency >= ZIPF_FUNCTION_WORD:
        return _turn(norm, s, e)
    if _NAMING_BEFORE_RE.search(norm, max(0, s - 24), s):
        return True
    m = _WORD_BEFORE_RE.search(norm, max(0, s - 30), s)
    if m and m.group(1).lower() in _HEADS_BEFORE:
        return True
    word = doc.orig[doc.orig_start(s) : doc.orig_end(e)]
    if word[:1].isupper() and not _SENTENCE_END_RE.search(norm, max(0, s - 8), s) and not german():
        return True
    return _turn(norm, s, e)


def _turn(norm: str, s: int, e: int) -> bool:
    return bool(_TURN_AFTER_RE.match(norm, e)) and bool(
        _TURN_BEFORE_RE.search(norm, max(0, s - 40), s)
    )


def _german_noun_hit(doc: _Doc, s: int, e: int, cat: str, german: Callable[[], bool]) -> bool:
    """A German common noun that is no bare word of a person or a place: an organisation by an
    employer's cue ("Schulden bei Schleusern", smugglers), or a compound with a hyphen of the
    movement's words ("die Hisba-Patrouillen")."""
    if cat == "organisation":
        return bool(
            _BARE_WORD_RE.fullmatch(doc.norm, s, e)
            and german()
            and german_lexicon_noun(doc.orig[doc.orig_start(s) : doc.orig_end(e)])
        )
    word = doc.orig[doc.orig_start(s) : doc.orig_end(e)]
    return bool(
        cat in _WEAK_KINDS
        and _HYPHEN_WORD_RE.fullmatch(word)
        and word[:1].isupper()
        and german()
        and german_hyphen_noun(word)
        and not _named_in_context(doc, s, e, 0.0, german)
    )


def drop_common_words(doc: _Doc, raw: list[Raw], uncased_only: bool = False) -> None:
    """Drop the lone-word person and place findings that rest on weak evidence and are common
    ordinary words (see the module's docstring). ``uncased_only``: only words written without
    a capital (lower-case Latin, Arabic), for the words read as names only because the text
    carries identifiers (a capital there is the evidence, and often part of a shop's name)."""
    norm, orig = doc.norm, doc.orig
    german = functools.cache(lambda: german_text(norm))  # asked only for a few words
    turkish = turkish_text(orig, norm)
    keep: list[Raw] = []
    for hit in raw:
        s, e, cat, known = hit
        if known:
            keep.append(hit)
            continue
        if cat not in _WEAK_KINDS or not _BARE_WORD_RE.fullmatch(norm, s, e):
            if not _german_noun_hit(doc, s, e, cat, german):
                keep.append(hit)
            continue
        # a Turkish kin word or pronoun ("Abla:", "Ben:", "bilmiyorum abi") in a Turkish text
        if turkish and norm[s:e] in _KIN_TURKISH:
            continue
        word = orig[doc.orig_start(s) : doc.orig_end(e)]
        # a hashtag is a topic: "#أمل", "#Sabr" (hope, patience), whatever the name lists hold
        hashtag = s > 0 and norm[s - 1] == "#"
        if (
            (uncased_only and word[:1].isupper())
            or not (
                (zipf(word) >= ZIPF_THRESHOLD if hashtag else ordinary_word(word))
                or (
                    word[:1].isupper()
                    and german()
                    and (
                        (cat == "person" and german_common_noun(word)) or german_lexicon_noun(word)
                    )
                )
            )
            or _named_in_context(doc, s, e, zipf(word), german)
            # a town of the gazetteer in Latin letters after a place cue ("aus Halle"), unless a
            # function word (the Arabic gazetteer holds too many nouns: الصف, مقر)
            or (
                cat == "place"
                and not _ARABIC_RE.search(word)
                and _in_gazetteer(word)
                and zipf(word) < ZIPF_FUNCTION_WORD
            )
        ):
            keep.append(hit)
    if len(keep) != len(raw):
        raw[:] = keep
