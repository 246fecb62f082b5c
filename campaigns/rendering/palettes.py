"""Named colour palettes a campaign or a message may choose instead of the template's own
colours, and the WCAG 2.1 contrast ratio they are checked with.

Every palette passes WCAG AA for normal-size text both for its text colour and for its
accent colour on its background (4.5:1; the accent draws the headline, the big number and
the help-line); tests/campaigns/test_palettes.py checks it.
"""

from __future__ import annotations

from typing import NamedTuple


class Palette(NamedTuple):
    label: str
    background: str
    text: str
    accent: str


PALETTES: dict[str, Palette] = {
    "midnight": Palette("Midnight (navy, white, amber)", "#12263A", "#FFFFFF", "#F4B942"),
    "paper": Palette("Paper (cream, ink, brick)", "#FAF7F0", "#1B1B3A", "#A12A1E"),
    "forest": Palette("Forest (deep green, cream, sand)", "#0F3D2E", "#F5F1E6", "#E9C46A"),
    "dusk": Palette("Dusk (plum, white, coral)", "#2B193D", "#FFFFFF", "#FF9F80"),
    "slate": Palette("Slate (light grey, charcoal, blue)", "#F2F4F7", "#1F2933", "#0B5394"),
    "sunrise": Palette("Sunrise (peach, brown, red)", "#FFF4E0", "#2D1E12", "#A8201A"),
}
AA_NORMAL = 4.5  # WCAG 2.1 SC 1.4.3, normal text
AA_LARGE = 3.0  # large text (18 pt, or 14 pt bold)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str | tuple[int, int, int]) -> float:
    """WCAG relative luminance of ``#RRGGBB`` or an (r, g, b) triple."""
    rgb = _rgb(colour) if isinstance(colour, str) else colour
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str | tuple[int, int, int], b: str | tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette_choices() -> list[tuple[str, str]]:
    return [(key, p.label) for key, p in PALETTES.items()]
