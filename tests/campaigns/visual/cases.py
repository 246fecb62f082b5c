"""The cards of the visual regression suite (every layout x format x script) and how they
are reduced for comparison. ``python -m tests.campaigns.visual.cases`` rewrites the
reference PNGs next to this file: run it only after looking at the new cards, and commit
the PNGs with the change that explains them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from campaigns.rendering import FORMATS, LAYOUTS, CardSpec, render_card

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
CASES = [(layout, fmt, script) for layout in LAYOUTS for fmt in FORMATS for script in TEXTS]


def spec(layout: str, fmt: str, script: str, **overrides: str) -> CardSpec:
    texts = dict(TEXTS[script])
    if layout != "statistic_card":
        texts["statistic"] = ""
    texts.update(overrides)
    return CardSpec(
        layout=layout,
        format=fmt,
        font_family="noto_sans_arabic" if script == "arabic" else "noto_sans",
        background_color="#12263A",
        text_color="#FFFFFF",
        accent_color="#F4B942",
        **texts,
    )


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
