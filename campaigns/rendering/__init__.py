"""
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

Bidi (see bidi.py): a paragraph's base direction is the message's unless most of its
letters are of the other direction. Each wrapped (logical) line gets its opposite-direction
runs (phone numbers, URLs, handles, Latin names) wrapped in isolates, then is drawn in one
call: with raqm (FriBiDi reorders and mirrors, HarfBuzz shapes) or, where Pillow has no
raqm, as a visual line from python-bidi and arabic-reshaper. RTL paragraphs are
right-aligned.

Fonts: chosen per paragraph by script and coverage (fonts.choose_family), then per run
inside each line (runs.py): a Latin name in an Arabic quote is drawn with the Latin Noto
face, an Arabic word in an English sentence with Noto Sans Arabic; digits and punctuation
keep the paragraph's face. ``TextBox.runs`` records each line's runs and their faces.

Carousels (carousel.py) are several cards, one per slide: a cover, one slide per quote, a
closing call to action; dots in the footer say which slide is which. The photo card
(photo.py) draws its texts over the template's photo under an overlay whose opacity keeps
AA contrast whatever the photo.

The package: spec (the validated input and the results), fonts, runs, bidi, fitting
(text fitting), layout (where each role goes), carousel, photo and draw (rendering and
encoding).
Every public name is re-exported here.
"""

from __future__ import annotations

from campaigns.rendering.bidi import (
    base_direction,
)
from campaigns.rendering.carousel import carousel_alt_texts, carousel_slides
from campaigns.rendering.draw import (
    image_digests,
    input_hash,
    render_card,
    render_card_if_changed,
)
from campaigns.rendering.fitting import (
    _bbox,
    _char_ref_width,
    _units,
    _width,
    _word_ref_widths,
    fit_text,
)
from campaigns.rendering.fonts import (
    choose_family,
    font_coverage,
    font_hashes,
    font_path,
    get_font,
)
from campaigns.rendering.spec import (
    ELLIPSIS,
    FONT_FAMILIES,
    FORMATS,
    JPEG_QUALITY,
    LAYOUTS,
    MAX_CAROUSEL_QUOTES,
    MAX_LENGTHS,
    MAX_LOGO_BYTES,
    OUTPUT_FORMATS,
    PNG_COMPRESS_LEVEL,
    RENDERER_VERSION,
    REQUIRED_TEXTS,
    ROLES,
    RTL_LANGUAGES,
    SLIDE_KINDS,
    TEMPLATE_FIELDS,
    WEBP_QUALITY,
    CardSpec,
    Rect,
    RenderedCard,
    TextBox,
    undrawn_fields,
)

__all__ = [
    "ELLIPSIS",
    "FONT_FAMILIES",
    "FORMATS",
    "JPEG_QUALITY",
    "LAYOUTS",
    "MAX_CAROUSEL_QUOTES",
    "MAX_LENGTHS",
    "MAX_LOGO_BYTES",
    "OUTPUT_FORMATS",
    "PNG_COMPRESS_LEVEL",
    "RENDERER_VERSION",
    "REQUIRED_TEXTS",
    "ROLES",
    "RTL_LANGUAGES",
    "SLIDE_KINDS",
    "TEMPLATE_FIELDS",
    "WEBP_QUALITY",
    "CardSpec",
    "Rect",
    "RenderedCard",
    "TextBox",
    "_bbox",
    "_char_ref_width",
    "_units",
    "_width",
    "_word_ref_widths",
    "base_direction",
    "carousel_alt_texts",
    "carousel_slides",
    "choose_family",
    "fit_text",
    "font_coverage",
    "font_hashes",
    "font_path",
    "get_font",
    "image_digests",
    "input_hash",
    "render_card",
    "render_card_if_changed",
    "undrawn_fields",
]
