"""Regenerate narratives/anonymize/data/given_names_more.txt from Faker's person providers.

Run: .venv/bin/python bench/scanner_names.py   (Faker is a test dependency; the scanner reads
only the data file it writes). First names of the locales testimony here comes from, folded to
lower-case ASCII, minus ordinary words, titles, countries, major cities and the names the
scanner already lists.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfiles import faker_first_names, write_word_file

from narratives.anonymize import wordlists as wl
from narratives.anonymize.gazetteer import _gazetteer, _place_key_of
from narratives.anonymize.normalise import _normalise

LOCALES = [
    "en_GB",
    "en_US",
    "en_IE",
    "en_PK",
    "en_IN",
    "en_NG",
    "fr_FR",
    "fr_BE",
    "fr_DZ",
    "de_DE",
    "de_AT",
    "nl_NL",
    "nl_BE",
    "tr_TR",
    "az_AZ",
    "sv_SE",
    "da_DK",
    "de_CH",
    "de_LU",
    "fr_CH",
    "fr_CA",
    "en_NZ",
    "en_KE",
    "it_IT",
    "es_ES",
    "pt_PT",
    "pl_PL",
    "hr_HR",
    "sl_SI",
    "cs_CZ",
    "sk_SK",
    "ro_RO",
    "ha_NG",
    "ig_NG",
    "yo_NG",
    "tw_GH",
    "sw",
]
OUT = Path(wl.__file__).parent / "data" / "given_names_more.txt"
# Ordinary words of these languages (Faker's lorem lists) are not taken as names either, nor
# these English words and arabizi function words.
LOREM = ["en_US", "fr_FR", "de_DE", "nl_NL", "da_DK"]
NOT_NAMES = {
    "angel",
    "chase",
    "dale",
    "glen",
    "hunter",
    "lee",
    "tan",
    "kent",
    "bas",
    "ana",
    "enno",
    "inno",
    "baby",
}


def main() -> None:
    names = faker_first_names(LOCALES)
    gaz = _gazetteer()
    known = wl._ARAB_GIVEN_LATIN | wl._WESTERN_GIVEN
    skip = (
        (wl._STOPWORDS | wl._COMMON_WORDS | wl._NOT_NAMES | wl._AMBIGUOUS_NAMES | wl._TITLES)
        | wl._NAME_PARTICLES
        | NOT_NAMES
    )
    for loc in LOREM:
        lorem = importlib.import_module(f"faker.providers.lorem.{loc}").Provider
        skip |= {_normalise(w) for w in lorem.word_list}
    out = set()
    for name in names:
        w = _normalise(name)
        if not (w.isascii() and w.isalpha() and len(w) >= 3) or w in skip or w in known:
            continue
        if _place_key_of(w) in gaz.excluded_latin:
            continue
        out.add(w)
    lines = ["# Given names from Faker's person providers (bench/scanner_names.py), locales:"]
    lines.append("# " + " ".join(LOCALES) + ". A weaker cue than the other lists (scanner.py).")
    write_word_file(OUT, lines, out)
    print(f"{OUT.name}: {len(out)} names")


if __name__ == "__main__":
    main()
