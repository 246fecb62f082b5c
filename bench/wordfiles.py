"""Shared by the scripts that regenerate the scanner's word lists (bench/scanner_names*.py,
bench/scanner_common_words.py): Faker's first names, and the data-file layout they write."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
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
