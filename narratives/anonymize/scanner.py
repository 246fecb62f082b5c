"""The scanner: known identifiers first, then the generic detectors, then one merge.

Each pass appends its hits to one list (``findings.Raw``); ``merge`` turns them into findings:

- ``known.KnownIndex``: the vault's values in any spelling or script;
- ``contacts.scan_contacts``: e-mail addresses, handles, URLs, phone numbers;
- ``dates.scan_dates``: dates precise to the day;
- ``detectors.scan_patterns``: ages, organisations, places by context, cued names,
  facilities, document numbers, kunyas, nisbas, units, nicknames;
- ``runs.scan_words``: names and towns in runs of capitalised or Arabic words;
- in ``merge``, ``repeats``: a name found once is found wherever it recurs, and in a text
  that carries identifiers every word written as a name is read as one.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import clean_words, contacts, crossscript, gazetteer, lexicon, normalise, translit
from .arabic_runs import drop_indefinite_words
from .clean_words import drop_clean_words
from .contacts import scan_contacts
from .dates import scan_dates
from .detectors import scan_patterns
from .findings import Finding, KnownIdentifier, Raw
from .known import MIN_KNOWN_LENGTH, KnownIndex
from .lexicon import drop_common_words
from .mentions import drop_mentioned_words
from .merge import add_bracketed_spellings, merge
from .normalise import _Doc
from .runs import scan_words
from .translit import _canon_token, _latin_key, _token_readings
from .vocatives import drop_called_words
from .wordlists import _is_given_name

__all__ = ["MIN_KNOWN_LENGTH", "TOKEN_CACHES", "LeakScanner", "scan_text"]


class LeakScanner:
    """Compile once, scan many texts. Thread-safe after construction (no mutable state)."""

    def __init__(self, known: Iterable[KnownIdentifier | str] = ()) -> None:
        self._known = KnownIndex(known)

    def scan(self, text: str) -> list[Finding]:
        if not text:
            return []
        doc = _Doc(text)
        known = self._known
        raw: list[Raw] = []  # (norm start, norm end, category, known)
        known.scan(doc, raw)
        scan_contacts(doc.norm, raw, known.phones, known.contacts)
        scan_dates(doc.norm, raw, known.dates)
        scan_patterns(doc, raw)
        scan_words(doc, raw)
        drop_called_words(doc.norm, raw)
        drop_mentioned_words(doc.norm, raw)
        drop_indefinite_words(doc, raw)
        drop_common_words(doc, raw)
        drop_clean_words(doc, raw)
        add_bracketed_spellings(doc, raw)
        return merge(doc, raw)

    def scan_known(self, text: str) -> list[Finding]:
        """Only the vault identifiers (names, aliases, towns, contacts), no generic detectors."""
        if not text:
            return []
        doc = _Doc(text)
        known = self._known
        raw: list[Raw] = []
        known.scan(doc, raw)
        if known.phones or known.contacts:
            scan_contacts(doc.norm, raw, known.phones, known.contacts)
        if known.dates:
            scan_dates(doc.norm, raw, known.dates)
        return merge(doc, [r for r in raw if r[3]])


def scan_text(text: str, known: Iterable[KnownIdentifier | str] = ()) -> list[Finding]:
    return LeakScanner(known).scan(text)


# Per-token memo caches (emptied by the benchmark to time a text of all-new words).
TOKEN_CACHES = (
    _canon_token,
    _latin_key,
    _token_readings,
    _is_given_name,
    translit.arabizi_fold,
    clean_words._city_key,
    contacts.phone_readings,
    crossscript.latin_shape,
    crossscript.arabic_reading,
    gazetteer.major_place_spelling,
    lexicon.zipf,
    lexicon._name_strength,
    lexicon._german_stems,
    lexicon.german_common_noun,
    normalise._fold_unit,
    normalise._run_starts,
)
