"""Regenerate narratives/anonymize/data/common_words_arabic.txt from wordfreq's Arabic list.

Run (wordfreq is not a project dependency; the scanner reads only the data file this writes):
    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    PYTHONPATH=/tmp/wf/lib/python3.11/site-packages .venv/bin/python bench/scanner_arabic_words.py

The TOP most frequent Arabic words, normalised as the scanner reads text, names that are also
words included (نور، أمل، مفتاح): in Latin-script text an Arabic-script run is taken for a name
written in its own script only when it holds a word of no such list, or a given name of the
main Arabic list (runs.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfiles import write_word_file

from narratives.anonymize import wordlists as wl
from narratives.anonymize.normalise import _normalise

TOP = 6000
OUT = Path(wl.__file__).parent / "data" / "common_words_arabic.txt"


def main() -> None:
    from wordfreq import top_n_list

    words = set()
    for w in top_n_list("ar", TOP):
        n = _normalise(w)
        if len(n) >= 2 and n.isalpha() and all("\u0621" <= c <= "\u064a" for c in n):
            words.add(n)
    header = [
        f"# The {TOP} most frequent Arabic words (wordfreq; bench/scanner_arabic_words.py),",
        "# normalised, names that are also words included: inside Latin text, an Arabic-script",
        "# run of these words only is no name unless the main list holds it (runs.py).",
    ]
    write_word_file(OUT, header, words)
    print(f"{OUT.name}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
