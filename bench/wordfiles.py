"""Shared by the scripts that regenerate the scanner's word lists (bench/scanner_names*.py,
bench/scanner_common_words.py, bench/scanner_town_words.py): Faker's first names, wordfreq's
frequent words, the folding they are compared in, and the data-file layout they write."""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path


def faker_first_names(locales: Iterable[str]) -> set[str]:
    """Every first name (any gender) of Faker's person providers for ``locales``."""
    names: set[str] = set()
    for loc in locales:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attr, None) or ()
            names.update(value.keys() if isinstance(value, dict) else value)
    return names


def fold(word: str) -> str:
    """Lower-case, accents stripped, ß as ss: the form the word lists are compared in."""
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c)).replace("ß", "ss")


def frequent_words(top: Mapping[str, int]) -> Iterator[str]:
    """The ``top[lang]`` most frequent words of each language (wordfreq), folded, kept when
    they are plain ASCII letters, three or more."""
    from wordfreq import top_n_list  # only the regenerating scripts need wordfreq

    for lang, n in top.items():
        for w in top_n_list(lang, n):
            f = fold(w)
            if len(f) >= 3 and f.isascii() and f.isalpha():
                yield f


def write_word_file(path: Path, header: list[str], words: Iterable[str]) -> None:
    """Write ``header`` (comment lines) then ``words`` sorted, space-separated, about 90 columns
    a line: the layout narratives.anonymize.wordlists reads."""
    lines = list(header)
    row: list[str] = []
    for w in sorted(words):
        row.append(w)
        if len(" ".join(row)) > 90:
            lines.append(" ".join(row))
            row = []
    if row:
        lines.append(" ".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
