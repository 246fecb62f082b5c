"""Leak scanner: finds everything in a text that could identify a person.

Pure Python (no Django, no database, no network; the only I/O is reading the data files
beside it, once per process). The people behind these stories can be killed if identified,
so the scanner errs on the side of flagging; callers decide what to do with the findings
(block publication, redact, ask a reviewer).

Pipeline (see ``LeakScanner.scan``):

1. ``normalise``: the text is normalised once (NFKD, marks / tashkeel / tatweel / zero-width
   characters dropped, Arabic letter forms folded, Arabic-Indic digits -> ASCII, quotes and
   dashes folded, apostrophes inside words dropped). Two views share offsets: ``fold`` (case
   kept) and ``norm`` (lower case); an offset map takes any span back to the original text.
2. ``known``: known identifiers (vault records) are matched token by token through a
   transliteration key (``translit``, ``spelling``: consonant skeleton + vowel classes), across
   scripts (``crossindex``, ``crossscript``) and spelled across words; contacts by digits /
   address.
3. Generic detectors, one module per family: ``contacts`` (phones via libphonenumber, e-mail,
   handles, URLs), ``dates``, ``ages``, ``ids`` (document numbers), ``kunyas`` (kunyas,
   nisbas, units), ``cued`` (names after a cue), ``places`` (street/village context),
   ``organisations`` and ``facilities`` (schools, employers, shops), run by ``detectors``;
   ``runs`` and ``arabic_runs`` read runs of capitalised or Arabic words (given names,
   gazetteer towns). Word lists are data files (``data/``), read by ``wordlists``.
4. ``merge``: overlapping findings merge into their union, labelled by the longest
   contributor; on a tie the generic detector's category wins, so a string is labelled the
   same whether or not it is in the vault (no membership oracle). Placeholders such as
   ``[person]`` (``[personne]``, ``[شخص]``: in the text's language) are never findings.

Categories (``CATEGORIES``): person, kunya, nisba, place, organisation, unit, date, age,
phone, email, handle, url, id. Nothing here logs or raises with the scanned text in the message.
"""

from . import german_nouns
from .findings import CATEGORIES, Finding, KnownIdentifier, placeholder, redact
from .gazetteer import gazetteer_stats
from .scanner import LeakScanner, scan_text


def preload() -> dict[str, int | float]:
    """Load the data every scan may need (the gazetteer, the German nouns) once, before a
    process forks its workers, and report its size and load times."""
    return {**gazetteer_stats(), **german_nouns.stats()}


__all__ = [
    "CATEGORIES",
    "Finding",
    "KnownIdentifier",
    "LeakScanner",
    "gazetteer_stats",
    "placeholder",
    "preload",
    "redact",
    "scan_text",
]
