"""Regenerate narratives/anonymize/data/given_names_dataset.txt,
given_names_arabic_dataset.txt and article_words_arabic.txt from the names-dataset package
(first names and surnames per country, ranked) and wordfreq.

Run (names-dataset and wordfreq are not project dependencies; the scanner reads only the data
files this writes; names-dataset's full set needs about 1 GB of memory to load here):
    python -m venv /tmp/nd && /tmp/nd/bin/pip install names-dataset==3.3.1 wordfreq==3.1.1
    PYTHONPATH=/tmp/nd/lib/python3.11/site-packages .venv/bin/python bench/scanner_names_dataset.py

Latin script: first names ranked within the top LATIN_RANK of a country testimony here comes
from, folded to lower-case ASCII, minus frequent words (wordfreq Zipf >= MAX_ZIPF in English,
French or German), ordinary words, titles, countries, major cities and the names the scanner
already lists. A weak cue like given_names_more.txt (mid-sentence or before a surname).
Arabic script: first names within the top ARABIC_RANK of an Arab country, normalised. The
set comes from social-network profiles, so it holds nicknames and ordinary words too (امواج,
صمت): the scanner takes one only after a cue word (أخي، اسمه، ابني), like Faker's.
Arabic article words: the AR_WORDS most frequent Arabic words (wordfreq) with the article that
are no surname ranked within the top SURNAME_RANK of a country (الشمس، الانسان; not الخطيب):
after a given name they do not make a family name (نور الشمس، عمر الانسان).
"""

from __future__ import annotations

import gzip
import importlib.util
import pickle  # nosec B403 - reads names-dataset's own data file, offline
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfiles import write_word_file

from narratives.anonymize import wordlists as wl
from narratives.anonymize.gazetteer import _gazetteer, _place_key_of
from narratives.anonymize.normalise import _normalise

LATIN_COUNTRIES = [
    "GB",
    "US",
    "IE",
    "FR",
    "BE",
    "CH",
    "DE",
    "AT",
    "NL",
    "DK",
    "SE",
    "NO",
    "TR",
    "NG",
    "SN",
    "ML",
    "MA",
    "DZ",
    "TN",
    "SY",
    "IQ",
    "JO",
    "LB",
    "PS",
    "EG",
    "SA",
    "PL",
    "RU",
    "IT",
    "ES",
    "PT",
    # where else testimony and its families come from: the Caribbean, South Asia, the Horn
    # and West and Southern Africa, the Caucasus and Central Asia, South-East Asia
    "JM",
    "IN",
    "BD",
    "AF",
    "IR",
    "AZ",
    "CM",
    "GH",
    "ET",
    "DJ",
    "ZA",
    "CA",
    "AL",
    "KZ",
    "GE",
    "ID",
    "MY",
]
ARAB_COUNTRIES = [
    "SY",
    "IQ",
    "JO",
    "LB",
    "PS",
    "EG",
    "SA",
    "YE",
    "LY",
    "DZ",
    "MA",
    "TN",
    "SD",
    "KW",
    "AE",
]
LATIN_RANK = 2000
AR_WORDS = 6000
SURNAME_RANK = 60
ARABIC_RANK = 1500
MAX_ZIPF = 4.3
DATA = Path(wl.__file__).parent / "data"
# titles and movement vocabulary that profiles also give as first names
NOT_NAMES = {
    "wali",
    "amir",
    "emir",
    "emira",
    "sheikh",
    "shaikh",
    "shaykh",
    "qadi",
    "imam",
    "mufti",
    "mullah",
    "molla",
    "hajji",
    "haji",
    "hajj",
    "khalifa",
    "caliph",
    "mujahid",
    "shahid",
    "shaheed",
    "sultan",
    "ansar",
    "muhajir",
    "muhajireen",
    "dawla",
    "umma",
    "ummah",
    "jihad",
    "islam",
    "iman",
    "tawhid",
    "amira",
    "akhi",
    "ukhti",
    "habibi",
    "baba",
    "mama",
    "papa",
    # prophets as French and chat write them, and the Lord in arabizi
    "moise",
    "jesus",
    "rab",
    "rabb",
    "nabi",
    "rasul",
}


def _ranked(d: dict, countries: list[str], top: int) -> bool:
    ranks = d.get("rank") or {}
    return any(ranks.get(c, top + 1) <= top for c in countries)


def main() -> None:
    from wordfreq import top_n_list, zipf_frequency

    spec = importlib.util.find_spec("names_dataset")
    assert spec and spec.origin, "pip install names-dataset==3.3.1 (see the docstring)"
    path = Path(spec.origin).parent / "v3" / "first_names.pkl.gz"
    with gzip.open(path, "rb") as fh:
        names: dict[str, dict] = pickle.load(fh)  # noqa: S301  # nosec B301 - the package data file
    gaz = _gazetteer()
    known = wl._ARAB_GIVEN_LATIN | wl._WESTERN_GIVEN | wl.words("given_names_more.txt")
    skip = (
        wl._STOPWORDS
        | wl._COMMON_WORDS
        | wl._COMMON_DE_FR
        | wl._NOT_NAMES
        | wl._AMBIGUOUS_NAMES
        | wl._TITLES
        | wl._NAME_PARTICLES
        | wl._TOWN_WORDS
        | wl._CUE_WORDS
        | wl._RELIGIOUS_WORDS
        | wl._ARABIZI_WORDS
        | NOT_NAMES
    )
    latin: set[str] = set()
    cued: set[str] = set()
    ar_skip = wl._AR_GIVEN_SET | wl._AR_STOPWORDS | wl._AR_CUES | wl._AR_PLACE_CUES
    for name, info in names.items():
        if " " in name or "-" in name:
            continue
        if any("\u0621" <= c <= "\u064a" for c in name):
            if not _ranked(info, ARAB_COUNTRIES, ARABIC_RANK):
                continue
            w = _normalise(name)
            if len(w) < 3 or w in ar_skip or w.startswith("ال") or not w.isalpha():
                continue
            if w in gaz.excluded_arabic:
                continue
            cued.add(w)
            continue
        if not _ranked(info, LATIN_COUNTRIES, LATIN_RANK):
            continue
        w = _normalise(name)
        if not (w.isascii() and w.isalpha() and len(w) >= 3) or w in skip or w in known:
            continue
        if any(zipf_frequency(w, lang) >= MAX_ZIPF for lang in ("en", "fr", "de")):
            continue
        if _place_key_of(w) in gaz.excluded_latin:
            continue
        latin.add(w)
    head = f"# names-dataset 3.3.1 first names (bench/scanner_names_dataset.py), rank <= {LATIN_RANK} in:"
    write_word_file(
        DATA / "given_names_dataset.txt",
        [head, "# " + " ".join(LATIN_COUNTRIES) + ". A weaker cue (runs.py)."],
        latin,
    )
    write_word_file(
        DATA / "given_names_arabic_dataset.txt",
        [
            "# names-dataset 3.3.1 Arabic-script first names (bench/scanner_names_dataset.py),",
            f"# rank <= {ARABIC_RANK} in "
            + " ".join(ARAB_COUNTRIES)
            + ". A name only after a cue.",
        ],
        cued,
    )
    with gzip.open(path.parent / "last_names.pkl.gz", "rb") as fh:
        surnames: dict[str, dict] = pickle.load(fh)  # noqa: S301  # nosec B301 - package data file
    ranked = {
        _normalise(k)
        for k, v in surnames.items()
        if k.startswith("ال")
        and min((v.get("rank") or {}).values(), default=SURNAME_RANK + 1) <= SURNAME_RANK
    }
    article = {
        _normalise(w)
        for w in top_n_list("ar", AR_WORDS)
        if w.startswith("ال") and len(w) >= 4 and _normalise(w) not in ranked
    }
    write_word_file(
        DATA / "article_words_arabic.txt",
        [
            f"# The {AR_WORDS} most frequent Arabic words (wordfreq) with the article, minus surnames of",
            f"# names-dataset ranked <= {SURNAME_RANK} (bench/scanner_names_dataset.py): no family name.",
        ],
        article,
    )
    print(
        f"given_names_dataset.txt: {len(latin)}; given_names_arabic_dataset.txt: {len(cued)}; "
        f"article_words_arabic.txt: {len(article)}"
    )


if __name__ == "__main__":
    main()
