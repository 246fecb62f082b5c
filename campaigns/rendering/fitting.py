"""Text fitting: wrap each paragraph and find the largest size that fits its box."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from campaigns.rendering.bidi import isolate_runs, paragraph_direction, visual_line
from campaigns.rendering.fonts import _ENGINE, RAQM_AVAILABLE, choose_family, get_font, raqm_enabled
from campaigns.rendering.runs import ARABIC_FAMILIES, COUNTERPART, font_runs
from campaigns.rendering.spec import ELLIPSIS, RTL_LANGUAGES, Rect

# --------------------------------------------------------------------------- text fitting


@dataclass(frozen=True)
class _Para:
    text: str
    family: str
    direction: str
    language: str | None


@dataclass(frozen=True)
class _Line:
    text: str
    para: _Para
    x: int  # anchor x: left edge (anchor "ls") or right edge (anchor "rs")
    y: int  # baseline
    align: str  # "left" or "right"

    @property
    def anchor(self) -> str:
        return "rs" if self.align == "right" else "ls"


@dataclass(frozen=True)
class _Fitted:
    lines: tuple[_Line, ...]
    size: int
    weight: int
    truncated: bool


class _TextArgs(TypedDict, total=False):
    direction: str
    language: str | None


def text_args(text: str, direction: str, lang: str | None) -> tuple[str, _TextArgs]:
    """What to hand Pillow for one logical line: with raqm the isolated logical text and
    its direction (FriBiDi reorders, HarfBuzz shapes); without, the shaped visual line."""
    if raqm_enabled():
        return isolate_runs(text, direction), {"direction": direction, "language": lang}
    return visual_line(text, direction), {}


def use_raqm(enabled: bool) -> None:
    """Choose the text engine (raqm only where Pillow has it) and drop every cache that
    depends on it. The renderer picks raqm when available; this exists for the basic
    layout's own tests and for machines where raqm misbehaves."""
    if enabled and not RAQM_AVAILABLE:
        raise RuntimeError("raqm is not available in this Pillow (install libfribidi)")
    _ENGINE["raqm"] = enabled
    for cached in (get_font, _width, _bbox, _word_ref_widths, _char_ref_width, _units, font_runs):
        cached.cache_clear()


@functools.lru_cache(maxsize=65536)
def _width(
    family: str, size: int, weight: int, text: str, direction: str, lang: str | None
) -> float:
    pieces = font_runs(text, direction, family)
    if len(pieces) > 1:
        return sum(_width(f, size, weight, t, d, _piece_lang(d, direction, lang))
                   for t, d, f in pieces)  # fmt: skip
    family = pieces[0][2]
    drawn, kwargs = text_args(text, direction, lang)
    return get_font(family, size, weight).getlength(drawn, **kwargs)


def _piece_lang(piece_direction: str, direction: str, lang: str | None) -> str | None:
    """The language tag of a piece: the paragraph's for its own direction's text only."""
    return lang if piece_direction == direction else None


def placed_runs(
    family: str, size: int, weight: int, text: str, direction: str, lang: str | None, anchor: str
) -> list[tuple[str, str, str, str | None, float]]:
    """(piece, direction, family, language, x offset of its left pen position from the
    line's anchor x) for each font run of a line, left to right (see runs.py)."""
    pieces = font_runs(text, direction, family)
    widths = [_width(f, size, weight, t, d, _piece_lang(d, direction, lang)) for t, d, f in pieces]
    x = -sum(widths) if anchor.startswith("r") else 0.0
    out = []
    for (t, d, f), w in zip(pieces, widths, strict=True):
        out.append((t, d, f, _piece_lang(d, direction, lang), x))
        x += w
    return out


@functools.lru_cache(maxsize=65536)
def _bbox(
    family: str, size: int, weight: int, text: str, direction: str, lang: str | None, anchor: str
) -> tuple[float, float, float, float]:
    # mode "L" is what ImageDraw.textbbox passes for antialiased text: same numbers.
    pieces = font_runs(text, direction, family)
    if len(pieces) > 1:
        boxes = []
        for t, d, f, lg, x in placed_runs(family, size, weight, text, direction, lang, anchor):
            b = _bbox(f, size, weight, t, d, lg, "l" + anchor[1:])
            boxes.append((b[0] + x, b[1], b[2] + x, b[3]))
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip
    drawn, kwargs = text_args(text, direction, lang)
    font = get_font(pieces[0][2], size, weight)
    return font.getbbox(drawn, mode="L", anchor=anchor, **kwargs)


def _graphemes(word: str) -> list[str]:
    """Approximate grapheme clusters: a base character plus following marks/joiners."""
    out: list[str] = []
    for ch in word:
        if out and (unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in "\u200d\u200c"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _break_word(word: str, fits: Callable[[str], bool]) -> list[str]:
    """Split an over-long word into pieces that each fit (LTR pieces get a hyphen)."""
    pieces: list[str] = []
    current = ""
    for g in _graphemes(word):
        if current and not fits(current + g + "-"):
            pieces.append(current + "-")
            current = g
        else:
            current += g
    if current:
        pieces.append(current)
    return pieces


# Whitespace a line may break at: every kind except the no-break spaces (NBSP, figure
# space, NNBSP inside French guillemets), which stay inside their unit.
_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")

_REF_SIZE = 256  # word widths are measured once at this size and scaled for estimates


@functools.lru_cache(maxsize=4096)
def _units(text: str) -> tuple[str, ...]:
    """Unbreakable units for wrapping, in logical order: whitespace-separated words, except
    that a token made only of closing punctuation ("?", "!", ":", "»") stays with the word
    before it and an opening one ("«", "(") with the word after it — French spacing
    ("proche ?") must not start a line with "?"."""
    units: list[str] = []
    opening = ""
    for token in _BREAKABLE_SPACE.split(text.strip()):
        cats = {unicodedata.category(c) for c in token}
        if cats <= {"Ps", "Pi"}:
            opening += token + " "
        elif cats <= {"Pe", "Pf", "Po"} and units and not opening:
            units[-1] += " " + token
        else:
            units.append(opening + token)
            opening = ""
    if opening:
        units.append(opening.rstrip())
    return tuple(units)


def _ref_width(para: _Para, weight: int, text: str) -> float:
    """Estimated width of a word (or " ") of ``para`` per pixel of font size."""
    widths = _word_ref_widths(para, weight)
    return widths[text] if text in widths else _measured_ref_width(para, weight, text)


def _measured_ref_width(para: _Para, weight: int, text: str) -> float:
    return _width(para.family, _REF_SIZE, weight, text, para.direction, para.language) / _REF_SIZE


def _is_simple(text: str) -> bool:
    """No shaping needed: Latin/Greek/Cyrillic letters, digits, common punctuation."""
    for ch in text:
        cp = ord(ch)
        if not (cp < 0x0590 or 0x2000 <= cp <= 0x206F or 0x20A0 <= cp <= 0x20CF):
            return False
        if unicodedata.category(ch)[0] == "M":
            return False
    return True


@functools.lru_cache(maxsize=16384)
def _char_ref_width(family: str, weight: int, ch: str) -> float:
    """Advance of one character per pixel of size; text-independent, so it stays warm
    across cards (a few hundred entries per alphabet)."""
    return get_font(family, _REF_SIZE, weight).getlength(ch) / _REF_SIZE


@functools.lru_cache(maxsize=4096)
def _word_ref_widths(para: _Para, weight: int) -> dict[str, float]:
    """Per-word width estimates for one paragraph (plus " ").

    Simple-script paragraphs: sums of cached character advances, scaled by one real
    measurement of the whole paragraph (which folds in kerning on average). Complex
    scripts (Arabic: contextual forms) are measured word by word with raqm. Either way
    these are only estimates for line filling; _fix_lines and _place measure for real."""
    words = _units(para.text)
    if not _is_simple(para.text):
        out = {w: _measured_ref_width(para, weight, w) for w in words}
        out[" "] = _measured_ref_width(para, weight, " ")
        return out
    char_w = functools.partial(_char_ref_width, para.family, weight)
    out = {w: sum(map(char_w, w)) for w in words}
    out[" "] = char_w(" ")
    estimated = sum(out[w] for w in words) + out[" "] * (len(words) - 1)
    real = _measured_ref_width(para, weight, " ".join(words))
    factor = real / estimated if estimated > 0 else 1.0
    return {w: v * factor for w, v in out.items()}


def _anchor(para: _Para, card_direction: str) -> str:
    return "rs" if para.direction == "rtl" or card_direction == "rtl" else "ls"


def _wrap(
    para: _Para,
    size: int,
    weight: int,
    width: float,
    allow_break: bool,
) -> list[str] | None:
    """Greedy wrap in logical order using word widths scaled from one cached measurement
    per word (see _fix_lines for the exact pass). None if a word is wider than the line
    and breaking is not allowed."""

    def real(text: str) -> float:
        return _width(para.family, size, weight, text, para.direction, para.language)

    space = _ref_width(para, weight, " ") * size
    lines: list[str] = []
    current: list[str] = []
    current_w = 0.0
    for word in _units(para.text):
        ww = _ref_width(para, weight, word) * size
        if ww > width:
            if not allow_break:
                return None
            pieces = _break_word(word, lambda t: real(t) <= width)
        else:
            pieces = [word]
        for piece in pieces:
            pw = ww if len(pieces) == 1 else real(piece)
            if current and current_w + space + pw <= width:
                current.append(piece)
                current_w += space + pw
            else:
                if current:
                    lines.append(" ".join(current))
                current, current_w = [piece], pw
    if current:
        lines.append(" ".join(current))
    return lines


def _fix_lines(
    para: _Para, lines: list[str], size: int, weight: int, width: float, anchor: str
) -> list[str]:
    """Measure each line for real (its ink box, cached for _place) and carry words to the
    next line while it is too wide: estimates ignore kerning and hinting."""

    def ink_width(text: str) -> float:
        bb = _bbox(para.family, size, weight, text, para.direction, para.language, anchor)
        return bb[2] - bb[0]

    fixed: list[str] = []
    for line in lines:
        words = line.split(" ")
        while len(words) > 1 and ink_width(" ".join(words)) > width:
            carry = [words.pop()]
            while len(words) > 1 and ink_width(" ".join(words)) > width:
                carry.insert(0, words.pop())
            fixed.append(" ".join(words))
            words = carry
        fixed.append(" ".join(words))
    return fixed


def _clearly_too_tall(
    paras: Sequence[_Para],
    wrapped: Sequence[Sequence[str]],
    size: int,
    weight: int,
    box: Rect,
    line_spacing: float,
    card_direction: str,
) -> bool:
    """Cheap early rejection of a size during the search: the ink from the top of the first
    line to the bottom of the last line (two measurements) already exceeds the box. The
    exact pass can only add lines, so a rejection here is (almost always) final; it never
    lets anything through, it only saves measuring every line of a size that cannot fit."""
    filled = [(p, ls) for p, ls in zip(paras, wrapped, strict=True) if ls]
    if not filled:
        return False
    steps = 0
    for p, ls in filled:
        steps += _line_step(p.family, size, line_spacing) * len(ls)
    last_p, last_ls = filled[-1]
    steps -= _line_step(last_p.family, size, line_spacing)
    first_p, first_ls = filled[0]
    top = _bbox(
        first_p.family,
        size,
        weight,
        first_ls[0],
        first_p.direction,
        first_p.language,
        _anchor(first_p, card_direction),
    )[1]
    bottom = _bbox(
        last_p.family,
        size,
        weight,
        last_ls[-1],
        last_p.direction,
        last_p.language,
        _anchor(last_p, card_direction),
    )[3]
    return steps + bottom - top > box[3] - box[1]


def _estimate_size(
    paras: Sequence[_Para],
    weight: int,
    box: Rect,
    max_size: int,
    min_size: int,
    line_spacing: float,
    max_lines: int | None = None,
) -> int:
    """Largest size whose *estimated* wrap fits (arithmetic only, no font calls beyond the
    cached per-word widths). Used as the starting point of the exact search."""
    word_widths = [
        ([_ref_width(p, weight, w) for w in _units(p.text)], _ref_width(p, weight, " "))
        for p in paras
    ]
    line_h = [_LEADING[p.family] for p in paras]

    def fits(size: int) -> bool:
        pad = max(2, round(size * 0.06))
        width = (box[2] - box[0] - 2 * pad) / size
        height = 0.0
        total_lines = 0
        for (widths, space), lh in zip(word_widths, line_h, strict=True):
            n, current = 0, -1.0
            for w in widths:
                if w > width:
                    return False
                if current >= 0 and current + space + w <= width:
                    current += space + w
                else:
                    n, current = n + 1, w
            height += n * lh * size * line_spacing
            total_lines += n
        if max_lines is not None and total_lines > max_lines:
            return False
        # The exact check keeps *ink* inside the box: the last line needs roughly its
        # glyph height, not a full line step.
        last_step = line_h[-1] * size * line_spacing
        height -= last_step - _INK_HEIGHT[paras[-1].family] * size
        return height <= box[3] - box[1] - 2

    lo, hi, best = min_size, max_size, min_size
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(mid):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best


def _inside(rect: Sequence[float], box: Rect) -> bool:
    return rect[0] >= box[0] and rect[1] >= box[1] and rect[2] <= box[2] and rect[3] <= box[3]


def _place(
    paras: Sequence[_Para],
    wrapped: Sequence[Sequence[str]],
    size: int,
    weight: int,
    box: Rect,
    pad: int,
    line_spacing: float,
    card_direction: str,
) -> tuple[list[_Line], bool]:
    """Position wrapped lines, vertically centred; returns (lines, all_inside)."""
    metrics = [_line_metrics(p.family, size, weight) for p in paras]
    heights: list[int] = []
    for para, lines in zip(paras, wrapped, strict=True):
        step = _line_step(para.family, size, line_spacing)
        heights.extend([step] * len(lines))
    if not heights:
        return [], True
    last_asc, last_desc = metrics[max(i for i, ls in enumerate(wrapped) if ls)]
    block_h = sum(heights[:-1]) + last_asc + last_desc
    inner_h = box[3] - box[1] - 2 * pad
    top = box[1] + pad + max(0, (inner_h - block_h) // 2)
    placed: list[_Line] = []
    inks: list[tuple[float, float, float, float]] = []
    i = 0
    for para, (asc, _), lines in zip(paras, metrics, wrapped, strict=True):
        align = "right" if para.direction == "rtl" or card_direction == "rtl" else "left"
        x = box[2] - pad if align == "right" else box[0] + pad
        anchor = "rs" if align == "right" else "ls"
        for text in lines:
            bb = _bbox(para.family, size, weight, text, para.direction, para.language, anchor)
            # Glyphs can overhang their advance box (e.g. a leading "J"); keep the ink, not
            # the pen position, at the aligned edge.
            lx = x - math.floor(bb[0]) if align == "left" and bb[0] < 0 else x
            lx = lx - math.ceil(bb[2]) if align == "right" and bb[2] > 0 else lx
            line = _Line(text, para, lx, top + asc, align)
            inks.append((bb[0] + lx, bb[1] + line.y, bb[2] + lx, bb[3] + line.y))
            placed.append(line)
            top += heights[i]
            i += 1
    # Centre the ink (not the font's line boxes) vertically, then verify containment.
    ink_top, ink_bottom = min(r[1] for r in inks), max(r[3] for r in inks)
    shift = round((box[1] + box[3] - ink_top - ink_bottom) / 2)
    if ink_bottom - ink_top > inner_h:
        shift = box[1] + pad - round(ink_top)
    placed = [_Line(ln.text, ln.para, ln.x, ln.y + shift, ln.align) for ln in placed]
    ok = all(_inside((r[0], r[1] + shift, r[2], r[3] + shift), box) for r in inks)
    return placed, ok


# Line step in em per family. The fonts' own line gaps (Noto Sans 1.36 em, Noto Sans Arabic
# 2.1 em) are sized for the tallest accents and stacked marks and look loose on cards.
_LEADING = {
    "noto_sans": 1.2,
    "noto_sans_display": 1.15,
    "noto_sans_arabic": 1.6,
    "noto_kufi_arabic": 1.75,
}
# typical ink of one line, em
_INK_HEIGHT = {
    "noto_sans": 1.0,
    "noto_sans_display": 1.0,
    "noto_sans_arabic": 1.3,
    "noto_kufi_arabic": 1.45,
}
# (ascent, descent) in em of the design box used for Arabic line placement
_ARABIC_BOX = {"noto_sans_arabic": (1.1, 0.55), "noto_kufi_arabic": (1.2, 0.6)}


def _line_step(family: str, size: int, line_spacing: float) -> int:
    return round(size * _LEADING[family] * line_spacing)


def _line_metrics(family: str, size: int, weight: int) -> tuple[int, int]:
    """(ascent, descent) used for line placement. Noto Sans Arabic's font-wide metrics
    (~2.1 em) are sized for the tallest stacked marks and make paragraphs look
    double-spaced, so a tighter design box is used; containment is still verified with
    real glyph bounding boxes."""
    if family in _ARABIC_BOX:
        asc, desc = _ARABIC_BOX[family]
        return round(size * asc), round(size * desc)
    return get_font(family, size, weight).getmetrics()


def _truncate(
    paras: Sequence[_Para],
    wrapped: list[list[str]],
    size: int,
    weight: int,
    box: Rect,
    pad: int,
    line_spacing: float,
    card_direction: str,
) -> list[_Line]:
    """Drop trailing lines until the block fits; end the last kept line with an ellipsis."""
    flat = [(pi, t) for pi, lines in enumerate(wrapped) for t in lines]
    width = box[2] - box[0] - 2 * pad
    for keep in range(len(flat) - 1, 0, -1):
        kept = flat[:keep]
        pi, last = kept[-1]
        para = paras[pi]
        words = last.split(" ")
        candidate = last.rstrip(".,;:!?،؛ ") + ELLIPSIS
        while _width(para.family, size, weight, candidate, para.direction, para.language) > width:
            if len(words) > 1:
                words.pop()
                candidate = " ".join(words).rstrip(".,;:!?،؛ ") + ELLIPSIS
            else:
                chars = _graphemes(words[0])[:-1]
                if not chars:
                    candidate = ELLIPSIS
                    break
                words = ["".join(chars)]
                candidate = words[0] + ELLIPSIS
        kept[-1] = (pi, candidate)
        new_wrapped: list[list[str]] = [[] for _ in paras]
        for k_pi, t in kept:
            new_wrapped[k_pi].append(t)
        lines, ok = _place(paras, new_wrapped, size, weight, box, pad, line_spacing, card_direction)
        if ok:
            return lines
    return []


def fit_text(
    text: str,
    box: Rect,
    *,
    preferred_family: str,
    card_direction: str,
    language: str,
    max_size: int,
    min_size: int,
    weight: int = 400,
    line_spacing: float = 1.15,
    max_lines: int | None = None,
    headline: bool = False,
) -> _Fitted:
    """Wrap and size ``text`` into ``box`` (see module docstring); ``headline`` picks the
    display faces."""
    lang_rtl = language.split("-")[0] in RTL_LANGUAGES
    paras = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        direction = paragraph_direction(raw, card_direction)
        lang = language if (direction == "rtl") == lang_rtl else None
        if direction == "rtl" and lang is None:
            lang = "ar"
        family = choose_family(raw, preferred_family, headline)
        if direction == "ltr" and family in ARABIC_FAMILIES:
            # A left-to-right paragraph with an Arabic word: the Latin face, and the Arabic
            # face for the Arabic runs only (runs.font_runs).
            family = COUNTERPART[family]
        paras.append(_Para(raw.strip(), family, direction, lang))

    def attempt(size: int, allow_break: bool) -> tuple[list[_Line] | None, list[list[str]]]:
        pad = max(2, round(size * 0.06))
        width = box[2] - box[0] - 2 * pad
        estimated: list[list[str]] = []
        for p in paras:
            lines = _wrap(p, size, weight, width, allow_break)
            if lines is None:
                return None, []
            estimated.append(lines)
        if max_lines is not None and sum(map(len, estimated)) > max_lines:
            return None, estimated
        if not allow_break and _clearly_too_tall(
            paras, estimated, size, weight, box, line_spacing, card_direction
        ):
            return None, estimated
        wrapped = [
            _fix_lines(p, lines, size, weight, width, _anchor(p, card_direction))
            for p, lines in zip(paras, estimated, strict=True)
        ]
        if max_lines is not None and sum(map(len, wrapped)) > max_lines:
            return None, wrapped
        placed, ok = _place(paras, wrapped, size, weight, box, pad, line_spacing, card_direction)
        return (placed if ok else None), wrapped

    if not paras:
        return _Fitted((), max_size, weight, False)
    # Largest size in [min_size, max_size] that fits without breaking words. Start at the
    # estimate and gallop outwards, then bisect: usually 2-3 exact attempts instead of ~7.
    guess = _estimate_size(paras, weight, box, max_size, min_size, line_spacing, max_lines)
    results: dict[int, list[_Line] | None] = {}

    def fits(size: int) -> bool:
        if size not in results:
            results[size] = attempt(size, False)[0]
        return results[size] is not None

    lo, hi = min_size, max_size  # invariant: answer (if any) in [lo, hi]
    step = 1
    if fits(guess):
        lo = guess
        while lo < hi:
            cand = min(hi, lo + step)
            if fits(cand):
                lo, step = cand, step * 2
            else:
                hi = cand - 1
                break
    else:
        hi = guess - 1
        while hi >= lo:
            cand = max(lo, hi - step + 1)
            if fits(cand):
                lo = cand
                break
            hi, step = cand - 1, step * 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    if lo <= hi and fits(lo):
        return _Fitted(tuple(results[lo] or ()), lo, weight, False)
    lines, wrapped = attempt(min_size, True)
    if lines is not None:
        return _Fitted(tuple(lines), min_size, weight, False)
    pad = max(2, round(min_size * 0.06))
    lines = _truncate(paras, wrapped, min_size, weight, box, pad, line_spacing, card_direction)
    return _Fitted(tuple(lines), min_size, weight, True)
