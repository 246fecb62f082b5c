"""Fonts: located through fontpkg, cached per size and weight, chosen per paragraph by coverage."""

from __future__ import annotations

import functools
import hashlib
import struct
import unicodedata
from pathlib import Path

import fontpkg
from PIL import ImageFont, features

from campaigns.rendering.spec import _ARABIC_RANGES, FONT_FAMILIES

# --------------------------------------------------------------------------- fonts


@functools.cache
def font_path(family_key: str) -> Path:
    """Locate the font file through fontpkg's entry-point registry (no hard-coded paths)."""
    fam = fontpkg.family(FONT_FAMILIES[family_key])
    path: Path = fontpkg.select_file(fam, 400, "normal").path  # fontpkg is untyped
    return path


@functools.cache
def font_hashes() -> dict[str, str]:
    """sha256 of each font file's content; computed once per process."""
    return {key: hashlib.sha256(font_path(key).read_bytes()).hexdigest() for key in FONT_FAMILIES}


# raqm needs a FriBiDi that Pillow's wheels load at run time (they do not bundle it); without
# it text is drawn with the basic layout from bidi.visual_line. See bidi.py.
RAQM_AVAILABLE: bool = bool(features.check_feature("raqm"))
_ENGINE = {"raqm": RAQM_AVAILABLE}


def raqm_enabled() -> bool:
    return _ENGINE["raqm"]


@functools.lru_cache(maxsize=512)
def get_font(family_key: str, size: int, weight: int) -> ImageFont.FreeTypeFont:
    """Cached per (family, size, weight); fitting.use_raqm clears it when the engine changes."""
    engine = ImageFont.Layout.RAQM if _ENGINE["raqm"] else ImageFont.Layout.BASIC
    font = ImageFont.truetype(str(font_path(family_key)), size, layout_engine=engine)
    values: list[float] = []
    for axis in font.get_variation_axes():
        raw: bytes | str = axis["name"]
        name = raw.decode("ascii", "replace") if isinstance(raw, bytes) else str(raw)
        default = axis["default"]
        if name.lower() in ("weight", "wght"):
            values.append(float(weight))
        elif default is not None:
            values.append(default)
        else:  # FreeType always reports a default; Pillow's type allows None
            raise ValueError(f"font axis {name!r} of {family_key!r} has no default")
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


def choose_family(text: str, preferred: str, headline: bool = False) -> str:
    """Font family for one paragraph, by script: Arabic script gets Noto Sans Arabic (Noto
    Kufi Arabic for headlines); anything else the Latin face (Noto Sans, Noto Sans Display
    for headlines) whatever the template prefers, so a French quote in an Arabic message
    gets Latin letters and Latin line spacing. Only if the Latin face lacks a character is
    the best-covering family taken (``preferred`` first)."""
    if any(_is_arabic(c) for c in text):
        return "noto_kufi_arabic" if headline else "noto_sans_arabic"
    latin = "noto_sans_display" if headline else "noto_sans"
    visible = {ord(c) for c in text if unicodedata.category(c) not in ("Zs", "Cf", "Cc")}
    if visible <= font_coverage(latin):
        return latin
    order = [latin, preferred, *(k for k in FONT_FAMILIES if k not in (latin, preferred))]
    return max(order, key=lambda k: (len(visible & font_coverage(k)), -order.index(k)))
