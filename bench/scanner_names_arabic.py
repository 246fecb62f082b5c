"""Regenerate narratives/anonymize/data/given_names_arabic_more.txt from Faker's Arabic locales.

Run: .venv/bin/python bench/scanner_names_arabic.py   (Faker is a test dependency; the scanner
reads only the data file it writes). Arabic-script first names of ar_AA, ar_PS, ar_SA and ar_DZ,
normalised, minus the names the scanner already lists and its Arabic stopwords. Many are also
ordinary words (سليم "sound", هبة "gift"): the scanner takes one alone only after a cue (a role,
kinship or title word: الشاهد سليم، المتهمة هبة، أخي سليم).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfiles import faker_first_names, write_word_file

from narratives.anonymize import wordlists as wl
from narratives.anonymize.normalise import _normalise

LOCALES = ["ar_AA", "ar_PS", "ar_SA", "ar_DZ"]
OUT = Path(wl.__file__).parent / "data" / "given_names_arabic_more.txt"


def main() -> None:
    names = faker_first_names(LOCALES)
    skip = wl._AR_GIVEN_SET | wl._AR_STOPWORDS | wl._AR_CUES
    out = set()
    for name in names:
        if " " in name.strip() or not any("\u0621" <= c <= "\u064a" for c in name):
            continue
        w = _normalise(name.strip())
        if len(w) >= 3 and w not in skip and not w.startswith("ال"):
            out.add(w)
    lines = ["# Arabic-script given names from Faker (bench/scanner_names_arabic.py), locales:"]
    lines.append("# " + " ".join(LOCALES) + ". A name alone only after a cue word (scanner.py).")
    write_word_file(OUT, lines, out)
    print(f"{OUT.name}: {len(out)} names")


if __name__ == "__main__":
    main()
