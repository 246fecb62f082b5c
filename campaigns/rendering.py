"""Card rendering core: a validated ``CardSpec`` in, encoded image bytes out.

Pure Python + Pillow: no Django, no database, no storage, no network, no file writes.
The only module state is caches (font objects, font coverage, measured widths, the
font files' content hashes), all keyed by their complete inputs.

Text fitting: every text role gets an allotted box. Each paragraph (split on "\n") is
word-wrapped in logical order (closing punctuation stays with its word), then the largest
font size between the role's max and min size is searched for which the wrapped block fits
without breaking words: a start value is estimated from cached per-word widths, then an
exact gallop + bisection (binary search) checks real layouts. If nothing fits, words longer
than a line are broken at the minimum size and, if the block is still too tall, the last
line that fits ends with "…". Every accepted layout is checked against real glyph ink boxes
(font.getbbox with the raqm layout, i.e. what ImageDraw.textbbox computes), so drawn text is
inside its box by construction; ``RenderedCard.boxes`` records both rectangles.

Bidi: a paragraph's base direction comes from its first strong character
(``unicodedata.bidirectional``: L -> ltr, R/AL -> rtl; none -> the card language's
direction). Each wrapped line is drawn in one call with the raqm layout and the
paragraph's direction, so raqm/fribidi handles embedded opposite-direction runs and
harfbuzz does the shaping. RTL paragraphs are right-aligned.

Fonts: chosen per paragraph by coverage. The template's family is used when its cmap
covers every visible character of the paragraph, otherwise the other family; a paragraph
containing Arabic-script characters is always drawn with Noto Sans Arabic (which also has
Latin letters and digits, so "Arabic with embedded English" is one shaped run).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

import fontpkg
import PIL
from PIL import Image, ImageDraw, ImageFont, features

RENDERER_VERSION = "1.0.0"

FORMATS: dict[str, tuple[int, int]] = {
    "square": (1080, 1080),
    "landscape": (1200, 675),
    "story": (1080, 1920),
}
LAYOUTS: tuple[str, ...] = ("quote_card", "statistic_card", "cta_card")
FONT_FAMILIES: dict[str, str] = {
    "noto_sans": "noto-sans",
    "noto_sans_arabic": "noto-sans-arabic",
}
OUTPUT_FORMATS: dict[str, str] = {
    "png": "image/png",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku", "he", "yi", "dv", "sd", "ug"})
ROLES = ("headline", "quote", "body", "attribution", "cta", "contact")

# Fixed encoder settings (part of the renderer's contract, hence of RENDERER_VERSION).
PNG_COMPRESS_LEVEL = 3  # measured: ~2x faster than the default 6 for ~5% larger files
JPEG_QUALITY = 90
WEBP_QUALITY = 90

MAX_LENGTHS = {
    "headline": 200,
    "body": 600,
    "quote": 1000,
    "attribution": 200,
    "cta_text": 200,
    "cta_contact": 200,
}
MAX_LOGO_BYTES = 5 * 1024 * 1024
ELLIPSIS = "…"

_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


# --------------------------------------------------------------------------- spec


@dataclass(frozen=True)
class CardSpec:
    """Everything that determines a rendition. Validated on construction."""

    layout: str
    format: str
    headline: str = ""
    body: str = ""
    quote: str = ""
    attribution: str = ""
    cta_text: str = ""
    cta_contact: str = ""
    language: str = "en"
    background_color: str = "#FFFFFF"
    text_color: str = "#111111"
    accent_color: str = "#C0392B"
    font_family: str = "noto_sans"
    logo: bytes | None = field(default=None, repr=False)
    output_format: str = "png"

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}; got {self.layout!r}")
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {self.format!r}")
        if self.font_family not in FONT_FAMILIES:
            raise ValueError(
                f"font_family must be one of {', '.join(FONT_FAMILIES)}; got {self.font_family!r}"
            )
        if self.output_format not in OUTPUT_FORMATS:
            raise ValueError(
                f"output_format must be one of {', '.join(OUTPUT_FORMATS)}; "
                f"got {self.output_format!r}"
            )
        if not isinstance(self.language, str) or not _LANGUAGE.fullmatch(self.language):
            raise ValueError(
                f"language must be a BCP 47 tag such as 'en', 'fr', 'ar'; got {self.language!r}"
            )
        for name in ("background_color", "text_color", "accent_color"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _HEX_COLOR.fullmatch(value):
                raise ValueError(f"{name} must be a colour like '#1A2B3C'; got {value!r}")
            object.__setattr__(self, name, value.upper())
        for name, limit in MAX_LENGTHS.items():
            value = getattr(self, name)
            if not isinstance(value, str):
                raise ValueError(f"{name} must be a string; got {type(value).__name__}")
            value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").strip())
            bad = next((c for c in value if unicodedata.category(c) == "Cc" and c != "\n"), None)
            if bad is not None:
                raise ValueError(f"{name} contains a control character (U+{ord(bad):04X})")
            if len(value) > limit:
                raise ValueError(f"{name} is too long: {len(value)} characters (max {limit})")
            object.__setattr__(self, name, value)
        required = {
            "quote_card": ("quote",),
            "statistic_card": ("headline",),
            "cta_card": ("headline",),
        }[self.layout]
        for name in required:
            if not getattr(self, name):
                raise ValueError(f"{name} is required for the {self.layout} layout")
        if self.layout == "cta_card" and not (self.cta_text or self.cta_contact):
            raise ValueError("cta_card needs cta_text or cta_contact")
        if self.logo is not None:
            if not isinstance(self.logo, bytes | bytearray):
                raise ValueError("logo must be image bytes or None")
            object.__setattr__(self, "logo", bytes(self.logo))
            if not self.logo:
                raise ValueError("logo is empty; pass None for no logo")
            if len(self.logo) > MAX_LOGO_BYTES:
                raise ValueError("logo is larger than 5 MiB")
            if not _looks_like_allowed_image(self.logo):
                raise ValueError("logo must be a sanitised PNG, JPEG or WebP image")

    @property
    def size(self) -> tuple[int, int]:
        return FORMATS[self.format]

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0] in RTL_LANGUAGES else "ltr"


def _looks_like_allowed_image(data: bytes) -> bool:
    return (
        data.startswith(b"\x89PNG\r\n\x1a\n")
        or data.startswith(b"\xff\xd8\xff")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
    )


# --------------------------------------------------------------------------- results

Rect = tuple[int, int, int, int]  # left, top, right, bottom (right/bottom exclusive)


@dataclass(frozen=True)
class TextBox:
    role: str
    allotted: Rect
    actual: Rect | None  # union of textbbox() of the drawn lines; None if nothing drawn
    font_family: str
    font_size: int
    direction: str  # base direction of the first paragraph
    lines: tuple[str, ...]
    truncated: bool


@dataclass(frozen=True)
class RenderedCard:
    data: bytes = field(repr=False)
    width: int
    height: int
    mime_type: str
    boxes: tuple[TextBox, ...]
    input_hash: str


# --------------------------------------------------------------------------- fonts


@functools.cache
def font_path(family_key: str) -> Path:
    """Locate the font file through fontpkg's entry-point registry (no hard-coded paths)."""
    fam = fontpkg.family(FONT_FAMILIES[family_key])
    return fontpkg.select_file(fam, 400, "normal").path


@functools.cache
def font_hashes() -> dict[str, str]:
    """sha256 of each font file's content; computed once per process."""
    return {key: hashlib.sha256(font_path(key).read_bytes()).hexdigest() for key in FONT_FAMILIES}


@functools.lru_cache(maxsize=512)
def get_font(family_key: str, size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(font_path(family_key)), size, layout_engine=ImageFont.Layout.RAQM)
    values = []
    for axis in font.get_variation_axes():
        name = axis["name"]
        name = name.decode("ascii", "replace") if isinstance(name, bytes) else str(name)
        values.append(float(weight) if name.lower() in ("weight", "wght") else axis["default"])
    if values:
        font.set_variation_by_axes(values)
    return font


@functools.cache
def font_coverage(family_key: str) -> frozenset[int]:
    """Code points mapped by the font's cmap (format 4 and 12 subtables)."""
    return frozenset(_parse_cmap(font_path(family_key).read_bytes()))


def _parse_cmap(data: bytes) -> set[int]:
    num_tables = struct.unpack_from(">H", data, 4)[0]
    cmap_offset = None
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        return set()
    n_sub = struct.unpack_from(">H", data, cmap_offset + 2)[0]
    subtables = {}
    for i in range(n_sub):
        pid, eid, off = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        subtables[(pid, eid)] = cmap_offset + off
    covered: set[int] = set()
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 12:
            base = subtables[key]
            n_groups = struct.unpack_from(">I", data, base + 12)[0]
            for g in range(n_groups):
                start, end, _ = struct.unpack_from(">III", data, base + 16 + 12 * g)
                covered.update(range(start, min(end, 0x10FFFF) + 1))
            return covered
    for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 4:
            base = subtables[key]
            seg_x2 = struct.unpack_from(">H", data, base + 6)[0]
            seg = seg_x2 // 2
            ends = struct.unpack_from(f">{seg}H", data, base + 14)
            starts = struct.unpack_from(f">{seg}H", data, base + 16 + seg_x2)
            deltas = struct.unpack_from(f">{seg}h", data, base + 16 + 2 * seg_x2)
            ro_base = base + 16 + 3 * seg_x2
            range_offsets = struct.unpack_from(f">{seg}H", data, ro_base)
            for i in range(seg):
                for c in range(starts[i], ends[i] + 1):
                    if c == 0xFFFF:
                        continue
                    if range_offsets[i] == 0:
                        glyph = (c + deltas[i]) & 0xFFFF
                    else:
                        addr = ro_base + 2 * i + range_offsets[i] + 2 * (c - starts[i])
                        glyph = struct.unpack_from(">H", data, addr)[0]
                        glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                    if glyph:
                        covered.add(c)
            return covered
    return covered


def _is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def choose_family(text: str, preferred: str) -> str:
    """Font family for one paragraph: Arabic script forces Noto Sans Arabic; otherwise the
    preferred family if it covers every visible character, else the better-covering one."""
    if any(_is_arabic(c) for c in text):
        return "noto_sans_arabic"
    visible = {ord(c) for c in text if unicodedata.category(c) not in ("Zs", "Cf", "Cc")}
    order = [preferred, *(k for k in FONT_FAMILIES if k != preferred)]
    return max(order, key=lambda k: (len(visible & font_coverage(k)), -order.index(k)))


def base_direction(text: str, default: str = "ltr") -> str:
    """Paragraph base direction from the first strong character (UAX #9, P2/P3)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            return "ltr"
        if bidi in ("R", "AL"):
            return "rtl"
    return default


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


@functools.lru_cache(maxsize=65536)
def _width(family: str, size: int, weight: int, text: str, direction: str, lang: str | None):
    return get_font(family, size, weight).getlength(text, direction=direction, language=lang)


@functools.lru_cache(maxsize=65536)
def _bbox(
    family: str, size: int, weight: int, text: str, direction: str, lang: str | None, anchor: str
):
    # mode "L" is what ImageDraw.textbbox passes for antialiased text: same numbers.
    return get_font(family, size, weight).getbbox(
        text, mode="L", direction=direction, language=lang, anchor=anchor
    )


def _graphemes(word: str) -> list[str]:
    """Approximate grapheme clusters: a base character plus following marks/joiners."""
    out: list[str] = []
    for ch in word:
        if out and (unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in "\u200d\u200c"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _break_word(word: str, fits) -> list[str]:
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


_REF_SIZE = 256  # word widths are measured once at this size and scaled for estimates


@functools.lru_cache(maxsize=4096)
def _units(text: str) -> tuple[str, ...]:
    """Unbreakable units for wrapping, in logical order: whitespace-separated words, except
    that a token made only of closing punctuation ("?", "!", ":", "»") stays with the word
    before it and an opening one ("«", "(") with the word after it — French spacing
    ("proche ?") must not start a line with "?"."""
    units: list[str] = []
    opening = ""
    for token in text.split():
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
_LEADING = {"noto_sans": 1.2, "noto_sans_arabic": 1.6}
_INK_HEIGHT = {"noto_sans": 1.0, "noto_sans_arabic": 1.3}  # typical ink of one line, em


def _line_step(family: str, size: int, line_spacing: float) -> int:
    return round(size * _LEADING[family] * line_spacing)


def _line_metrics(family: str, size: int, weight: int) -> tuple[int, int]:
    """(ascent, descent) used for line placement. Noto Sans Arabic's font-wide metrics
    (~2.1 em) are sized for the tallest stacked marks and make paragraphs look
    double-spaced, so a tighter design box is used; containment is still verified with
    real glyph bounding boxes."""
    if family == "noto_sans_arabic":
        return round(size * 1.1), round(size * 0.55)
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
) -> _Fitted:
    """Wrap and size ``text`` into ``box`` (see module docstring)."""
    lang_rtl = language.split("-")[0] in RTL_LANGUAGES
    paras = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        direction = base_direction(raw, card_direction)
        lang = language if (direction == "rtl") == lang_rtl else None
        if direction == "rtl" and lang is None:
            lang = "ar"
        paras.append(_Para(raw.strip(), choose_family(raw, preferred_family), direction, lang))

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


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Slot:
    role: str
    text: str
    share: float  # share of the stacked content height
    max_size: int
    min_size: int
    weight: int
    color: str  # "text" or "accent"


def _slots(spec: CardSpec) -> list[_Slot]:
    if spec.layout == "quote_card":
        slots = [
            _Slot("headline", spec.headline, 0.16, 60, 22, 700, "accent"),
            _Slot("quote", spec.quote, 0.56, 84, 24, 500, "text"),
            _Slot("attribution", spec.attribution, 0.10, 34, 16, 400, "text"),
        ]
    elif spec.layout == "statistic_card":
        slots = [
            _Slot("headline", spec.headline, 0.30, 230, 36, 800, "accent"),
            _Slot("body", spec.body, 0.36, 64, 22, 400, "text"),
            _Slot("attribution", spec.attribution, 0.09, 34, 16, 400, "text"),
        ]
    else:
        slots = [
            _Slot("headline", spec.headline, 0.34, 120, 28, 800, "text"),
            _Slot("cta", spec.cta_text, 0.24, 64, 22, 400, "text"),
            _Slot("contact", spec.cta_contact, 0.20, 88, 22, 700, "accent"),
            _Slot("attribution", spec.attribution, 0.08, 30, 16, 400, "text"),
        ]
    return [s for s in slots if s.text]


def _footer_text(spec: CardSpec) -> str:
    if spec.layout == "cta_card":
        return ""
    return "\n".join(t for t in (spec.cta_text, spec.cta_contact) if t)


def _plan(spec: CardSpec) -> tuple[list[tuple[_Slot, Rect]], Rect | None, Rect, Rect]:
    """Allotted rectangles: (slot, rect) for the stacked roles, the footer CTA rect,
    the logo rect and the accent-bar rect."""
    w, h = spec.size
    unit = min(w, h)
    margin = round(unit * 0.075)
    gap = round(h * 0.02)
    scale = min(1.1, (w * h) ** 0.5 / 1080)
    footer_h = round(h * (0.11 if h > w else 0.15 if w > h else 0.13))
    bar = (margin, margin, margin + round(unit * 0.12), margin + max(6, round(unit * 0.012)))
    top = bar[3] + 2 * gap
    bottom = h - margin - footer_h - gap
    slots = _slots(spec)
    total = sum(s.share for s in slots)
    avail = bottom - top - gap * (len(slots) - 1)
    planned: list[tuple[_Slot, Rect]] = []
    y = top
    for i, s in enumerate(slots):
        sh = bottom - y if i == len(slots) - 1 else int(avail * s.share / total)
        scaled = _Slot(
            s.role,
            s.text,
            s.share,
            max(14, round(s.max_size * scale)),
            max(14, round(s.min_size * scale)),
            s.weight,
            s.color,
        )
        planned.append((scaled, (margin, y, w - margin, y + sh)))
        y += sh + gap
    logo_w = round(w * 0.24)
    fy0, fy1 = h - margin - footer_h, h - margin
    rtl = spec.direction == "rtl"
    logo = (
        (margin, fy0, margin + logo_w, fy1) if rtl else (w - margin - logo_w, fy0, w - margin, fy1)
    )
    footer_cta = (
        (margin + logo_w + gap, fy0, w - margin, fy1)
        if rtl
        else (margin, fy0, w - margin - logo_w - gap, fy1)
    )
    if rtl:
        bar = (w - bar[2], bar[1], w - bar[0], bar[3])
    return planned, footer_cta, logo, bar


# --------------------------------------------------------------------------- render


def input_hash(spec: CardSpec) -> str:
    """sha256 over every input that can change the output bytes."""
    payload = {f.name: getattr(spec, f.name) for f in fields(spec) if f.name != "logo"}
    payload["logo_sha256"] = hashlib.sha256(spec.logo).hexdigest() if spec.logo else None
    payload["renderer_version"] = RENDERER_VERSION
    payload["fonts"] = font_hashes()
    payload["engine"] = _engine_versions()
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@functools.cache
def _engine_versions() -> dict[str, str | None]:
    return {
        "pillow": PIL.__version__,
        "freetype": features.version("freetype2"),
        "raqm": features.version("raqm"),
        "harfbuzz": features.version("harfbuzz"),
        "fribidi": features.version("fribidi"),
        "zlib": features.version("zlib"),
        "webp": features.version("webp"),
        "jpeg": features.version("jpg"),
    }


def render_card_if_changed(
    spec: CardSpec, previous_hash: str | None
) -> tuple[str, RenderedCard | None]:
    """Return (hash, None) without any image work when the inputs are unchanged."""
    digest = input_hash(spec)
    if digest == previous_hash:
        return digest, None
    return digest, render_card(spec, _digest=digest)


def render_card(spec: CardSpec, *, _digest: str | None = None) -> RenderedCard:
    if not isinstance(spec, CardSpec):
        raise TypeError("render_card expects a CardSpec")
    w, h = spec.size
    colors = {"text": spec.text_color, "accent": spec.accent_color}
    planned, footer_cta, logo_rect, bar = _plan(spec)
    jobs: list[tuple[str, Rect, _Fitted, str]] = []
    for slot, rect in planned:
        kwargs = {
            "preferred_family": spec.font_family,
            "card_direction": spec.direction,
            "language": spec.language,
            "max_size": slot.max_size,
            "min_size": slot.min_size,
            "weight": slot.weight,
            "line_spacing": 0.95 if slot.role == "headline" else 1.1,
        }
        fitted = None
        if spec.layout == "statistic_card" and slot.role == "headline":
            # A figure like "7 in 10" reads best on one line, even if smaller.
            fitted = fit_text(slot.text, rect, max_lines=1, **kwargs)
            if fitted.truncated or len(fitted.lines) != 1:
                fitted = None
        if fitted is None:
            fitted = fit_text(slot.text, rect, **kwargs)
        jobs.append((slot.role, rect, fitted, colors[slot.color]))
    footer = _footer_text(spec)
    if footer and footer_cta is not None:
        scale = min(1.1, (w * h) ** 0.5 / 1080)
        fitted = fit_text(
            footer,
            footer_cta,
            preferred_family=spec.font_family,
            card_direction=spec.direction,
            language=spec.language,
            max_size=round(40 * scale),
            min_size=max(14, round(16 * scale)),
            weight=600,
            line_spacing=1.0,
        )
        jobs.append(("cta", footer_cta, fitted, spec.text_color))

    canvas = Image.new("RGB", (w, h), spec.background_color)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((bar[0], bar[1], bar[2] - 1, bar[3] - 1), fill=spec.accent_color)
    boxes: list[TextBox] = []
    for role, rect, fitted, color in jobs:
        union: list[float] | None = None
        for line in fitted.lines:
            p = line.para
            font = get_font(p.family, fitted.size, fitted.weight)
            kwargs = {"direction": p.direction, "language": p.language, "anchor": line.anchor}
            draw.text((line.x, line.y), line.text, font=font, fill=color, **kwargs)
            # Exactly what draw.textbbox() computes for these arguments (font.getbbox in
            # mode "L" offset by the position), taken from the fitting cache.
            rel = _bbox(p.family, fitted.size, fitted.weight, line.text, p.direction,
                        p.language, line.anchor)  # fmt: skip
            bb = (rel[0] + line.x, rel[1] + line.y, rel[2] + line.x, rel[3] + line.y)
            union = (
                list(bb)
                if union is None
                else [min(union[0], bb[0]), min(union[1], bb[1]), max(union[2], bb[2]),
                      max(union[3], bb[3])]
            )  # fmt: skip
        first = fitted.lines[0].para if fitted.lines else None
        boxes.append(
            TextBox(
                role=role,
                allotted=rect,
                actual=tuple(int(v) for v in union) if union else None,  # type: ignore[arg-type]
                font_family=first.family if first else spec.font_family,
                font_size=fitted.size,
                direction=first.direction if first else spec.direction,
                lines=tuple(line.text for line in fitted.lines),
                truncated=fitted.truncated,
            )
        )
    if spec.logo:
        _paste_logo(canvas, spec.logo, logo_rect, spec.direction)
    data = _encode(canvas, spec.output_format)
    return RenderedCard(
        data=data,
        width=w,
        height=h,
        mime_type=OUTPUT_FORMATS[spec.output_format],
        boxes=tuple(boxes),
        input_hash=_digest or input_hash(spec),
    )


def _paste_logo(canvas: Image.Image, data: bytes, rect: Rect, direction: str) -> None:
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as src:
            if src.width * src.height > 16_000_000:
                raise ValueError("logo image has too many pixels")
            src.load()
            logo = src.convert("RGBA")
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError("logo could not be decoded as an image") from exc
    box_w, box_h = rect[2] - rect[0], rect[3] - rect[1]
    ratio = min(box_w / logo.width, box_h / logo.height)
    size = (max(1, round(logo.width * ratio)), max(1, round(logo.height * ratio)))
    logo = logo.resize(size, Image.Resampling.LANCZOS)
    x = rect[0] if direction == "rtl" else rect[2] - size[0]
    y = rect[3] - size[1]
    canvas.paste(logo, (x, y), logo)


def _encode(canvas: Image.Image, output_format: str) -> bytes:
    """Encode from a fresh image with empty .info, passing no metadata options."""
    buf = io.BytesIO()
    if output_format == "png":
        canvas.save(buf, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    elif output_format == "jpeg":
        canvas.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
    else:
        canvas.save(buf, "WEBP", quality=WEBP_QUALITY, method=4, exact=False)
    return buf.getvalue()
