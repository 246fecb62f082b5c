"""The generic detectors that need no vault: each finds one family by its shape or its cue.

Dates (dates.py), ages and the person an age is given for (ages.py), organisations,
places by their context (places.py), names after a cue, a title or before an age (cued.py),
facilities (facilities.py), document numbers (ids.py), kunyas, nisbas and units (kunyas.py),
nicknames in quotes. Contacts and the runs of capitalised or Arabic words have their own
passes (contacts.py, runs.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .addressees import find_addressees
from .ages import find_ages
from .answers import find_answers
from .cued import find_cued_arabic_names, find_cued_names, find_names_with_age, find_titled_names
from .facilities import find_facilities
from .findings import Raw
from .gazetteer import _gazetteer, _place_key_of, major_place_spelling
from .ids import find_ids
from .kunyas import scan_kunyas
from .normalise import _Doc, _normalise, finditer_needed
from .organisations import find_organisations
from .places import find_places, find_turkish_case_places
from .turns import find_arabic_field_names, find_field_names, find_named, find_speakers
from .vocatives import find_vocative_names
from .wordlists import (
    _AMBIGUOUS_NAMES,
    _AR_COMMON,
    _AR_GIVEN_SET,
    _AR_STOPWORDS,
    _AR_WEAK_GIVEN,
    _COMMON_DE_FR,
    _COMMON_WORDS,
    _CUE_WORDS,
    _LABELS,
    _STOPWORDS,
    _TITLES,
    _WEAK_GIVEN,
    _is_given_name,
    _noun_shaped,
)

__all__ = ["scan_patterns"]

# A nickname in quotes after "known as / aka / called": known as "Tiger", surnommé « Bébé ».
_NICKNAME_RE = re.compile(
    r"(?i:kn(?:own|ow|ew|ows)\s+(?:(?:him|her|them)\s+)?as|aka|a\.k\.a\.?|called|nicknamed|alias|surnomm\w*|dit|genannt|namens)\s+"
    r"[\"']([A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)?)[\"']"
)

# ... or quoted before the verb, German and French word order: ihn „der Lange“ genannt, on
# l'appelait « le Grand », they had him down as "Tiny"
_QUOTED_BEFORE_VERB_RE = re.compile(
    r"(?<!\w)(?i:ihn|sie|mich|uns|him|her|me|l'|le|la|les|m')\s*[„\"«“‚‘']\s*"
    r"(?P<n>(?:(?i:der|die|das|le|la|the|el|al)\s+)?[A-Z\u00c0-\u00de][\w'\-]+(?:\s[A-Z][\w'\-]+)?)"
    r"\s*[“”\"»‘’']\s*(?i:genannt|gerufen|nannten|nannte|nennen|nennt|called|appelaient|appelait"
    r"|surnommaient|surnommait)(?!\w)"
)

# ... or without quotes: known locally as Junior, they called him Shorty, on l'appelait Le Gros
_BARE_NICKNAME_RE = re.compile(
    r"(?<!\w)(?i:known(?:\s+(?:locally|here|there|only))?\s+as|call(?:ed|s)?\s+(?:him|her|me|us)"
    r"|nicknamed|m'appel(?:le|lent|aient|ait)|l'appel(?:le|lent|ai(?:t|ent))|on\s+m'appel\w*"
    r"|surnomm\w*|nann(?:te|ten)\s+(?:ihn|sie|mich)|nennen\s+(?:ihn|sie|mich)|genannt)\s+"
    r"(?P<n>(?:(?:Le|La|The|Der|Die|El|Al)\s+)?[A-Z][\w'\-]+)"
)

# the place after an organisation and a comma, ending the sentence: "at Tesco, Moseley."
_BRANCH_RE = re.compile(r",\s+([A-Z][a-z]{2,}(?:[\s\-][A-Z][a-z]{2,})?)(?=\s*(?:[.;\n]|$))")
# an initial and a surname: "la mineure L. Benyoucef", "المستفيدة ف. العلي"
_INITIAL_RE = re.compile(
    r"(?<![\w.])[A-Z]\.[ \t]?(?P<s>[A-Z][a-z\u00e0-\u00ff]{2,}(?:-[A-Z][a-z\u00e0-\u00ff]+)?)(?![\w.])"
)
_AR_INITIAL_RE = re.compile(r"(?<![\u0621-\u064a.])[\u0621-\u064a]\.[ \t]?ال[\u0621-\u064a]{3,}")
# initials alone after a title or a record's role: "Mme K. (34 ans)", "Client F.A., 33", "le
# mineur L. M.", "Klientin J., 27", "السيدة ل. ع.،"
_TITLED_INITIALS_RE = re.compile(
    r"(?<!\w)(?i:mme|mlle|mrs|mr|ms|miss|m\.|frau|herr|client|cliente|klientin|klient|beneficiary"
    r"|beneficiaire|le\s+mineur|la\s+mineure|die\s+minderjahrige|der\s+minderjahrige|patient|patiente"
    r"|the\s+minor|the\s+accused|the\s+defendant|l'accuse|l'accusee|le\s+prevenu|la\s+prevenue"
    r"|die\s+beschuldigte|der\s+beschuldigte|madame|monsieur|sister|brother|soeur|frere)\.?[ \t]+"
    r"(?P<i>[A-Z]\.(?:[ \t]?[A-Z]\.){0,2})(?![\w])"
)
_AR_TITLED_INITIALS_RE = re.compile(
    r"(?<![\u0621-\u064a])(?:السيده|السيد|المستفيده|المستفيد|المتهم|المتهمه|الطفل|الطفله|القاصر)[ \t]+"
    r"(?P<i>[\u0621-\u064a]\.(?:[ \t]?[\u0621-\u064a]\.){0,2})"
)
# records write the surname first in capitals: "SMITH, John", "MÜLLER, Jens"
_SURNAME_FIRST_RE = re.compile(r"(?<![\w'])[A-Z][A-Z'\-]{2,},\s+(?P<g>[A-Z][a-z]+)(?!\w)")


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_CYRILLIC_CAPITAL_RE = re.compile("[\u0400-\u042f\u0460-\u04ff]")


def _cyrillic_names(doc: _Doc, excluded: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Capitalised Cyrillic words inside a text written mostly in other scripts: a name written
    in its own script ("Ее брат, Джохар, уехал" in a French record; "son mari Руслан Умаров"),
    unless a country or a major city (Грозный, Москва)."""
    orig = doc.orig
    cyr = len(_CYRILLIC_RE.findall(orig))
    if not cyr or cyr * 3 > sum(c.isalpha() for c in orig):
        return []
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    for s, e, w in [*doc.words(), (0, 0, "")]:
        o = doc.orig_start(s) if w else 0
        if w and _CYRILLIC_CAPITAL_RE.match(orig, o) and (not run or s - run[-1][1] <= 2):
            run.append((s, e, w))
            continue
        if run and not excluded(" ".join(x[2] for x in run)) and run[0][2] not in _STOPWORDS:
            out.append((run[0][0], run[-1][1]))
        run = [(s, e, w)] if w and _CYRILLIC_CAPITAL_RE.match(orig, o) else []
    return out


def scan_patterns(doc: _Doc, raw: list[Raw]) -> None:
    """Every generic detector but contacts, dates and the word runs, on one text."""
    norm, fold = doc.norm, doc.fold
    subjects: list[tuple[int, int]] = []
    for s, e in find_ages(norm, fold, subjects, doc.words()):
        raw.append((s, e, "age", False))
    for s, e in subjects:
        word = norm[s:e]
        if _is_given_name(word) or word in _WEAK_GIVEN or word in _AMBIGUOUS_NAMES:
            raw.append((s, e, "person", False))
    gaz = _gazetteer()

    def excluded(name: str) -> bool:
        key = _place_key_of(name)
        return key in gaz.excluded_latin or key in gaz.excluded_arabic

    organisations = find_organisations(fold, norm, doc.words(), excluded)
    for s, e in organisations:
        raw.append((s, e, "organisation", False))

    def big_city(name: str) -> bool:
        return _place_key_of(name) in gaz.big_cities_latin

    def known_town(name: str) -> bool:
        return _place_key_of(name) in gaz.latin

    for s, e in find_places(fold, norm, doc.words(), excluded, big_city, known_town):
        raw.append((s, e, "place", False))
    if doc.tr_suffixes:
        for s, e in find_turkish_case_places(
            fold, norm, doc.tr_suffixes, excluded, major_place_spelling
        ):
            raw.append((s, e, "place", False))
    if not doc.orig.isascii():
        for s, e in _cyrillic_names(doc, excluded):
            raw.append((s, e, "person", False))
    for s, e in find_cued_arabic_names(norm, excluded):
        raw.append((s, e, "person", False))
    for s, e in find_speakers(norm):
        raw.append((s, e, "person", False))
    for s, e in find_arabic_field_names(norm):
        raw.append((s, e, "person", False))
    for s, e in find_vocative_names(norm):
        raw.append((s, e, "person", False))
    for s, e in find_addressees(norm, excluded):
        raw.append((s, e, "person", False))
    seen = doc.lower_seen()

    def ordinary(word: str) -> bool:
        low = _normalise(word)
        return (
            low in _STOPWORDS
            or low in _COMMON_WORDS
            or low in _TITLES
            or low in _CUE_WORDS
            or low in _LABELS
            or low in seen
            or _noun_shaped(low)
            or excluded(word)
        )

    for _, e in organisations:  # a branch after its shop: "employed at Morrisons, Kirkstall."
        m = _BRANCH_RE.match(fold, e)
        if m and not ordinary(m.group(1)):
            raw.append((m.start(1), m.end(1), "place", False))
    if "?" in fold:

        def arabic_word(word: str) -> bool:
            return word in _AR_STOPWORDS or (
                word in _AR_COMMON and word not in _AR_GIVEN_SET and word not in _AR_WEAK_GIVEN
            )

        def given_name(word: str) -> bool:
            low = _normalise(word)
            return _is_given_name(low) or low in _WEAK_GIVEN or low in _AMBIGUOUS_NAMES

        def stop(word: str) -> bool:
            return _normalise(word) in _STOPWORDS

        for s, e, cat in find_answers(
            fold, norm, ordinary, excluded, arabic_word, given_name, stop
        ):
            raw.append((s, e, cat, False))
    for s, e in find_titled_names(fold, ordinary):
        raw.append((s, e, "person", False))
    for s, e in find_field_names(fold, ordinary):
        raw.append((s, e, "person", False))

    def named_ordinary(word: str) -> bool:
        # "Salam heißt Frieden", "Nour heißt Licht": after "heißt" a frequent German or French
        # word that is no given name is the meaning, not a name
        low = _normalise(word)
        return ordinary(word) or (low in _COMMON_DE_FR and not _is_given_name(low))

    for s, e in find_named(fold, named_ordinary):
        raw.append((s, e, "person", False))

    def excluded_or_place(word: str) -> bool:
        """A country, group or major city, or a town the gazetteer lists (Raqqa, Bochum)."""
        key = _place_key_of(word)
        return key in gaz.excluded_latin or key in gaz.latin

    def no_person(word: str) -> bool:  # "with Chechens": a demonym in the plural too
        forms = (word, word[:-1]) if word.endswith("s") else (word,)
        return any(ordinary(w) or excluded_or_place(w) for w in forms)

    for s, e in find_cued_names(fold, no_person):
        raw.append((s, e, "person", False))
    if "(" in fold or "," in fold:
        for s, e in find_names_with_age(fold, ordinary):
            raw.append((s, e, "person", False))
    for s, e, cat in find_facilities(fold, norm, seen, excluded):
        raw.append((s, e, cat, False))
    for s, e in find_ids(fold, norm):
        raw.append((s, e, "id", False))
    scan_kunyas(fold, norm, raw, excluded, gaz.excluded_arabic)
    for m in finditer_needed(_NICKNAME_RE, fold):  # (in quotes: a text without one has none)
        raw.append((m.start(1), m.end(1), "person", False))
    for m in finditer_needed(_SURNAME_FIRST_RE, fold):
        given = m.group("g").lower()
        if _is_given_name(given) or given in _WEAK_GIVEN:
            raw.append((m.start(), m.end(), "person", False))
    if "." in fold:
        for m in finditer_needed(_INITIAL_RE, fold):
            if not no_person(m.group("s")):
                raw.append((m.start(), m.end(), "person", False))
        for m in finditer_needed(_TITLED_INITIALS_RE, fold):
            raw.append((m.start("i"), m.end("i"), "person", False))
        if max(norm, default=" ") >= "\u0600":
            raw.extend(
                (m.start(), m.end(), "person", False) for m in finditer_needed(_AR_INITIAL_RE, norm)
            )
            for m in finditer_needed(_AR_TITLED_INITIALS_RE, norm):
                raw.append((m.start("i"), m.end("i"), "person", False))
    if "„" in fold or "«" in fold or '"' in fold or "“" in fold or "'" in fold:
        for m in finditer_needed(_QUOTED_BEFORE_VERB_RE, fold):
            raw.append((m.start("n"), m.end("n"), "person", False))
    for m in _BARE_NICKNAME_RE.finditer(fold):
        if not ordinary(m.group("n").split()[-1]):
            raw.append((m.start("n"), m.end("n"), "person", False))
