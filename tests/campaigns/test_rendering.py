"""Rendering core tests: layout x format x language matrix, shaping, bidi, metadata,
determinism, input hashing and validation. Images are generated in memory."""

import dataclasses
import functools
import io
import re
import struct
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from campaigns import rendering
from campaigns.rendering import (
    FORMATS,
    LAYOUTS,
    RENDERER_VERSION,
    CardSpec,
    RenderedCard,
    base_direction,
    fit_text,
    get_font,
    input_hash,
    render_card,
    render_card_if_changed,
)
from campaigns.rendering.fitting import placed_runs
from campaigns.rendering.layout import role_text

TEXTS = {
    "en": {
        "headline": "They lied to us",
        "quote": (
            "I went because they promised me a family. What I found was fear, and men "
            "who used religion as a weapon against the people they claimed to protect."
        ),
        "body": "said the group's promises were false within the first month.",
        "attribution": "Former fighter, Western Europe, 2015",
        "cta_text": "Worried about someone? Talk to us, confidentially.",
        "cta_contact": "0800 123 456 · example.org/help",
    },
    "fr": {
        "headline": "Ils nous ont menti",
        "quote": (
            "Je suis partie parce qu’on m’avait promis une famille. J’ai trouvé la peur, "
            "et des hommes qui se servaient de la religion comme d’une arme."
        ),
        "body": "des personnes revenues disent avoir regretté leur départ dès le premier mois.",
        "attribution": "Ancienne membre, Belgique, 2016",
        "cta_text": "Vous vous inquiétez pour un proche ? Parlez-en, en toute confidentialité.",
        "cta_contact": "0 800 005 696 · exemple.fr/aide",
    },
    "ar": {
        "headline": "لقد كذبوا علينا",
        "quote": (
            "ذهبت لأنهم وعدوني بعائلة. ما وجدته كان الخوف، ورجالاً يستخدمون الدين سلاحاً "
            "ضد الناس الذين زعموا أنهم يحمونهم."
        ),
        "body": "من العائدين قالوا إن وعود التنظيم كانت كاذبة منذ الشهر الأول.",
        "attribution": "مقاتل سابق، أوروبا الغربية، 2015",
        "cta_text": "هل أنت قلق على شخص ما؟ تحدث إلينا بسرية تامة.",
        "cta_contact": "0800 123 456 · example.org/help",
    },
    "de": {
        "headline": "Donaudampfschifffahrtsgesellschaftskapitän Rückkehrerinnenberatung",
        "quote": (
            "Ich bin gegangen, weil mir die Anwerber eine Familie versprochen haben. "
            "Gefunden habe ich Angst, Misstrauen und Männer, die die Religion als Waffe "
            "gegen genau die Menschen eingesetzt haben, die sie angeblich beschützen wollten. "
            "Die Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung "
            "hätte mir mehr Sicherheit gegeben als das sogenannte Kalifat, "
            "Rechtsschutzversicherungsgesellschaften eingeschlossen."
        ),
        "body": (
            "Rückkehrerinnenberatungsstellenmitarbeiterinnen berichten: Die Versprechen "
            "erwiesen sich schon im ersten Monat als Lügen."
        ),
        "attribution": "Ehemaliger Kämpfer, Westeuropa, 2015",
        "cta_text": (
            "Sie machen sich Sorgen um einen Angehörigen? Sprechen Sie vertraulich mit uns."
        ),
        "cta_contact": "0800 123 456 · beispiel.de/hilfe",
    },
}
HEADLINE_FIGURE = {"en": "7 in 10", "fr": "7 sur 10", "ar": "7 من كل 10", "de": "7 von 10"}
LANGUAGES = tuple(TEXTS)
FORMAT_NAMES = tuple(FORMATS)

BG, FG, ACCENT = "#FAF7F0", "#1B1B3A", "#C0392B"


def spec_kwargs(layout="quote_card", fmt="square", language="en") -> dict:
    t = dict(TEXTS[language])
    if layout == "statistic_card":
        t["headline"] = HEADLINE_FIGURE[language]
    if layout == "carousel":  # a quote slide: the slide kinds have their own tests
        t = {"quote": t["quote"], "attribution": t["attribution"]}
        t.update(slide_kind="quote", slide=1, slides=3)
    kwargs = dict(
        layout=layout,
        format=fmt,
        language=language,
        background_color=BG,
        text_color=FG,
        accent_color=ACCENT,
        font_family="noto_sans_arabic" if language == "ar" else "noto_sans",
        **t,
    )
    return kwargs


def make_spec(layout="quote_card", fmt="square", language="en", **overrides) -> CardSpec:
    return CardSpec(**{**spec_kwargs(layout, fmt, language), **overrides})


@functools.cache
def rendered(layout: str, fmt: str, language: str) -> RenderedCard:
    return render_card(make_spec(layout, fmt, language))


def hex_rgb(value: str) -> tuple[int, int, int]:
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))


def count_close(im: Image.Image, box, color, tol=60) -> int:
    r0, g0, b0 = hex_rgb(color)
    crop = im.crop(box).convert("RGB")
    return sum(
        1 for r, g, b in crop.get_flattened_data() if abs(r - r0) + abs(g - g0) + abs(b - b0) <= tol
    )


def words_of(text: str) -> str:
    return re.sub(r"[\s\-…]", "", text)


def expected_text(spec: CardSpec, role: str) -> str:
    # role_text: the field typeset for the language (quotation marks, curly apostrophes)
    if role == "cta" and spec.layout != "cta_card":
        return "\n".join(t for t in (role_text(spec, "cta"), role_text(spec, "contact")) if t)
    return role_text(spec, role)


# --------------------------------------------------------------------------- the matrix


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_format_language_fits_its_boxes(layout, fmt, language):
    spec = make_spec(layout, fmt, language)
    card = rendered(layout, fmt, language)
    width, height = FORMATS[fmt]
    assert (card.width, card.height, card.mime_type) == (width, height, "image/png")
    im = Image.open(io.BytesIO(card.data))
    assert im.size == (width, height)
    im = im.convert("RGB")

    roles = [b.role for b in card.boxes]
    assert len(roles) == len(set(roles))
    assert {"headline", "cta"} & set(roles) or (layout, roles) == (
        "carousel",
        ["quote", "attribution"],
    )
    for box in card.boxes:
        al, actual = box.allotted, box.actual
        assert 0 <= al[0] < al[2] <= width and 0 <= al[1] < al[3] <= height, box
        assert actual is not None and box.lines, box
        assert al[0] <= actual[0] < actual[2] <= al[2], box
        assert al[1] <= actual[1] < actual[3] <= al[3], box
        # Wrapping keeps logical order and loses nothing unless visibly truncated.
        drawn = words_of("".join(box.lines))
        source = words_of(expected_text(spec, box.role))
        if box.truncated:
            assert box.lines[-1].endswith("…")
            assert source.startswith(drawn[:-1] if drawn.endswith("…") else drawn)
        else:
            assert drawn == source, box
        # The ink really is there: the text box region holds text/accent-coloured pixels.
        ink = count_close(im, actual, FG) + count_close(im, actual, ACCENT)
        assert ink > 50, box
    # Nothing is drawn outside the allotted boxes except the accent bar and the margins
    # stay background-coloured.
    margin_strip = im.crop((0, height - 20, width, height))
    assert set(margin_strip.get_flattened_data()) == {hex_rgb(BG)}


@pytest.mark.parametrize("language", ["ar", "de"])
def test_recorded_boxes_equal_textbbox_at_the_drawn_positions(language):
    calls = []
    real_text = ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        calls.append((xy, text, kwargs))
        return real_text(self, xy, text, *args, **kwargs)

    with mock.patch.object(ImageDraw.ImageDraw, "text", spy):
        card = render_card(make_spec("statistic_card", "landscape", language))
    draw = ImageDraw.Draw(Image.new("RGB", (card.width, card.height)))
    for box in card.boxes:
        mine, calls = calls[: len(box.lines)], calls[len(box.lines) :]
        assert [text for _, text, _ in mine] == list(box.lines)
        bbs = [
            draw.textbbox(
                xy,
                text,
                font=kw["font"],
                anchor=kw["anchor"],
                direction=kw["direction"],
                language=kw["language"],
            )
            for xy, text, kw in mine
        ]
        union = (
            min(b[0] for b in bbs),
            min(b[1] for b in bbs),
            max(b[2] for b in bbs),
            max(b[3] for b in bbs),
        )
        assert union == box.actual
    assert not calls


def test_arabic_is_drawn_with_an_arabic_font_even_if_template_chose_noto_sans():
    spec = make_spec("quote_card", "square", "ar", font_family="noto_sans")
    card = render_card(spec)
    fonts = {b.role: b.font_family for b in card.boxes}
    assert fonts.pop("headline") == "noto_kufi_arabic"  # the Arabic display face
    assert set(fonts.values()) == {"noto_sans_arabic"}
    mixed = make_spec(
        "quote_card",
        "square",
        "en",
        quote="My friend محمد said: we were lied to.",
        attribution="Former fighter, Western Europe, 2015",
    )
    boxes = {b.role: b for b in render_card(mixed).boxes}
    # The paragraph is Latin; its Arabic run alone gets the Arabic face (fonts per run).
    assert boxes["quote"].font_family == "noto_sans"
    runs = {text.strip(): family for line in boxes["quote"].runs for text, family, *_ in line}
    assert runs["محمد"] == "noto_sans_arabic"
    assert {f for t, f in runs.items() if t != "محمد"} == {"noto_sans"}
    assert boxes["quote"].direction == "ltr"  # first strong character is Latin
    assert boxes["attribution"].font_family == "noto_sans"
    assert boxes["headline"].font_family == "noto_sans_display"
    arabic = set(range(0x0621, 0x064B))
    assert arabic <= rendering.font_coverage("noto_sans_arabic")
    assert not arabic & rendering.font_coverage("noto_sans")


# --------------------------------------------------------------------------- shaping, bidi


def test_arabic_is_shaped_compared_with_an_unshaped_rendering():
    text = "السلام عليكم"
    path = str(rendering.font_path("noto_sans_arabic"))
    basic = ImageFont.truetype(path, 64, layout_engine=ImageFont.Layout.BASIC)
    shaped = get_font("noto_sans_arabic", 64, 400)
    assert shaped.layout_engine == ImageFont.Layout.RAQM

    def draw(font, **kw):
        im = Image.new("L", (700, 160), 0)
        ImageDraw.Draw(im).text((650, 100), text, font=font, fill=255, anchor="rs", **kw)
        return im

    raqm_im = draw(shaped, direction="rtl", language="ar")
    basic_im = draw(basic)
    assert raqm_im.tobytes() != basic_im.tobytes()
    # Joined (contextual) forms: the shaped word is narrower than isolated letters, and
    # each shaped word has fewer separate ink blobs than letters.
    assert shaped.getlength(text, direction="rtl", language="ar") < basic.getlength(text)
    # Our card draws exactly the pixels of a raqm RTL layout of its lines, which differ from
    # an unshaped (BASIC) rendering and, for the mixed "7 من كل 10", from an LTR layout.
    for layout, weight in (("cta_card", 800), ("statistic_card", 800)):
        spec = make_spec(layout, "square", "ar")
        card = render_card(spec)
        head = next(b for b in card.boxes if b.role == "headline")
        assert len(head.lines) == 1
        im = Image.open(io.BytesIO(card.data)).convert("RGB")
        region = head.actual
        raqm_font = get_font(head.font_family, head.font_size, weight)
        basic_font = ImageFont.truetype(path, head.font_size, layout_engine=ImageFont.Layout.BASIC)
        basic_font.set_variation_by_axes(
            [
                weight if a["name"] == b"Weight" else a["default"]
                for a in basic_font.get_variation_axes()
            ]
        )

        color = ACCENT if layout == "statistic_card" else FG

        def reference(font, head=head, region=region, size=im.size, color=color, **kw):
            ref = Image.new("RGB", size, BG)
            d = ImageDraw.Draw(ref)
            x = head.allotted[2] - max(2, round(head.font_size * 0.06))
            bb = d.textbbox((x, 0), head.lines[0], font=font, anchor="rs", **kw)
            x -= max(0, bb[2] - x)
            bb = d.textbbox((x, 0), head.lines[0], font=font, anchor="rs", **kw)
            y = region[1] - bb[1]
            d.text((x, y), head.lines[0], font=font, fill=color, anchor="rs", **kw)
            return ref.crop(region).tobytes()

        drawn = im.crop(region).tobytes()
        assert reference(raqm_font, direction="rtl", language="ar") == drawn
        assert reference(basic_font) != drawn
        if layout == "statistic_card":
            assert reference(raqm_font, direction="ltr") != drawn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello محمد", "ltr"),
        ("محمد said hello", "rtl"),
        ("2015 — مقاتل سابق", "rtl"),
        ("« Bonjour »", "ltr"),
        ("123 456", "ltr"),
        ("\u200fABC", "rtl"),  # RIGHT-TO-LEFT MARK is a strong R character
    ],
)
def test_base_direction_from_first_strong_character(text, expected):
    assert base_direction(text) == expected


def test_no_strong_character_falls_back_to_card_direction():
    assert base_direction("0800 123 456", "rtl") == "rtl"


def test_rtl_paragraphs_are_right_aligned_and_ltr_left_aligned():
    for language in ("ar", "en"):
        card = rendered("quote_card", "square", language)
        for box in card.boxes:
            left_gap = box.actual[0] - box.allotted[0]
            right_gap = box.allotted[2] - box.actual[2]
            if language == "ar":
                assert box.direction == "rtl"
                assert right_gap <= 12, box
            else:
                assert box.direction == "ltr"
                assert left_gap <= 12, box
    # Line by line: every RTL line ends at the same right edge.
    lines = fit_text(
        "ذهبت لأنهم وعدوني بعائلة. ما وجدته كان الخوف، ورجالاً يستخدمون الدين سلاحاً",
        (100, 100, 600, 700),
        preferred_family="noto_sans",
        card_direction="ltr",
        language="ar",
        max_size=48,
        min_size=16,
    ).lines
    assert len(lines) > 1
    assert {line.align for line in lines} == {"right"}
    assert len({line.x for line in lines}) == 1
    assert all(line.para.direction == "rtl" and line.para.language == "ar" for line in lines)


def test_mixed_direction_line_is_laid_out_by_raqm_in_paragraph_direction():
    # English words and digits inside an Arabic sentence: one raqm call per line, with the
    # paragraph's RTL base direction, so the Latin run sits to the left of the Arabic.
    text = "تواصل مع ISIS exit عبر 0800"
    font = get_font("noto_sans_arabic", 48, 400)
    rtl = font.getmask(text, direction="rtl", language="ar")
    ltr = font.getmask(text, direction="ltr")
    assert bytes(rtl) != bytes(ltr)
    fitted = fit_text(
        text,
        (0, 0, 2000, 200),
        preferred_family="noto_sans",
        card_direction="ltr",
        language="en",
        max_size=48,
        min_size=16,
    )
    assert [line.text for line in fitted.lines] == [text]
    assert fitted.lines[0].para.direction == "rtl"


def test_long_compound_words_are_broken_when_shrinking_is_not_enough():
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    box = (0, 0, 260, 400)
    fitted = fit_text(
        word,
        box,
        preferred_family="noto_sans",
        card_direction="ltr",
        language="de",
        max_size=80,
        min_size=24,
    )
    assert fitted.size == 24 and len(fitted.lines) > 1
    assert all(line.text.endswith("-") for line in fitted.lines[:-1])
    assert "".join(line.text.rstrip("-") for line in fitted.lines) == word
    # With a wide box the same word is shrunk instead, not broken.
    fitted = fit_text(
        word,
        (0, 0, 900, 400),
        preferred_family="noto_sans",
        card_direction="ltr",
        language="de",
        max_size=120,
        min_size=24,
    )
    assert [line.text for line in fitted.lines] == [word] and 24 < fitted.size < 120


def test_text_that_cannot_fit_is_truncated_with_an_ellipsis():
    text = "Gefunden habe ich Angst und Misstrauen. " * 12
    box = (0, 0, 400, 120)
    for language, card_direction in (("de", "ltr"), ("ar", "rtl")):
        if language == "ar":
            text = "ما وجدته كان الخوف، ورجالاً يستخدمون الدين سلاحاً. " * 12
        fitted = fit_text(
            text,
            box,
            preferred_family="noto_sans",
            card_direction=card_direction,
            language=language,
            max_size=48,
            min_size=16,
        )
        assert fitted.truncated and fitted.size == 16
        assert fitted.lines and fitted.lines[-1].text.endswith("…")
        assert " ".join(line.text for line in fitted.lines)[:-1].rstrip(".،")  # in order
        assert text.startswith(" ".join(line.text for line in fitted.lines[:-1]))
    # A maximal quote on the smallest card still stays inside its box.
    quote = ("Gefunden habe ich Angst und Misstrauen. " * 30)[:1000]
    card = render_card(make_spec("quote_card", "landscape", "de", quote=quote))
    box = next(b for b in card.boxes if b.role == "quote")
    assert box.allotted[1] <= box.actual[1] and box.actual[3] <= box.allotted[3]
    assert box.allotted[0] <= box.actual[0] and box.actual[2] <= box.allotted[2]


# --------------------------------------------------------------------------- output bytes


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, kinds = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def jpeg_markers(data: bytes) -> list[int]:
    pos, markers = 2, []
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return markers


def riff_chunks(data: bytes) -> list[bytes]:
    pos, kinds = 12, []
    while pos < len(data):
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        kinds.append(kind)
        pos += 8 + size + (size & 1)
    return kinds


@pytest.mark.parametrize("output_format", ["png", "webp", "jpeg"])
def test_output_carries_no_metadata(output_format):
    card = render_card(make_spec("quote_card", "landscape", "en", output_format=output_format))
    im = Image.open(io.BytesIO(card.data))
    assert im.format == output_format.upper()
    assert card.mime_type == f"image/{output_format}"
    assert not im.getexif()
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "dpi"):
        assert key not in im.info, key
    if output_format == "png":
        # Only the image itself: no tEXt/iTXt/zTXt, eXIf, iCCP, tIME, pHYs — not even
        # sRGB/gAMA, since Pillow only writes those when asked.
        kinds = png_chunks(card.data)
        assert set(kinds) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, kinds
        assert not im.text
    elif output_format == "jpeg":
        markers = jpeg_markers(card.data)
        assert 0xE1 not in markers and 0xE2 not in markers and 0xFE not in markers
        # APP0/JFIF (version and a 1:1 aspect ratio) is the only header; it carries no
        # information about the content or the author.
        assert set(im.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density"}
    else:
        assert set(riff_chunks(card.data)) <= {b"VP8 ", b"VP8L"}


@pytest.mark.parametrize("output_format", ["png", "webp", "jpeg"])
def test_rendering_is_deterministic(output_format):
    spec = make_spec("statistic_card", "story", "ar", output_format=output_format)
    first = render_card(spec)
    # Cold caches must not change a byte either.
    rendering.get_font.cache_clear()
    rendering._width.cache_clear()
    rendering._bbox.cache_clear()
    rendering._word_ref_widths.cache_clear()
    rendering._char_ref_width.cache_clear()
    second = render_card(dataclasses.replace(spec))
    assert first.data == second.data
    assert first.boxes == second.boxes


def make_logo(color=(0, 160, 80, 255), size=(300, 100)) -> bytes:
    im = Image.new("RGBA", size, color)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_logo_is_composited_in_the_corner_keeping_aspect_ratio():
    card = render_card(make_spec("cta_card", "square", "en", logo=make_logo()))
    im = Image.open(io.BytesIO(card.data)).convert("RGB")
    # Find the logo's green pixels.
    xs, ys = [], []
    for y in range(540, 1080, 2):
        for x in range(540, 1080, 2):
            if im.getpixel((x, y)) == (0, 160, 80):
                xs.append(x)
                ys.append(y)
    assert xs, "logo not drawn"
    w, h = max(xs) - min(xs) + 2, max(ys) - min(ys) + 2
    assert abs(w / h - 3.0) < 0.15
    assert max(xs) > 950 and max(ys) > 950  # bottom-right for an LTR card
    # RTL cards mirror: logo bottom-left.
    ar = render_card(make_spec("cta_card", "square", "ar", logo=make_logo()))
    im = Image.open(io.BytesIO(ar.data)).convert("RGB")
    assert im.getpixel((100, 990)) == (0, 160, 80)


# --------------------------------------------------------------------------- hashing


def test_input_hash_changes_when_any_single_input_changes(monkeypatch):
    base = make_spec("quote_card", "square", "en", logo=make_logo())
    h0 = input_hash(base)
    assert re.fullmatch(r"[0-9a-f]{64}", h0)
    assert input_hash(dataclasses.replace(base)) == h0
    changes = {
        "layout": "cta_card",
        "format": "story",
        "headline": "They lied to us!",
        "statistic": "7 in 10",
        "body": "x",
        "quote": base.quote + ".",
        "attribution": "Former fighter, 2016",
        "cta_text": "Talk to us",
        "cta_contact": "0800 000 000",
        "language": "fr",
        "background_color": "#FFFFFE",
        "text_color": "#000001",
        "accent_color": "#C0392C",
        "font_family": "noto_sans_arabic",
        "logo": make_logo(color=(0, 160, 81, 255)),
        "output_format": "webp",
        "background_photo": make_logo(color=(0, 160, 82, 255)),
    }
    # Only a carousel has slides: these change a carousel slide.
    slide_changes = {"slide_kind": "cover", "slide": 2, "slides": 4}
    assert set(changes) | set(slide_changes) == {f.name for f in dataclasses.fields(CardSpec)}
    seen = {h0}
    for name, value in changes.items():
        h = input_hash(dataclasses.replace(base, **{name: value}))
        assert h not in seen, name
        seen.add(h)
    slide = dataclasses.replace(base, layout="carousel", slide_kind="quote", slide=1, slides=3)
    seen.add(input_hash(slide))
    for name, value in slide_changes.items():
        h = input_hash(dataclasses.replace(slide, **{name: value}))
        assert h not in seen, name
        seen.add(h)
    assert input_hash(dataclasses.replace(base, logo=None)) not in seen
    monkeypatch.setattr(rendering.draw, "RENDERER_VERSION", RENDERER_VERSION + "-next")
    assert input_hash(base) != h0
    monkeypatch.undo()
    fonts = dict(rendering.font_hashes())
    fonts["noto_sans_arabic"] = "0" * 64
    monkeypatch.setattr(rendering.draw, "font_hashes", lambda: fonts)
    assert input_hash(base) != h0


def test_font_hashes_are_computed_once_and_cover_both_families():
    rendering.font_hashes.cache_clear()
    with mock.patch.object(
        Path, "read_bytes", autospec=True, side_effect=lambda p: p.name.encode()
    ) as read:
        first = rendering.font_hashes()
        second = rendering.font_hashes()
    assert read.call_count == len(rendering.FONT_FAMILIES) and first == second
    assert set(first) == set(rendering.FONT_FAMILIES) >= {"noto_sans", "noto_sans_arabic"}
    rendering.font_hashes.cache_clear()
    assert all(len(v) == 64 for v in rendering.font_hashes().values())


def test_unchanged_input_does_no_image_work():
    spec = make_spec("quote_card", "square", "en")
    digest, card = render_card_if_changed(spec, None)
    assert card is not None and card.input_hash == digest == input_hash(spec)
    with (
        mock.patch.object(ImageDraw.ImageDraw, "text") as text,
        mock.patch.object(Image, "new") as new,
        mock.patch.object(rendering.draw, "fit_text") as fit,
    ):
        again, nothing = render_card_if_changed(spec, digest)
    assert again == digest and nothing is None
    assert text.call_count == new.call_count == fit.call_count == 0


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"layout": "poster"}, "layout must be one of"),
        ({"format": "a4"}, "format must be one of"),
        ({"font_family": "comic_sans"}, "font_family must be one of"),
        ({"output_format": "gif"}, "output_format must be one of"),
        ({"background_color": "white"}, "background_color must be a colour"),
        ({"text_color": "#12345"}, "text_color must be a colour"),
        ({"accent_color": "#GGGGGG"}, "accent_color must be a colour"),
        ({"accent_color": "#1234567"}, "accent_color must be a colour"),
        ({"language": "English"}, "language must be a BCP 47 tag"),
        ({"quote": ""}, "quote is required for the quote_card layout"),
        ({"quote": "   "}, "quote is required"),
        ({"headline": "x" * 201}, "headline is too long"),
        ({"quote": "hello\x00world"}, "control character"),
        ({"body": 42}, "body must be a string"),
        ({"logo": b""}, "logo is empty"),
        ({"logo": b"<svg/>"}, "logo must be a sanitised PNG, JPEG or WebP"),
    ],
)
def test_bad_spec_values_raise_clear_errors(overrides, message):
    with pytest.raises(ValueError, match=message):
        CardSpec(**{**spec_kwargs(), **overrides})


def test_layout_specific_requirements():
    with pytest.raises(ValueError, match="headline is required for the statistic_card"):
        make_spec("statistic_card", headline="")
    with pytest.raises(ValueError, match="cta_card needs cta_text or cta_contact"):
        make_spec("cta_card", cta_text="", cta_contact="")


def test_colours_are_normalised_and_undecodable_logo_fails_at_render():
    spec = make_spec(background_color="#faf7f0")
    assert spec.background_color == "#FAF7F0"
    assert input_hash(spec) == input_hash(make_spec(background_color="#FAF7F0"))
    broken = make_spec(logo=b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(ValueError, match="logo could not be decoded"):
        render_card(broken)


def test_font_files_are_found_through_fontpkg():
    for key in ("noto_sans", "noto_sans_arabic"):
        path = rendering.font_path(key)
        assert path.is_file() and path.suffix == ".ttf"
        assert "fontpkg_noto_sans" in str(path)


# --------------------------------------------------------------------------- property


WORDS = st.sampled_from(
    [
        "the",
        "Überraschung",
        "Donaudampfschifffahrtsgesellschaftskapitän",
        "J’ai",
        "محمد",
        "السلام",
        "عليكم",
        "2015",
        "«",
        "»",
        "—",
        "ISIS",
        "ffi",
        "WWW",
        "\n",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(WORDS, min_size=1, max_size=60),
    width=st.integers(120, 1000),
    height=st.integers(40, 900),
    family=st.sampled_from(["noto_sans", "noto_sans_arabic"]),
    card_direction=st.sampled_from(["ltr", "rtl"]),
)
def test_fitted_text_never_leaves_its_box(words, width, height, family, card_direction):
    text = " ".join(words)
    box = (10, 20, 10 + width, 20 + height)
    fitted = fit_text(
        text,
        box,
        preferred_family=family,
        card_direction=card_direction,
        language="ar" if card_direction == "rtl" else "en",
        max_size=96,
        min_size=14,
    )
    canvas = Image.new("L", (1100, 1000))
    draw = ImageDraw.Draw(canvas)
    for line in fitted.lines:
        p = line.para
        # Each font run as the renderer draws it (runs.py), measured by ImageDraw itself.
        runs = placed_runs(
            p.family, fitted.size, fitted.weight, line.text, p.direction, p.language, line.anchor
        )
        for text_, direction, fam, lang, dx in runs:
            single = len(runs) == 1
            bb = draw.textbbox(
                (line.x, line.y) if single else (line.x + dx, line.y),
                text_,
                font=get_font(fam, fitted.size, fitted.weight),
                anchor=line.anchor if single else "ls",
                direction=direction,
                language=lang,
            )
            assert box[0] <= bb[0] and box[1] <= bb[1] and bb[2] <= box[2] and bb[3] <= box[3]
    if text.strip() and height >= 60:
        assert fitted.lines  # something is always shown in a reasonable box


def test_french_punctuation_never_starts_a_line():
    assert rendering._units("un proche ? Oui « vraiment » !") == (
        "un",
        "proche ?",
        "Oui",
        "« vraiment » !",
    )
    for fmt in FORMAT_NAMES:
        for box in rendered("quote_card", fmt, "fr").boxes:
            assert not any(line[:1] in "?!:;»" for line in box.lines), box


def test_statistic_figure_prefers_one_line():
    for fmt in FORMAT_NAMES:
        for language in LANGUAGES:
            head = rendered("statistic_card", fmt, language).boxes[0]
            assert head.role == "headline" and len(head.lines) == 1, head
