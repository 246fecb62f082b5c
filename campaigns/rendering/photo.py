"""The photo card's background: the template's photo, cropped to the card, under an overlay
of the card's background colour that keeps the texts legible whatever the photo shows.

The overlay's opacity is the least for which every text colour (text and accent) keeps
WCAG AA contrast (4.5:1, with a margin for 8-bit rounding) against the overlay composited
over *any* photo pixel. Compositing is linear per channel and luminance grows with each
channel, so over all photos the composite's luminance ranges from the overlay over black to
the overlay over white; a colour's contrast against a luminance range is least at the end
nearer its own luminance, and is 1 if the range contains it. Checking both ends therefore
covers every photo, including the all-white and all-black ones the tests render.
"""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageOps

from campaigns.rendering.palettes import AA_NORMAL, _rgb, contrast_ratio, relative_luminance

MIN_CONTRAST = AA_NORMAL + 0.1  # the margin covers rounding of the composited pixels
MIN_OPACITY = 0.55  # below this the photo fights the type even where contrast allows it
MAX_PHOTO_PIXELS = 16_000_000
PHOTO_MAX_SIDE = 2160  # a story card is 1920 high: room to crop, nothing more


def _composite(overlay: tuple[int, int, int], under: int, opacity: float) -> tuple[int, int, int]:
    r, g, b = (round(c * opacity + under * (1 - opacity)) for c in overlay)
    return r, g, b


def _legible(colours: tuple[str, ...], overlay: str, opacity: float) -> bool:
    rgb = _rgb(overlay)
    ends = [_composite(rgb, under, opacity) for under in (0, 255)]
    for colour in colours:
        own = relative_luminance(colour)
        sides = {relative_luminance(end) > own for end in ends}
        if len(sides) > 1 or min(contrast_ratio(colour, end) for end in ends) < MIN_CONTRAST:
            return False
    return True


@functools.cache
def overlay_opacity(overlay: str, colours: tuple[str, ...]) -> float:
    """The least opacity (0.55 to 1, in steps of 0.01) of ``overlay`` over any photo at which
    every colour of ``colours`` keeps AA contrast; 1.0 if only an opaque overlay does."""
    for step in range(round(MIN_OPACITY * 100), 101):
        if _legible(colours, overlay, step / 100):
            return step / 100
    return 1.0


def photo_background(
    data: bytes, size: tuple[int, int], overlay: str, opacity: float
) -> Image.Image:
    """The card's canvas: the photo scaled to cover ``size`` (centred crop), under the
    overlay at ``opacity``."""
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as src:
            if src.width * src.height > MAX_PHOTO_PIXELS:
                raise ValueError("background photo has too many pixels")
            src.load()
            photo = src.convert("RGB")
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError("background photo could not be decoded as an image") from exc
    photo = ImageOps.fit(photo, size, Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    return Image.blend(photo, Image.new("RGB", size, overlay), opacity)
