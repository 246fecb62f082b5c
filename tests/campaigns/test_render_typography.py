"""Fonts per script, quotation marks per language, spacing (issue 15, problem 5), on
rendered cards."""

from __future__ import annotations

import dataclasses
import io
import itertools

import pytest
from PIL import Image

from campaigns.rendering import CardSpec, fit_text, font_path, render_card
from campaigns.rendering.layout import role_text
from campaigns.rendering.typography import NNBSP, quoted, typeset

FRENCH = "Je suis parti parce qu'on m'avait promis une famille. J'ai trouvé la peur."
BG = "#FFFFFF"


def card(layout="quote_card", fmt="square", language="ar", **fields) -> CardSpec:
    base = {
        "headline": "لقد كذبوا علينا",
        "quote": FRENCH,
        "attribution": "مقاتل سابق، 2015",
        "cta_text": "تحدث إلينا",
        "cta_contact": "+33 800 000 000",
        "body": "من العائدين قالوا إن الوعود كانت كاذبة.",
    }
    base.update(fields)
    return CardSpec(
        layout=layout,
        format=fmt,
        language=language,
        font_family="noto_sans_arabic" if language == "ar" else "noto_sans",
        background_color=BG,
        text_color="#000000",
        accent_color="#000000",
        **base,
    )


def ink_rows(data: bytes, box) -> list[int]:
    """y of every pixel row of ``box`` that holds ink."""
    im = Image.open(io.BytesIO(data)).convert("L").crop(box)
    w = im.width
    px = im.tobytes()
    return [box[1] + y for y in range(im.height) if min(px[y * w : (y + 1) * w]) < 128]


def line_gaps(rows: list[int]) -> list[int]:
    """Heights of the blank bands between ink runs."""
    gaps, prev = [], None
    for y in rows:
        if prev is not None and y - prev > 1:
            gaps.append(y - prev - 1)
        prev = y
    return gaps


def test_french_quote_in_arabic_message_gets_the_latin_font_and_latin_spacing():
    rendered = render_card(card())
    quote = next(b for b in rendered.boxes if b.role == "quote")
    assert quote.font_family == "noto_sans"
    assert quote.direction == "ltr" and len(quote.lines) >= 2
    # The line pitch on the image: Latin leading (~1.3 em here), not the Arabic font's ~2.
    fitted = fit_text(
        role_text(card(), "quote"),
        quote.allotted,
        preferred_family="noto_sans_arabic",
        card_direction="rtl",
        language="ar",
        max_size=quote.font_size,
        min_size=quote.font_size,
        weight=500,
        line_spacing=1.1,
    )
    pitch = fitted.lines[1].y - fitted.lines[0].y
    assert pitch <= 1.4 * quote.font_size, (pitch, quote.font_size)
    bands = line_gaps(ink_rows(rendered.data, quote.actual))
    assert bands and max(bands) < 0.7 * quote.font_size, bands


def test_headlines_use_the_display_faces_per_script():
    assert "Display" in font_path("noto_sans_display").name
    assert "Kufi" in font_path("noto_kufi_arabic").name
    ar = {b.role: b.font_family for b in render_card(card()).boxes}
    assert ar["headline"] == "noto_kufi_arabic" and ar["attribution"] == "noto_sans_arabic"
    en = render_card(card(language="en", headline="They lied to us", quote="We were lied to."))
    assert {b.role: b.font_family for b in en.boxes}["headline"] == "noto_sans_display"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "We were lied to.", "\u201cWe were lied to.\u201d"),
        ("fr", "On nous a menti.", f"\u00ab{NNBSP}On nous a menti.{NNBSP}\u00bb"),
        ("de", "Man hat uns belogen.", "\u201eMan hat uns belogen.\u201c"),
        ("ar", "لقد كذبوا علينا", "\u00abلقد كذبوا علينا\u00bb"),
        ("en", "\u201cAlready quoted\u201d", "\u201cAlready quoted\u201d"),
    ],
)
def test_quotes_get_the_languages_quotation_marks(language, text, expected):
    assert quoted(text, language) == expected
    assert quoted(expected, language) == expected  # idempotent


def test_apostrophes_and_straight_quotes_become_typographic():
    assert typeset("qu'on m'avait, don't, the members' word", "fr") == (
        "qu\u2019on m\u2019avait, don\u2019t, the members\u2019 word"
    )
    assert typeset('they said "come home"', "en") == "they said \u201ccome home\u201d"
    assert typeset('ils ont dit "rentre"', "fr") == f"ils ont dit \u00ab{NNBSP}rentre{NNBSP}\u00bb"


def test_french_guillemets_never_stand_alone_at_a_line_edge():
    text = " ".join(["On nous a menti, encore et encore, sur tout."] * 4)
    spec = card(language="fr", headline="Ils ont menti", quote=text, attribution="Ancien")
    for fmt in ("square", "landscape", "story"):
        quote = next(
            b for b in render_card(dataclasses.replace(spec, format=fmt)).boxes if b.role == "quote"
        )
        assert quote.lines[0].startswith(f"\u00ab{NNBSP}On")
        assert quote.lines[-1].endswith(f"{NNBSP}\u00bb")
        assert all(line.strip() not in ("\u00ab", "\u00bb") for line in quote.lines)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("layout", ["quote_card", "statistic_card", "cta_card"])
def test_story_cards_have_no_large_empty_bands_and_a_headline_gap(layout, language):
    fields = {"headline": "7 in 10"} if layout == "statistic_card" else {}
    if language == "en":
        fields.update(quote="We were lied to from the first day.", attribution="Former member")
    rendered = render_card(card(layout, "story", language, **fields))
    stacked = [b for b in rendered.boxes if b.role != "cta" or layout == "cta_card"]
    inks = sorted((b.actual[1], b.actual[3], b.role) for b in stacked if b.actual)
    gaps = [(nxt[0] - cur[1], cur[2]) for cur, nxt in itertools.pairwise(inks)]
    assert gaps
    for gap, _ in gaps:
        assert 0 < gap < 0.09 * rendered.height, gaps  # no empty band between texts
    after_headline = [g for g, role in gaps if role == "headline"]
    others = [g for g, role in gaps if role != "headline"]
    if after_headline and others:
        assert after_headline[0] > max(others), gaps
    # The stack is centred between the accent bar and the footer: similar margins.
    top, bottom = inks[0][0], inks[-1][1]
    area = (stacked[0].allotted[1], stacked[-1].allotted[3])
    assert top >= area[0] and bottom <= area[1]
