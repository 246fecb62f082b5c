"""German common nouns by their every inflected form, from Wiktionary through ``german-nouns``.

German capitalises every noun, so a capital mid-sentence is no evidence of a name in German
text ("mit Kanistern", "über unsere Hosen", "ein Löwe"). The ``german-nouns`` package
(gambolputty/german-nouns, about 100,000 nouns compiled from de.wiktionary.org) lists each
noun with all its case and number forms and its part of speech. A form is a common noun here
when no entry that is also a surname, a given name, a place or a proper name holds it: "Hosen"
and "Schleusern" are, "Müller", "Wolf" and "Datteln" (a town too) are not.

The package's CSV file is read once per process, on the first German word asked about or by
``preload`` (about 0.6 s and 23 MB; the set holds some 250,000 one-word forms).
"""

from __future__ import annotations

import csv
import functools
import time
from importlib import metadata

__all__ = ["common_noun", "stats"]

# parts of speech that make a form a possible name: Nachname, Vorname, Eigenname, Toponym,
# Straßenname (a substring test over the package's comma-separated tags)
_NAME_TAGS = ("name", "Toponym")


@functools.cache
def _common_forms() -> frozenset[str]:
    path = metadata.distribution("german-nouns").locate_file("german_nouns/nouns.csv")
    common: set[str] = set()
    named: set[str] = set()
    quoted = []
    with open(str(path), encoding="utf-8", newline="") as fh:
        pos = next(csv.reader([next(fh)])).index("pos")
        for line in fh:
            if '"' in line:
                quoted.append(line)  # a field with a comma: several tags, or a form with one
            else:
                common.update(line.rstrip("\r\n").split(","))  # one tag, no name's tag
    for row in csv.reader(quoted):
        tags = row[pos] if len(row) > pos else ""
        (named if any(t in tags for t in _NAME_TAGS) else common).update(row)
    return frozenset(w for w in common - named if len(w) >= 3 and w.isalpha() and w[0].isupper())


def stats() -> dict[str, int | float]:
    """Load the nouns (once) and report how many forms and how long the load took."""
    t0 = time.perf_counter()
    n = len(_common_forms())
    return {"german_noun_forms": n, "german_nouns_seconds": round(time.perf_counter() - t0, 3)}


def common_noun(word: str) -> bool:
    """Is ``word``, as written (capitalised), a form of a German common noun that no German
    name, surname or place shares?"""
    return word in _common_forms()
