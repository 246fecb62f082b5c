"""Compile the interface's catalogues, locale/*/LC_MESSAGES/django.po, to .mo files.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh machine may lack;
Babel (pinned in requirements.txt) compiles them in Python. ``make run`` and ``make test`` run
this before Django starts; the .mo files are build output and not committed. Fuzzy entries are
left out, as msgfmt does. Exits non-zero on a catalogue Babel cannot read.

    python scripts/compile_messages.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write a .mo beside every django.po under ``locale_dir``; return the .mo paths."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        mo_path = po_path.with_suffix(".mo")
        # Per process: test workers compiling at once must not write one temporary file.
        partial = mo_path.with_suffix(f".mo.{os.getpid()}.tmp")
        with partial.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        partial.replace(mo_path)  # a running server never reads half a file
        written.append(mo_path)
    return written


def main() -> int:
    written = compile_all()
    if not written:
        print(f"no catalogues under {LOCALE_DIR}", file=sys.stderr)
        return 1
    print(f"compiled {len(written)} catalogues", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
