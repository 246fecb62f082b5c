"""The carousel (a card per slide) and the photo card, in the pure rendering core: no quote
dropped, every slide inside its boxes, the overlay legible over any photo."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from campaigns.rendering import (
    FORMATS,
    MAX_CAROUSEL_QUOTES,
    CardSpec,
    carousel_alt_texts,
    carousel_slides,
    input_hash,
    render_card,
)
from campaigns.rendering.layout import role_text
from campaigns.rendering.palettes import AA_NORMAL, PALETTES, contrast_ratio
from campaigns.rendering.photo import overlay_opacity
from tests.campaigns.test_rendering import WORDS
from tests.campaigns.visual.cases import CASES, SLIDES, TEXTS, photo, spec

NEW_CASES = [c for c in CASES if c[0] in SLIDES or c[0] == "photo_card"]


def base(script="latin", fmt="square", **overrides) -> CardSpec:
    texts = {k: v for k, v in TEXTS[script].items() if k != "statistic"}
    texts.update(overrides)
    return CardSpec(layout="carousel", format=fmt, slide_kind="cover", **texts)


def quotes(n: int) -> list[tuple[str, str]]:
    return [(f"Quote number {i}: they promised bread.", f"Former member, {2010 + i}")
            for i in range(n)]  # fmt: skip


def test_a_carousel_is_a_cover_a_slide_per_quote_and_a_closing_slide():
    slides = carousel_slides(base(), quotes(3))
    assert [s.slide_kind for s in slides] == ["cover", "quote", "quote", "quote", "closing"]
    assert [s.slide for s in slides] == [0, 1, 2, 3, 4]
    assert {s.slides for s in slides} == {5}
    assert [(s.quote, s.attribution) for s in slides[1:4]] == quotes(3)
    # Each slide holds only what it draws.
    assert slides[0].headline and not slides[0].quote and not slides[0].cta_text
    assert not any(s.headline or s.cta_text for s in slides[1:4])
    assert slides[4].cta_contact == "+33 800 000 000" and not slides[4].quote


def test_a_carousel_without_a_call_to_action_has_no_closing_slide():
    slides = carousel_slides(base(cta_text="", cta_contact=""), quotes(2))
    assert [s.slide_kind for s in slides] == ["cover", "quote", "quote"]


def test_a_carousel_refuses_rather_than_drops_quotes():
    assert len(carousel_slides(base(), quotes(MAX_CAROUSEL_QUOTES))) == MAX_CAROUSEL_QUOTES + 2
    with pytest.raises(ValueError, match="at most 8 quotes"):
        carousel_slides(base(), quotes(MAX_CAROUSEL_QUOTES + 1))
    with pytest.raises(ValueError, match="at least one quote"):
        carousel_slides(base(), [])


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"slide_kind": ""}, "slide_kind must be one of"),
        ({"slide": 3, "slides": 3}, "numbered from 0"),
        ({"slides": 11}, "1 to 10 slides"),
        ({"slide_kind": "quote", "quote": ""}, "quote is required"),
        ({"slide_kind": "closing", "cta_text": "", "cta_contact": ""}, "closing needs"),
    ],
)
def test_a_carousel_slide_is_validated(changes, error):
    with pytest.raises(ValueError, match=error):
        dataclasses.replace(base(), **changes)


def test_only_a_carousel_has_slides():
    with pytest.raises(ValueError, match="only a carousel has slides"):
        CardSpec(layout="quote_card", format="square", quote="q", slide=1, slides=2)


def test_every_slide_has_its_own_input_hash():
    hashes = {input_hash(s) for s in carousel_slides(base(), quotes(3))}
    assert len(hashes) == 5


def test_slide_alt_texts_say_where_each_slide_is_and_what_it_shows():
    alts = carousel_alt_texts(
        alt_text="", headline="They lied", quotes=quotes(2), cta_text="Talk", cta_contact="0800"
    )
    assert alts == [
        "1/4: They lied",
        "2/4: Quote number 0: they promised bread. — Former member, 2010",
        "3/4: Quote number 1: they promised bread. — Former member, 2011",
        "4/4: Talk 0800",
    ]


def _words(text: str) -> str:
    return re.sub(r"[\s\-…]", "", text)


@pytest.mark.parametrize(("layout", "fmt", "script"), NEW_CASES)
def test_every_new_layout_format_and_script_draws_everything_inside_its_boxes(layout, fmt, script):
    card_spec = spec(layout, fmt, script)
    card = render_card(card_spec)
    assert (card.width, card.height) == FORMATS[fmt]
    assert card.boxes
    for box in card.boxes:
        (al, at, ar, ab), (xl, xt, xr, xb) = box.allotted, box.actual
        assert al >= 0 and ar <= card.width and at >= 0 and ab <= card.height, box
        assert al <= xl < xr <= ar and at <= xt < xb <= ab, box
        assert not box.truncated, box
        if box.role == "cta" and layout == "photo_card":  # the footer: text, then contact
            expected = "\n".join(role_text(card_spec, r) for r in ("cta", "contact"))
        else:
            expected = role_text(card_spec, box.role)
        assert _words("".join(box.lines)) == _words(expected), box
    roles = {b.role for b in card.boxes}
    assert (
        roles
        == {
            "carousel_cover": {"headline", "body"},
            "carousel_quote": {"quote", "attribution"},
            "carousel_closing": {"cta", "contact"},
            "photo_card": {"headline", "quote", "attribution", "cta"},
        }[layout]
    )


def _dot_colours(card_spec: CardSpec) -> list[bool]:
    """Along the dots' row, left to right: whether each dot is filled with the accent."""
    im = Image.open(io.BytesIO(render_card(card_spec).data)).convert("RGB")
    w, h = im.size
    accent = tuple(int(card_spec.accent_color[i : i + 2], 16) for i in (1, 3, 5))
    bg = tuple(int(card_spec.background_color[i : i + 2], 16) for i in (1, 3, 5))
    bottom = range(round(h * 0.75), h)
    ys = [y for y in bottom for x in range(0, w, 2) if im.getpixel((x, y)) == accent]
    band = range(min(ys), max(ys) + 1)
    found, inside = [], False
    for x in range(w):  # a dot, filled or a ring, inks every column it spans in the band
        column = [im.getpixel((x, y)) for y in band]
        ink = any(p != bg for p in column)
        if ink and not inside:
            found.append(False)
        if ink and accent in column:
            found[-1] = True
        inside = ink
    return found


@pytest.mark.parametrize(("script", "order"), [("latin", 1), ("arabic", -1)])
def test_the_dots_mark_the_slide_in_reading_order(script, order):
    slides = carousel_slides(base(script), quotes(2))
    for s in slides:
        dots = _dot_colours(s)
        assert len(dots) == 4, dots
        assert dots[::order].index(True) == s.slide


@pytest.mark.parametrize("name", list(PALETTES))
@pytest.mark.parametrize("kind", ["white", "black", "landscape"])
def test_the_overlay_keeps_aa_contrast_over_any_photo(name, kind):
    palette = PALETTES[name]
    card_spec = dataclasses.replace(
        spec("photo_card", "square", "latin"),
        background_color=palette.background,
        text_color=palette.text,
        accent_color=palette.accent,
        background_photo=photo(kind),
    )
    im = Image.open(io.BytesIO(render_card(card_spec).data)).convert("RGB")
    # The margins hold no text: there the overlay over the photo is all there is.
    margin = round(1080 * 0.075)
    samples = [im.getpixel((x, y)) for x in range(4, 1076, 16) for y in (4, margin // 2, 1075)]
    samples += [im.getpixel((x, y)) for x in (4, margin // 2, 1075) for y in range(4, 1076, 16)]
    for colour in (palette.text, palette.accent):
        worst = min(contrast_ratio(colour, pixel) for pixel in samples)
        assert worst >= AA_NORMAL, (name, kind, colour, worst)
    if kind == "landscape":
        # The photo shows through: the card is not the plain overlay colour.
        assert len(set(samples)) > 10


def test_the_overlay_is_no_more_opaque_than_legibility_needs():
    # Dark overlay and white text: light photo pixels are the risk; the opacity is the least
    # that holds AA, so one step less would not.
    opacity = overlay_opacity("#12263A", ("#FFFFFF", "#F4B942"))
    assert 0.55 <= opacity < 1
    if opacity > 0.55:
        from campaigns.rendering.photo import _legible

        assert not _legible(("#FFFFFF", "#F4B942"), "#12263A", round(opacity - 0.01, 2))


def test_a_photo_card_without_a_photo_is_its_overlay_colour():
    card_spec = dataclasses.replace(spec("photo_card", "square", "latin"), background_photo=None)
    im = Image.open(io.BytesIO(render_card(card_spec).data)).convert("RGB")
    assert im.getpixel((3, 3)) == (0x12, 0x26, 0x3A)


def test_a_photo_that_is_not_an_image_is_refused():
    with pytest.raises(ValueError, match="background_photo must be a sanitised PNG"):
        dataclasses.replace(spec("photo_card", "square", "latin"), background_photo=b"<svg/>")
    broken = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    with pytest.raises(ValueError, match="could not be decoded"):
        render_card(dataclasses.replace(spec("photo_card", "square", "latin"),
                                        background_photo=broken))  # fmt: skip


QUOTE = st.lists(WORDS, min_size=1, max_size=40).map(" ".join).filter(str.strip)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    quoted=st.lists(
        st.tuples(QUOTE, st.sampled_from(["", "Former member, 2015", "عضو سابق"])),
        min_size=1,
        max_size=MAX_CAROUSEL_QUOTES,
    ),
    fmt=st.sampled_from(list(FORMATS)),
    script=st.sampled_from(list(TEXTS)),
)
def test_any_carousel_has_a_slide_per_quote_each_drawn_inside_its_boxes(quoted, fmt, script):
    slides = carousel_slides(base(script, fmt), quoted)
    assert [s.quote for s in slides if s.slide_kind == "quote"] == [q.strip() for q, _ in quoted]
    for slide in slides:
        _inside(render_card(slide))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quote=QUOTE, fmt=st.sampled_from(list(FORMATS)), script=st.sampled_from(list(TEXTS)))
def test_any_photo_card_is_drawn_inside_its_boxes(quote, fmt, script):
    _inside(render_card(dataclasses.replace(spec("photo_card", fmt, script), quote=quote)))


def _inside(card) -> None:
    for box in card.boxes:
        (al, at, ar, ab), actual = box.allotted, box.actual
        assert actual is not None and box.lines, box
        xl, xt, xr, xb = actual
        assert al <= xl < xr <= ar and at <= xt < xb <= ab, box
