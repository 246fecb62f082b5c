"""What the scanner finds in a text, for the scanner tests (test_scanner_*.py).

Import it by its full name (``from tests.narratives.scanner_helpers import found``): the tests
run with ``--import-mode=importlib`` and ``pythonpath = ["."]``, so it is the same module in
every pytest-xdist worker.
"""

from __future__ import annotations

from collections.abc import Iterable

from narratives.anonymize import KnownIdentifier, scan_text

Known = Iterable[KnownIdentifier | str]


def found(text: str, *categories: str, known: Known = ()) -> list[str]:
    """The text of each finding, in order; only those of ``categories`` if any are given."""
    return [f.text for f in scan_text(text, known) if not categories or f.category in categories]


def pairs(text: str, known: Known = (), *, check_offsets: bool = False) -> list[tuple[str, str]]:
    """``(category, text)`` of each finding, in order; ``check_offsets`` asserts each finding's
    text is the text between its offsets."""
    findings = scan_text(text, known)
    if check_offsets:
        for f in findings:
            assert text[f.start : f.end] == f.text
    return [(f.category, f.text) for f in findings]


def ages(text: str) -> list[str]:
    return found(text, "age")


def dates(text: str) -> list[str]:
    return found(text, "date")


def places(text: str) -> list[str]:
    return found(text, "place")


def persons(text: str) -> list[str]:
    return found(text, "person")


def organisations(text: str) -> list[str]:
    return found(text, "organisation")
