"""Bidi on real images (issue 15, problem 1): digit and Latin runs keep their order inside
right-to-left text, brackets are mirrored, wrapping is logical; with raqm (FriBiDi +
HarfBuzz) and with the basic layout (python-bidi + arabic-reshaper) a machine without
libfribidi gets. Orders are checked on pixels: the run is drawn alone, left to right, and
located in the drawn line, and the scrambled order must not be found."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from campaigns.rendering import CardSpec, fit_text, get_font, render_card
from campaigns.rendering.bidi import isolate_runs, paragraph_direction, visual_line
from campaigns.rendering.fitting import text_args, use_raqm
from campaigns.rendering.fonts import RAQM_AVAILABLE

ENGINES = [
    pytest.param(
        True, id="raqm", marks=pytest.mark.skipif(not RAQM_AVAILABLE, reason="no raqm here")
    ),
    pytest.param(False, id="basic"),
]


@pytest.fixture(params=ENGINES)
def engine(request):
    use_raqm(request.param)
    yield request.param
    use_raqm(RAQM_AVAILABLE)


SIZE = 40
BASELINE = 70


def draw_line(text: str, direction: str, family: str = "noto_sans_arabic") -> Image.Image:
    """One logical line drawn exactly as the card draws it (text_args + get_font)."""
    font = get_font(family, SIZE, 400)
    drawn, kwargs = text_args(text, direction, "ar" if direction == "rtl" else None)
    im = Image.new("L", (1500, 110), 0)
    ImageDraw.Draw(im).text((20, BASELINE), drawn, font=font, fill=255, anchor="ls", **kwargs)
    return im


def ink(im: Image.Image) -> Image.Image:
    box = im.getbbox()
    assert box is not None, "nothing drawn"
    return im.crop(box)


def best_match(hay: Image.Image, needle_text: str, family: str = "noto_sans_arabic") -> float:
    """Smallest mean absolute difference (0-255) of the run, drawn alone left to right at
    the same baseline, slid along the line. Both are blurred a little: raqm may place the
    run at a fractional pen position, which changes the antialiasing, not the shapes."""
    needle_im = draw_line(needle_text, "ltr", family)
    box = needle_im.getbbox()
    assert box is not None
    blur = ImageFilter.GaussianBlur(1.5)
    needle = needle_im.filter(blur).crop(box)
    hay = hay.filter(blur)
    top, bottom = box[1], box[3]
    best = 255.0
    for x in range(0, hay.width - needle.width):
        window = hay.crop((x, top, x + needle.width, bottom))
        if not window.getbbox():
            continue
        best = min(best, ImageStat.Stat(ImageChops.difference(window, needle)).mean[0])
    return best


@pytest.mark.parametrize(
    ("line", "run", "scrambled"),
    [
        ("اتصل على +33 800 000 000 الآن", "+33 800 000 000", "000 000 800 33+"),
        ("رقمنا 0800 000 000 مجاني", "0800 000 000", "000 000 0800"),
        ("زوروا example.org/help أو اكتبوا", "example.org/help", "help/example.org"),
        ("تابعونا @exit_help_fr اليوم", "@exit_help_fr", "exit_help_fr@"),
        ("قال Jean Dupont ذلك", "Jean Dupont", "Dupont Jean"),
    ],
)
def test_latin_and_digit_runs_keep_their_order_inside_arabic(engine, line, run, scrambled):
    hay = draw_line(line, "rtl")
    good = best_match(hay, run)
    bad = best_match(hay, scrambled)
    # raqm shapes the run in the Arabic script's context (digit kerning differs a little
    # from the run drawn alone), so the right order is "much closer", not "identical".
    assert good < 12, (good, bad)
    assert good < 0.5 * bad, (good, bad)


def test_plain_uax9_would_scramble_the_number_so_the_check_can_fail():
    if not RAQM_AVAILABLE:
        pytest.skip("needs raqm for the unisolated layout")
    font = get_font("noto_sans_arabic", SIZE, 400)
    im = Image.new("L", (1500, 110), 0)
    text = "اتصل على +33 800 000 000 الآن"  # no isolate: what the renderer drew before
    ImageDraw.Draw(im).text(
        (20, BASELINE), text, font=font, fill=255, anchor="ls", direction="rtl", language="ar"
    )
    assert best_match(im, "000 000 800 33+") < best_match(im, "+33 800 000 000")


def test_brackets_are_mirrored_in_right_to_left_text(engine):
    hay = ink(draw_line("(مجانا)", "rtl"))
    font = get_font("noto_sans_arabic", SIZE, 400)
    # The visually leftmost glyph must look like "(": compare the left edge with both.
    for glyph, should_match in (("(", True), (")", False)):
        ref = Image.new("L", (80, 110), 0)
        ImageDraw.Draw(ref).text((10, BASELINE), glyph, font=font, fill=255, anchor="ls")
        ref = ink(ref)
        window = hay.crop((0, 0, ref.width, hay.height))
        window = ink(window) if window.getbbox() else window
        window = window.resize(ref.size)
        diff = ImageStat.Stat(ImageChops.difference(window, ref)).mean[0]
        assert (diff < 20) is should_match, (glyph, diff)


def test_card_helpline_and_mixed_cta_keep_their_order(engine):
    spec = CardSpec(
        layout="cta_card",
        format="square",
        language="ar",
        headline="هل تريد الخروج؟",
        cta_text="اتصل على 0800 000 000 الآن",
        cta_contact="+33 800 000 000",
        background_color="#000000",
        text_color="#FFFFFF",
        accent_color="#FFFFFF",
    )
    card = render_card(spec)
    im = Image.open(io.BytesIO(card.data)).convert("L")
    boxes = {b.role: b for b in card.boxes}
    contact = boxes["contact"]
    assert contact.direction == "rtl" and contact.lines == ("+33 800 000 000",)
    drawn = ink(im.crop(contact.actual))
    font = get_font(contact.font_family, contact.font_size, 700)
    for text, expect in (("+33 800 000 000", True), ("000 000 800 33+", False)):
        ref = Image.new("L", (1100, 300), 0)
        ImageDraw.Draw(ref).text((10, 200), text, font=font, fill=255, anchor="ls")
        ref = ink(ref)
        same = ref.size == drawn.size and (
            ImageStat.Stat(ImageChops.difference(ref, drawn)).mean[0] < 8
        )
        assert same is expect, text
    cta = boxes["cta"]
    assert cta.direction == "rtl"


def test_wrapping_is_done_on_logical_text_before_reordering(engine):
    text = "للمساعدة اتصلوا على الرقم المجاني +33 800 000 000 في أي وقت من اليوم أو الليل"
    fitted = fit_text(
        text,
        (0, 0, 420, 900),
        preferred_family="noto_sans",
        card_direction="rtl",
        language="ar",
        max_size=48,
        min_size=40,
    )
    lines = [line.text for line in fitted.lines]
    assert len(lines) > 2
    assert " ".join(lines) == text  # logical order, line after line
    assert lines[0].startswith("للمساعدة")


def test_isolates_only_where_uax9_would_reorder():
    assert isolate_runs("اتصل على +33 800 000 000", "rtl") == "اتصل على \u2066+33 800 000 000\u2069"
    assert isolate_runs("7 من كل 10", "rtl") == "7 من كل 10"  # single runs need none
    assert isolate_runs("نسبة 50%", "rtl") == "نسبة \u206650%\u2069"
    assert isolate_runs("«نعم» (SOS)", "rtl") == "«نعم» (SOS)"
    assert isolate_runs("Call سلام عليكم now", "ltr") == "Call \u2067سلام عليكم\u2069 now"
    assert isolate_runs("x \u2066a b\u2069", "rtl") == "x \u2066a b\u2069"  # author's own


def test_basic_layout_visual_order():
    assert visual_line("رقم +33 800", "rtl").startswith("+33 800 ")
    assert visual_line("(نعم)", "rtl")[0] == "("


@pytest.mark.parametrize(
    ("text", "message", "expected"),
    [
        ("0800 000 000 اتصل", "rtl", "rtl"),
        ("SOS: اتصلوا بنا الآن", "rtl", "rtl"),
        ("« Je suis parti en 2015. »", "rtl", "ltr"),
        ("تواصل مع ISIS exit عبر 0800", "ltr", "rtl"),
        ("0800 000 000", "rtl", "rtl"),
        ("0800 000 000", "ltr", "ltr"),
    ],
)
def test_paragraph_direction_follows_the_message(text, message, expected):
    assert paragraph_direction(text, message) == expected


def test_every_layout_format_and_script_renders_inside_its_boxes_with_the_basic_layout():
    from tests.campaigns.visual.cases import CASES, spec

    use_raqm(False)
    try:
        for case in CASES:
            for box in render_card(spec(*case)).boxes:
                (al, at, ar, ab), (xl, xt, xr, xb) = box.allotted, box.actual
                assert al <= xl and at <= xt and xr <= ar and xb <= ab, (case, box)
    finally:
        use_raqm(RAQM_AVAILABLE)
