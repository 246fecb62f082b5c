"""Fonts chosen per script run inside a paragraph (issue 15, deliverable 2): a Latin name in
an Arabic quote is drawn with the Latin Noto face, an Arabic word in an English sentence
with Noto Sans Arabic; checked on the runs the renderer reports and on its pixels."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from campaigns.rendering import CardSpec, get_font, render_card
from campaigns.rendering.fitting import text_args, use_raqm
from campaigns.rendering.fonts import RAQM_AVAILABLE
from campaigns.rendering.runs import font_runs

ENGINES = [False, True] if RAQM_AVAILABLE else [False]


@pytest.fixture(params=ENGINES, ids=lambda raqm: "raqm" if raqm else "basic")
def engine(request):
    use_raqm(request.param)
    yield request.param
    use_raqm(RAQM_AVAILABLE)


def test_runs_of_a_mixed_arabic_line_in_visual_order():
    runs = font_runs("قال لي Ahmed Ali إن الوعود كاذبة 2015", "rtl", "noto_sans_arabic")
    assert [(t.strip(), f) for t, _, f in runs] == [
        ("2015", "noto_sans_arabic"),  # digits keep the paragraph's face
        ("إن الوعود كاذبة", "noto_sans_arabic"),
        ("Ahmed Ali", "noto_sans"),
        ("قال لي", "noto_sans_arabic"),
    ]
    assert [d for _, d, _ in runs] == ["ltr", "rtl", "ltr", "rtl"]


def test_runs_of_a_latin_line_with_an_arabic_word():
    runs = font_runs("He said مرحبا to me", "ltr", "noto_sans")
    assert [(t, f) for t, _, f in runs] == [
        ("He said ", "noto_sans"),
        ("مرحبا", "noto_sans_arabic"),
        (" to me", "noto_sans"),
    ]
    # Display faces pair with display faces.
    assert font_runs("لقد كذب Daesh", "rtl", "noto_kufi_arabic")[0][2] == "noto_sans_display"


def test_a_single_script_line_is_one_run():
    assert font_runs("اتصل على +33 800 000 000", "rtl", "noto_sans_arabic") == (
        ("اتصل على +33 800 000 000", "rtl", "noto_sans_arabic"),
    )
    assert len(font_runs("Plain English, 2015.", "ltr", "noto_sans")) == 1


def _quote_card(quote: str, language: str = "ar") -> CardSpec:
    return CardSpec(
        layout="quote_card",
        format="square",
        language=language,
        headline="لقد كذبوا علينا" if language == "ar" else "They lied",
        quote=quote,
        font_family="noto_sans_arabic" if language == "ar" else "noto_sans",
        background_color="#FFFFFF",
        text_color="#000000",
        accent_color="#000000",
    )


def _patch(family: str, text: str, size: int, weight: int, direction: str):
    """``text`` drawn alone in ``family``: the ink, cropped to its box."""
    font = get_font(family, size, weight)
    drawn, kw = text_args(text, direction, None)
    im = Image.new("L", (size * len(text) * 2, size * 3), 255)
    ImageDraw.Draw(im).text((size // 2, size * 2), drawn, font=font, fill=0, anchor="ls", **kw)
    return im.crop(ImageChops.invert(im).getbbox())


def test_the_latin_name_is_drawn_in_the_latin_face(engine):
    card = render_card(_quote_card("قال لي Ahmed إن الوعود كانت كاذبة"))
    quote = next(b for b in card.boxes if b.role == "quote")
    pieces = [p for line in quote.runs for p in line]
    name = [p for p in pieces if p[0] == "Ahmed"]
    assert name and name[0][1] == "noto_sans", pieces
    assert {p[1] for p in pieces if p[0] != "Ahmed"} == {"noto_sans_arabic"}


def test_the_pixels_of_a_latin_name_in_an_arabic_headline_are_the_latin_faces(engine):
    # Noto Sans Arabic's Latin letters are Noto Sans's; Noto Kufi Arabic's are its own,
    # wider than Noto Sans Display's: the drawn ink tells which face drew the name.
    spec = _quote_card("ذهبت لأنهم وعدوني بعائلة")
    card = render_card(CardSpec(**{**spec.__dict__, "headline": "كذب علينا Daesh"}))
    headline = next(b for b in card.boxes if b.role == "headline")
    (line,) = headline.runs
    name = next(p for p in line if p[0].strip() == "Daesh")
    assert name[1] == "noto_sans_display", line
    size = headline.font_size
    ours = _patch("noto_sans_display", "Daesh", size, 700, "ltr")
    theirs = _patch("noto_kufi_arabic", "Daesh", size, 700, "ltr")
    assert abs(ours.width - theirs.width) >= 3, (ours.size, theirs.size)
    _, _, x, y = name
    with Image.open(io.BytesIO(card.data)) as im:
        grey = im.convert("L")
    # The name is the leftmost run; its pen starts at x. Look from there to the first gap.
    region = grey.crop((x - 4, y - size * 2, x + theirs.width + size // 8, y + size // 2))
    drawn = region.crop(ImageChops.invert(region).getbbox())
    assert abs(drawn.width - ours.width) <= 2, (drawn.size, ours.size, theirs.size)
    a = drawn.resize(ours.size)
    assert ImageStat.Stat(ImageChops.difference(a, ours)).mean[0] < 20


def test_an_english_quote_with_an_arabic_word_keeps_the_latin_face(engine):
    card = render_card(_quote_card("My brother wrote مرحبا on the wall", language="en"))
    quote = next(b for b in card.boxes if b.role == "quote")
    assert quote.font_family == "noto_sans"
    families = {p[1]: p[0] for line in quote.runs for p in line}
    assert families["noto_sans_arabic"] == "مرحبا"
