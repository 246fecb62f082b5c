"""Words no detector should read as a name, whatever cue or capital made it look like one
(data/everyday_words.txt):

- the group's institutions: "Diwan al-X", "ديوان X" (its ministries, "Diwan al-I'lam");
- the group's titles after the arabizi article: "l khalifa, l amir, l wali";
- arabizi everyday words: "hamdoulah", "yemma", "3andou" (a stem and a person ending);
- a region or a mountain with an article or a mountain word: "les Yézidis du Sinjar", "the
  Sinjar mountains";
- French "cité" as the verb after an auxiliary: "Il a cité Ibn Taymiyya" (no housing estate);
- an Arabic noun with "my" that is a plural or a feminine of the frequent words: "أنا
  وأولادي" (my children), "يا مذكرتي" (my diary), "ذكرياتي" (a name list may hold the word);
- a major city of several words in another spelling: "Dair az-Zaur", "Dayr al-Zawr" (the
  spellings of major_cities.txt compared by their consonants and vowel places).
"""

from __future__ import annotations

import functools
import re

from .findings import Raw
from .normalise import _Doc, _normalise
from .wordlists import _AR_COMMON, _AR_GIVEN_SET, _WELL_KNOWN_PLACES, keyed

__all__ = ["drop_clean_words"]

_DATA = keyed("everyday_words.txt")
_KINDS = frozenset({"person", "place", "kunya", "nisba", "organisation"})
_DIWAN_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _DATA["diwan-heads"]) + r")"
    r"(?:[ \t\-]+(?:al|el|ad|ar|as|at|ash|az|an|ul)[ \t\-']+|[ \t]+)[^\W\d_][\w']*"
)
_TITLES = frozenset(_DATA["titles"])
# where a sentence opens, a capital is no sign of a name
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?\n])[ \t]*$")
_TITLE_ARTICLE_RE = re.compile(r"(?<![\w'])(?:l|el)[ \t]+$")
_SENTENCE_WORDS = frozenset(_DATA["sentence-words"]) | frozenset(
    stem + end for stem in _DATA["stems"] for end in _DATA["endings"]
)
_ARABIZI = frozenset(_DATA["arabizi"]) | _SENTENCE_WORDS
_REGION_WORDS = frozenset(_DATA["region-words"])
_REGION_ARTICLE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _DATA["region-articles"]) + r")[ \t\-]*$"
)
_REGION_BEFORE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _DATA["region-before"]) + r")[ \t\-]+$"
)
_REGION_AFTER_RE = re.compile(
    r"[ \t]+(?:" + "|".join(re.escape(w) for w in _DATA["region-after"]) + r")(?!\w)"
)
_CITE_RE = re.compile(r"cite[ \t]+")
_CITE_VERB_BEFORE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _DATA["cite-verbs"]) + r")[ \t]+$"
)

# --- major cities of several words, in any spelling ------------------------------------------
_ARTICLES = frozenset(
    {
        "al",
        "el",
        "ez",
        "az",
        "ad",
        "ed",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "at",
        "et",
        "an",
        "en",
        "ul",
        "il",
        "l",
    }
)
_TOKEN_RE = re.compile(r"[a-z']+")
_VOWELS_RE = re.compile(r"[aeiouwy']+")


def _token_key(token: str) -> str:
    """A word's consonants with one mark for each run of vowels: Zor, Zour, Zaur, Zawr: zVr."""
    token = re.sub(r"(.)\1+", r"\1", token)
    return _VOWELS_RE.sub("V", token)


@functools.lru_cache(maxsize=65536)
def _city_key(text: str) -> str:
    tokens = [t for t in _TOKEN_RE.findall(text.lower()) if t not in _ARTICLES]
    # (an article glued to the word: "Ezzor", "Ezzour")
    tokens = [
        t[2:] if len(t) > 4 and t[:2] in ("ez", "az", "es", "as") and t[2] == t[3] else t
        for t in tokens
    ]
    return " ".join(_token_key(t) for t in tokens)


_JOIN_RE_TEXT = re.compile(r"[ \t\-]+")
_CITY_KEYS = frozenset(
    _city_key(c) for c in _WELL_KNOWN_PLACES if re.search(r"[ \-]", c) and c.isascii()
)
_CITY_NAMES = frozenset(
    _JOIN_RE_TEXT.sub(" ", _normalise(c)) for c in _WELL_KNOWN_PLACES if c.isascii()
)


def _in_city(norm: str, s: int, e: int) -> bool:
    """Is the Latin hit ``norm[s:e]`` a piece of a major city's name of several words ("Zaur" of
    "Dair az-Zaur")? (The whole name is left to the detectors: a city of origin in a field is
    still one.)"""
    a = max(0, s - 16)
    b = min(len(norm), e + 16)
    toks = [m.span() for m in re.finditer(r"[a-z']+", norm[a:b])]
    toks = [(ts + a, te + a) for ts, te in toks]
    for i, (st, _) in enumerate(toks):
        if st > s:
            break
        for j in range(i, min(i + 4, len(toks))):
            if j > i and not _JOIN_RE.fullmatch(norm, toks[j - 1][1], toks[j][0]):
                break
            end = toks[j][1]
            if end < e or (st, end) == (s, e) or j == i:
                continue
            # (a spelling the list holds is left to the detectors, which know it: "Town of
            # origin: Tal Afar" is still read there)
            cand = norm[st:end]
            if _city_key(cand) in _CITY_KEYS and _JOIN_RE.sub(" ", cand) not in _CITY_NAMES:
                return True
    return False


_JOIN_RE = re.compile(r"[ \t\-]+")
# a broken plural of the pattern أفعال (normalised: اولاد، اصحاب، احلام)
_BROKEN_PLURAL_RE = re.compile(r"ا[\u0621-\u064a]{2}ا[\u0621-\u064a]")


def _possessed_noun(word: str) -> bool:
    """Is ``word`` (normalised) a plural or a feminine noun of the frequent words with the
    suffix "my": اولادي، ذكرياتي (a plural), مذكرتي (مذكرة)? Not a name of the main list, nor a
    noun that is no plural (فتحي، حلمي، لطفي are given names)."""
    if len(word) < 5 or not word.endswith("ي") or word in _AR_GIVEN_SET:
        return False
    if not all("\u0621" <= c <= "\u064a" for c in word):
        return False
    stem = word[:-1]
    if stem.endswith("ت"):
        feminine = stem[:-1] + "ه"
        if feminine in _AR_COMMON and feminine not in _AR_GIVEN_SET:
            return True
    return (
        stem in _AR_COMMON
        and stem not in _AR_GIVEN_SET
        and (stem.endswith("ات") or _BROKEN_PLURAL_RE.fullmatch(stem) is not None)
    )


def drop_clean_words(doc: _Doc, raw: list[Raw]) -> None:
    """Drop the detectors' hits on the words of the module (vault values stay)."""
    norm = doc.norm
    diwans = (
        [m.span() for m in _DIWAN_RE.finditer(norm)] if "diwan" in norm or "ديوان" in norm else []
    )
    keep: list[Raw] = []
    for hit in raw:
        s, e, cat, known = hit
        if known or cat not in _KINDS:
            keep.append(hit)
            continue
        word = norm[s:e].strip()
        if cat == "person" and _possessed_noun(word):
            continue  # "أنا وأولادي", "يا مذكرتي"
        if diwans and any(ds <= s and e <= de for ds, de in diwans):
            continue  # "Diwan al-I'lam": the group's ministry
        if word in _TITLES and _TITLE_ARTICLE_RE.search(norm, max(0, s - 4), s):
            continue  # "l khalifa, l amir"
        if word in _ARABIZI and (
            not doc.orig[doc.orig_start(s)].isupper()
            or (word in _SENTENCE_WORDS and _SENTENCE_START_RE.search(norm, max(0, s - 4), s))
        ):
            continue  # "labas hamdoulah", "khouya 3andou 30 3am", ". Ntouma ma kountouch"
        if word in _REGION_WORDS and (
            _REGION_ARTICLE_RE.search(norm, max(0, s - 6), s)
            or _REGION_BEFORE_RE.search(norm, max(0, s - 8), s)
            or _REGION_AFTER_RE.match(norm, e)
        ):
            continue  # "les Yézidis du Sinjar", "the Sinjar mountains"
        if _CITE_RE.match(norm, s) and _cite_verb(doc, s):
            continue  # "Il a cité Ibn Taymiyya"
        if word.isascii() and _CITY_KEYS and _in_city(norm, s, e):
            continue  # "Dair az-Zaur"
        keep.append(hit)
    raw[:] = keep


def _cite_verb(doc: _Doc, s: int) -> bool:
    """Is "cité" at ``s`` the verb: an auxiliary before it (not "à", the preposition)?"""
    m = _CITE_VERB_BEFORE_RE.search(doc.norm, max(0, s - 12), s)
    if not m:
        return False
    aux = doc.orig[doc.orig_start(m.start()) : doc.orig_end(m.end())].strip()
    return aux.lower() != "à"
