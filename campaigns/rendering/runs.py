"""Fonts per script run inside a line: a Latin name in an Arabic quote is set in the Latin
Noto face, an Arabic word in an English sentence in Noto Sans Arabic.

A line is cut into pieces the same way the bidi step isolates it (bidi.isolate_runs): the
paragraph's own text, and every run of the other direction (an isolate, or a run of strong
characters only, which isolate_runs leaves bare). After isolation, UAX #9 puts every piece
of a right-to-left paragraph at one right-to-left level and every piece of a left-to-right
one at the left-to-right level, so the pieces' visual order is their logical order,
reversed in right-to-left paragraphs; inside each piece the engine (raqm, or the basic
layout's visual_line) orders, mirrors and shapes as before. A piece is drawn with the
paragraph's family unless it holds a letter of the other script: then with the family of
that script (same role: text or display). Digits and punctuation stay in the paragraph's
face, whose figures are designed to sit with its letters.
"""

from __future__ import annotations

import functools
import unicodedata

from campaigns.rendering.bidi import _ISOLATES, PDI, _strong, isolate_runs
from campaigns.rendering.spec import _ARABIC_RANGES

ARABIC_FAMILIES = frozenset({"noto_sans_arabic", "noto_kufi_arabic"})
# The family of the other script for the same role.
COUNTERPART = {
    "noto_sans": "noto_sans_arabic",
    "noto_sans_arabic": "noto_sans",
    "noto_sans_display": "noto_kufi_arabic",
    "noto_kufi_arabic": "noto_sans_display",
}

Piece = tuple[str, str, str]  # text, direction, family


def _is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def _latin_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L" and unicodedata.bidirectional(ch) == "L"


def needs_family(text: str, family: str) -> bool:
    """Whether ``text`` holds a letter that the script of ``family`` is for."""
    if family in ARABIC_FAMILIES:
        return any(_is_arabic(c) for c in text)
    return any(_latin_letter(c) for c in text)


def _logical_pieces(text: str, direction: str) -> list[tuple[str, str]]:
    """(piece, direction) in logical order: the paragraph's text and each run of the
    other direction."""
    other = "ltr" if direction == "rtl" else "rtl"
    isolated = isolate_runs(text, direction)
    pieces: list[tuple[str, str]] = []
    current, inside = "", False
    for ch in isolated:
        if ch in _ISOLATES:
            if current:
                pieces.append((current, other if inside else direction))
            current, inside = "", ch != PDI
            continue
        current += ch
    if current:
        pieces.append((current, other if inside else direction))
    # Runs of strong characters only are left bare by isolate_runs: cut them out too.
    out: list[tuple[str, str]] = []
    for piece, piece_dir in pieces:
        if piece_dir != direction:
            out.append((piece, piece_dir))
            continue
        run, run_other = "", False
        for ch in piece:
            is_other = _strong(ch, direction)
            if run and is_other != run_other:
                out.append((run, other if run_other else direction))
                run = ""
            run, run_other = run + ch, is_other
        if run:
            out.append((run, other if run_other else direction))
    return out


@functools.lru_cache(maxsize=16384)
def font_runs(text: str, direction: str, family: str) -> tuple[Piece, ...]:
    """The pieces of one logical line in visual order (left to right), each with the
    direction and font family to draw it with. One piece, the whole line, when the line
    holds no letter of the other script (or carries the author's own isolates)."""
    other = COUNTERPART.get(family)
    if other is None or not needs_family(text, other) or any(c in _ISOLATES for c in text):
        return ((text, direction, family),)
    pieces: list[Piece] = []
    for piece, piece_dir in _logical_pieces(text, direction):
        fam = other if needs_family(piece, other) else family
        if (
            pieces
            and pieces[-1][1] == piece_dir
            and pieces[-1][2] == fam
            and piece_dir == direction
        ):
            # Two pieces of the paragraph's direction and face: one piece.
            pieces[-1] = (pieces[-1][0] + piece, piece_dir, fam)
        else:
            pieces.append((piece, piece_dir, fam))
    if len(pieces) == 1:
        return ((text, direction, pieces[0][2]),)
    return tuple(reversed(pieces)) if direction == "rtl" else tuple(pieces)
