"""What a card is made of: the validated CardSpec, its limits, and the rendered result."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

RENDERER_VERSION = "1.5.0"  # 1.1 bidi isolates; 1.2 fonts per script, quotes; 1.3 fields; 1.4 runs;
# 1.5 carousel slides and the photo card

FORMATS: dict[str, tuple[int, int]] = {
    "square": (1080, 1080),
    "landscape": (1200, 675),
    "story": (1080, 1920),
}
LAYOUTS: tuple[str, ...] = ("quote_card", "statistic_card", "cta_card", "carousel", "photo_card")
# A carousel is several cards posted together (one rendition per slide): a cover with the
# headline and body, one slide per quote, and a closing slide with the call to action.
SLIDE_KINDS: tuple[str, ...] = ("cover", "quote", "closing")
MAX_SLIDES = 10  # what the social platforms take in one carousel post
MAX_CAROUSEL_QUOTES = MAX_SLIDES - 2
FONT_FAMILIES: dict[str, str] = {
    "noto_sans": "noto-sans",
    "noto_sans_arabic": "noto-sans-arabic",
    # Display faces, for headlines only (chosen per script by fonts.choose_family).
    "noto_sans_display": "noto-sans-display",
    "noto_kufi_arabic": "noto-kufi-arabic",
}
TEMPLATE_FONT_FAMILIES = ("noto_sans", "noto_sans_arabic")  # what a template may name
OUTPUT_FORMATS: dict[str, str] = {
    "png": "image/png",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ku", "he", "yi", "dv", "sd", "ug"})
ROLES = ("statistic", "headline", "quote", "body", "attribution", "cta", "contact")

# What each layout draws, by the message's fields, with how many of each (quotes: how many
# excerpts). Anything filled beyond this is not on the card: ``undrawn_fields`` says so in
# the preview, the review page and the admin form. The statistic card has no attribution:
# its texts are the editor's, and an attribution line under them would read as testimony.
TEMPLATE_FIELDS: dict[str, dict[str, int]] = {
    "quote_card": {"headline": 1, "quotes": 3, "attribution": 1, "cta": 1, "logo": 1},
    "statistic_card": {"statistic": 1, "headline": 1, "body": 1, "cta": 1, "logo": 1},
    "cta_card": {
        "headline": 1,
        "body": 1,
        "quotes": 1,
        "attribution": 1,
        "cta": 1,
        "logo": 1,
    },
    # Every quote on a slide of its own (up to MAX_CAROUSEL_QUOTES), with its attribution;
    # the headline and body on the cover, the call to action on the closing slide.
    "carousel": {
        "headline": 1,
        "body": 1,
        "quotes": MAX_CAROUSEL_QUOTES,
        "attribution": 1,
        "cta": 1,
        "logo": 1,
    },
    # One testimony over the template's background photo, under an overlay that keeps
    # every text at WCAG AA contrast whatever the photo (see photo.py).
    "photo_card": {"headline": 1, "quotes": 1, "attribution": 1, "cta": 1, "logo": 1},
}
FIELD_LABELS = {
    "statistic": "statistic",
    "headline": "headline",
    "body": "body",
    "quotes": "quotes",
    "attribution": "attribution",
    "cta": "call to action",
    "logo": "logo",
}
LAYOUT_LABELS = {
    "quote_card": "quote card",
    "statistic_card": "statistic card",
    "cta_card": "call-to-action card",
    "carousel": "carousel",
    "photo_card": "photo card",
}


def undrawn_fields(layout: str, filled: dict[str, int]) -> list[tuple[str, str]]:
    """(field, what to tell the editor) for every filled field the layout does not draw,
    or draws fewer of than are filled (quotes). ``filled`` maps field names of
    TEMPLATE_FIELDS to how many there are (0 or 1; the number of quotes)."""
    drawn = TEMPLATE_FIELDS[layout]
    name = LAYOUT_LABELS[layout]
    out = []
    for key, count in filled.items():
        shown = drawn.get(key, 0)
        if count <= shown:
            continue
        label = FIELD_LABELS.get(key, key)
        if shown == 0:
            out.append((key, f"The {name} does not show the {label}; choose another template "
                               f"or clear the {label}."))  # fmt: skip
        else:
            out.append((key, f"The {name} shows {shown} of the {count} {label}; the others "
                               "are not on the card."))  # fmt: skip
    return out


# Fixed encoder settings (part of the renderer's contract, hence of RENDERER_VERSION).
PNG_COMPRESS_LEVEL = 3  # measured: ~2x faster than the default 6 for ~5% larger files
JPEG_QUALITY = 90
WEBP_QUALITY = 90

MAX_LENGTHS = {
    "headline": 200,
    "statistic": 40,
    "body": 600,
    "quote": 1000,
    "attribution": 200,
    "cta_text": 200,
    "cta_contact": 200,
}
# The texts a card cannot be drawn without, by layout and slide kind ("": not a carousel).
# A carousel has a slide per quote and at least one (carousel_slides), so it needs a quote too.
REQUIRED_TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "quote_card": {"": ("quote",)},
    "statistic_card": {"": ("headline",)},
    "cta_card": {"": ("headline",)},
    "photo_card": {"": ("quote",)},
    "carousel": {"cover": ("headline",), "quote": ("quote",), "closing": ()},
}
MAX_LOGO_BYTES = 5 * 1024 * 1024
# A photo, sanitised and at most 2160 px a side, re-encoded as PNG: about 14 MB at worst.
MAX_PHOTO_BYTES = 16 * 1024 * 1024
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
    statistic: str = ""
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
    # The photo card's background (sanitised image bytes, like the logo).
    background_photo: bytes | None = field(default=None, repr=False)
    # Carousels only: which slide this card is, of how many, and what it shows.
    slide_kind: str = ""
    slide: int = 0
    slides: int = 1

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}; got {self.layout!r}")
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {self.format!r}")
        if self.font_family not in TEMPLATE_FONT_FAMILIES:
            raise ValueError(
                f"font_family must be one of {', '.join(TEMPLATE_FONT_FAMILIES)}; "
                f"got {self.font_family!r}"
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
        self._check_slide()
        for name in REQUIRED_TEXTS[self.layout].get(self.slide_kind, ()):
            if not getattr(self, name):
                raise ValueError(f"{name} is required for the {self.layout} layout")
        needs_cta = self.layout == "cta_card" or self.slide_kind == "closing"
        if needs_cta and not (self.cta_text or self.cta_contact):
            raise ValueError(f"{self.slide_kind or self.layout} needs cta_text or cta_contact")
        for name in ("logo", "background_photo"):
            self._check_image(name)

    def _check_slide(self) -> None:
        for name in ("slide", "slides"):
            if type(getattr(self, name)) is not int:
                raise ValueError(f"{name} must be an integer")
        if self.layout != "carousel":
            if (self.slide_kind, self.slide, self.slides) != ("", 0, 1):
                raise ValueError("only a carousel has slides")
            return
        if self.slide_kind not in SLIDE_KINDS:
            raise ValueError(
                f"slide_kind must be one of {', '.join(SLIDE_KINDS)}; got {self.slide_kind!r}"
            )
        if not 1 <= self.slides <= MAX_SLIDES or not 0 <= self.slide < self.slides:
            raise ValueError(f"a carousel has 1 to {MAX_SLIDES} slides, numbered from 0")

    def _check_image(self, name: str) -> None:
        value = getattr(self, name)
        if value is None:
            return
        if not isinstance(value, bytes | bytearray):
            raise ValueError(f"{name} must be image bytes or None")
        value = bytes(value)
        object.__setattr__(self, name, value)
        if not value:
            raise ValueError(f"{name} is empty; pass None for none")
        limit = MAX_PHOTO_BYTES if name == "background_photo" else MAX_LOGO_BYTES
        if len(value) > limit:
            raise ValueError(f"{name} is larger than {limit // 2**20} MiB")
        if not _looks_like_allowed_image(value):
            raise ValueError(f"{name} must be a sanitised PNG, JPEG or WebP image")

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
    # Per line, its font runs left to right: (text, font family, pen x, baseline y).
    runs: tuple[tuple[tuple[str, str, int, int], ...], ...] = ()


@dataclass(frozen=True)
class RenderedCard:
    data: bytes = field(repr=False)
    width: int
    height: int
    mime_type: str
    boxes: tuple[TextBox, ...]
    input_hash: str
