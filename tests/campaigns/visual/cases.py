"""The cards of the visual regression suite (every layout x format x script) and how they
are reduced for comparison. ``python -m tests.campaigns.visual.cases`` rewrites the
reference PNGs next to this file: run it only after looking at the new cards, and commit
the PNGs with the change that explains them."""

from __future__ import annotations

import dataclasses
import functools
import io
import sys
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from campaigns.rendering import FORMATS, LAYOUTS, CardSpec, carousel_slides, render_card

HERE = Path(__file__).parent
WIDTH = 128  # references are greyscale, this many pixels wide

TEXTS = {
    "latin": {
        "language": "en",
        "headline": "They lied to us",
        "quote": "I went because they promised me a family. What I found was fear.",
        "attribution": "Former member, Western Europe, 2015",
        "body": "Most returnees say the promises were false within the first month.",
        "cta_text": "Worried about someone? Talk to us.",
        "cta_contact": "+33 800 000 000",
        "statistic": "7 in 10",
    },
    "arabic": {
        "language": "ar",
        "headline": "لقد كذبوا علينا",
        "quote": "ذهبت لأنهم وعدوني بعائلة. ما وجدته كان الخوف.",
        "attribution": "مقاتل سابق، أوروبا الغربية، 2015",
        "body": "يقول معظم العائدين إن الوعود كانت كاذبة منذ الشهر الأول.",
        "cta_text": "هل أنت قلق على شخص ما؟ تحدث إلينا.",
        "cta_contact": "+33 800 000 000",
        "statistic": "7 من 10",
    },
}
SECOND_QUOTE = {
    "latin": ("The emir took the best houses; we ate bread and fear.", "Former member, 2016"),
    "arabic": ("أخذ الأمير أفضل البيوت، وأكلنا الخبز والخوف.", "عضو سابق، 2016"),
}
# A carousel is drawn slide by slide: its cover, a quote slide and its closing slide are
# cases of their own (the second quote's slide is drawn like the first).
SLIDES = {"carousel_cover": 0, "carousel_quote": 1, "carousel_closing": 3}
LAYOUT_CASES = [layout for layout in LAYOUTS if layout != "carousel"] + list(SLIDES)
CASES = [(layout, fmt, script) for layout in LAYOUT_CASES for fmt in FORMATS for script in TEXTS]
assert set(LAYOUTS) <= {case.split("_")[0] if case in SLIDES else case for case in LAYOUT_CASES}


@functools.cache
def photo(kind: str = "landscape") -> bytes:
    """A background photo drawn here, not taken from anywhere: a sky, a sun and hills
    (``landscape``), or a plain white or black one, the overlay's worst cases."""
    if kind in ("white", "black"):
        im = Image.new("RGB", (1600, 1200), kind)
    else:
        im = Image.new("RGB", (1600, 1200))
        draw = ImageDraw.Draw(im)
        for y in range(1200):
            draw.line([(0, y), (1600, y)], fill=(70 + y // 6, 140 + y // 12, 230 - y // 10))
        draw.ellipse((1150, 160, 1390, 400), fill=(255, 244, 200))
        draw.polygon([(0, 900), (420, 560), (880, 860), (1300, 600), (1600, 780), (1600, 1200),
                      (0, 1200)], fill=(46, 92, 60))  # fmt: skip
        draw.polygon([(0, 1050), (600, 820), (1600, 1000), (1600, 1200), (0, 1200)],
                     fill=(28, 60, 40))  # fmt: skip
    buffer = io.BytesIO()
    im.save(buffer, "PNG")
    return buffer.getvalue()


def spec(layout: str, fmt: str, script: str, **overrides: Any) -> CardSpec:
    texts = dict(TEXTS[script])
    if layout != "statistic_card":
        texts["statistic"] = ""
    extra: dict[str, Any] = {}
    if layout == "photo_card":
        extra["background_photo"] = photo()
    look = {
        "font_family": "noto_sans_arabic" if script == "arabic" else "noto_sans",
        "background_color": "#12263A",
        "text_color": "#FFFFFF",
        "accent_color": "#F4B942",
    }
    if layout in SLIDES:
        base = CardSpec(layout="carousel", format=fmt, slide_kind="cover", **look, **texts)
        quotes = [(texts["quote"], texts["attribution"]), SECOND_QUOTE[script]]
        return dataclasses.replace(carousel_slides(base, quotes)[SLIDES[layout]], **overrides)
    texts.update(overrides)
    return CardSpec(layout=layout, format=fmt, **look, **extra, **texts)


def reduced(data: bytes) -> Image.Image:
    """Greyscale, WIDTH pixels wide (box filter): what the comparison looks at."""
    with Image.open(io.BytesIO(data)) as im:
        height = round(im.height * WIDTH / im.width)
        return im.convert("L").resize((WIDTH, height), Image.Resampling.BOX)


def reference_path(layout: str, fmt: str, script: str) -> Path:
    return HERE / f"{layout}-{fmt}-{script}.png"


def main() -> None:
    for case in CASES:
        reduced(render_card(spec(*case)).data).save(reference_path(*case), optimize=True)
        print("wrote", reference_path(*case).name)


if __name__ == "__main__":
    sys.exit(main())
