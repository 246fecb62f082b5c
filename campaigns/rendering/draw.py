"""Rendering: draw a planned card, paste the logo, encode the image."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import math
from dataclasses import fields
from typing import TypedDict

import PIL
from PIL import Image, ImageDraw, features

from campaigns.rendering.fitting import _bbox, _Fitted, _Line, fit_text, placed_runs, text_args
from campaigns.rendering.fonts import font_hashes, get_font
from campaigns.rendering.layout import _footer_text, _plan
from campaigns.rendering.photo import overlay_opacity, photo_background
from campaigns.rendering.spec import (
    JPEG_QUALITY,
    OUTPUT_FORMATS,
    PNG_COMPRESS_LEVEL,
    RENDERER_VERSION,
    WEBP_QUALITY,
    CardSpec,
    Rect,
    RenderedCard,
    TextBox,
)

# --------------------------------------------------------------------------- render


class _FitOptions(TypedDict):
    """The keyword arguments of ``fit_text`` that one planned slot shares between tries."""

    preferred_family: str
    card_direction: str
    language: str
    max_size: int
    min_size: int
    weight: int
    line_spacing: float
    headline: bool


def input_hash(spec: CardSpec) -> str:
    """sha256 over every input that can change the output bytes."""
    payload = image_digests(spec)
    payload["renderer_version"] = RENDERER_VERSION
    payload["fonts"] = font_hashes()
    payload["engine"] = _engine_versions()
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def image_digests(spec: CardSpec) -> dict[str, object]:
    """The spec's fields, its images (logo, background photo) by their sha256."""
    images = ("logo", "background_photo")
    payload = {f.name: getattr(spec, f.name) for f in fields(spec) if f.name not in images}
    for name in images:
        data = getattr(spec, name)
        payload[f"{name}_sha256"] = hashlib.sha256(data).hexdigest() if data else None
    return payload


@functools.cache
def _engine_versions() -> dict[str, str | None]:
    return {
        "pillow": PIL.__version__,
        "freetype": features.version("freetype2"),
        "raqm": features.version("raqm"),
        "harfbuzz": features.version("harfbuzz"),
        "fribidi": features.version("fribidi"),
        "zlib": features.version("zlib"),
        "webp": features.version("webp"),
        "jpeg": features.version("jpg"),
    }


def render_card_if_changed(
    spec: CardSpec, previous_hash: str | None
) -> tuple[str, RenderedCard | None]:
    """Return (hash, None) without any image work when the inputs are unchanged."""
    digest = input_hash(spec)
    if digest == previous_hash:
        return digest, None
    return digest, render_card(spec, _digest=digest)


def render_card(spec: CardSpec, *, _digest: str | None = None) -> RenderedCard:
    if not isinstance(spec, CardSpec):
        raise TypeError("render_card expects a CardSpec")
    w, h = spec.size
    colors = {"text": spec.text_color, "accent": spec.accent_color}
    planned, footer_cta, logo_rect, bar = _plan(spec)
    jobs: list[tuple[str, Rect, _Fitted, str]] = []
    for slot, rect in planned:
        kwargs: _FitOptions = {
            "preferred_family": spec.font_family,
            "card_direction": spec.direction,
            "language": spec.language,
            "max_size": slot.max_size,
            "min_size": slot.min_size,
            "weight": slot.weight,
            "line_spacing": 0.95 if slot.role == "headline" else 1.1,
            "headline": slot.role == "headline",
        }
        fitted = None
        if slot.role in ("statistic", "contact") or (
            spec.layout == "statistic_card" and slot.role == "headline" and not spec.statistic
        ):
            # A figure like "7 in 10", a help-line, read best on one line, even if smaller.
            fitted = fit_text(slot.text, rect, max_lines=1, **kwargs)
            if fitted.truncated or len(fitted.lines) != 1:
                fitted = None
        if fitted is None:
            fitted = fit_text(slot.text, rect, **kwargs)
        jobs.append((slot.role, rect, fitted, colors[slot.color]))
    jobs = _restack(jobs, round(h * 0.02))
    footer = _footer_text(spec)
    if footer and footer_cta is not None:
        scale = min(1.1, (w * h) ** 0.5 / 1080)
        fitted = fit_text(
            footer,
            footer_cta,
            preferred_family=spec.font_family,
            card_direction=spec.direction,
            language=spec.language,
            max_size=round(40 * scale),
            min_size=max(14, round(16 * scale)),
            weight=600,
            line_spacing=1.0,
        )
        jobs.append(("cta", footer_cta, fitted, spec.text_color))

    if spec.background_photo:
        opacity = overlay_opacity(spec.background_color, (spec.text_color, spec.accent_color))
        canvas = photo_background(spec.background_photo, (w, h), spec.background_color, opacity)
    else:
        canvas = Image.new("RGB", (w, h), spec.background_color)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((bar[0], bar[1], bar[2] - 1, bar[3] - 1), fill=spec.accent_color)
    if spec.layout == "carousel" and footer_cta is not None:
        _draw_slide_dots(draw, spec, footer_cta)
    boxes: list[TextBox] = []
    for role, rect, fitted, color in jobs:
        union: list[float] | None = None
        line_runs: list[tuple[tuple[str, str, int, int], ...]] = []
        for line in fitted.lines:
            p = line.para
            line_runs.append(_draw_line(draw, line, fitted, color))
            # Exactly what draw.textbbox() computes for these arguments (font.getbbox in
            # mode "L" offset by the position), taken from the fitting cache.
            rel = _bbox(p.family, fitted.size, fitted.weight, line.text, p.direction,
                        p.language, line.anchor)  # fmt: skip
            bb = (rel[0] + line.x, rel[1] + line.y, rel[2] + line.x, rel[3] + line.y)
            union = (
                list(bb)
                if union is None
                else [min(union[0], bb[0]), min(union[1], bb[1]), max(union[2], bb[2]),
                      max(union[3], bb[3])]
            )  # fmt: skip
        first = fitted.lines[0].para if fitted.lines else None
        boxes.append(
            TextBox(
                role=role,
                allotted=rect,
                actual=tuple(int(v) for v in union) if union else None,  # type: ignore[arg-type]
                font_family=first.family if first else spec.font_family,
                font_size=fitted.size,
                direction=first.direction if first else spec.direction,
                lines=tuple(line.text for line in fitted.lines),
                truncated=fitted.truncated,
                runs=tuple(line_runs),
            )
        )
    if spec.logo:
        _paste_logo(canvas, spec.logo, logo_rect, spec.direction)
    data = _encode(canvas, spec.output_format)
    return RenderedCard(
        data=data,
        width=w,
        height=h,
        mime_type=OUTPUT_FORMATS[spec.output_format],
        boxes=tuple(boxes),
        input_hash=_digest or input_hash(spec),
    )


def _draw_line(
    draw: ImageDraw.ImageDraw, line: _Line, fitted: _Fitted, color: str
) -> tuple[tuple[str, str, int, int], ...]:
    """Draw one line, font run by font run (runs.py); return (piece, family, pen x,
    baseline y) of each run, left to right."""
    p = line.para
    runs = placed_runs(p.family, fitted.size, fitted.weight, line.text, p.direction, p.language,
                       line.anchor)  # fmt: skip
    if len(runs) == 1:
        font = get_font(runs[0][2], fitted.size, fitted.weight)
        drawn, text_kw = text_args(line.text, p.direction, p.language)
        draw.text((line.x, line.y), drawn, font=font, fill=color, anchor=line.anchor, **text_kw)
        return ((line.text, runs[0][2], round(line.x + runs[0][4]), line.y),)
    out = []
    for text, direction, family, lang, dx in runs:
        font = get_font(family, fitted.size, fitted.weight)
        drawn, text_kw = text_args(text, direction, lang)
        x = line.x + dx
        draw.text((x, line.y), drawn, font=font, fill=color, anchor="ls", **text_kw)
        out.append((text, family, round(x), line.y))
    return tuple(out)


def _draw_slide_dots(draw: ImageDraw.ImageDraw, spec: CardSpec, rect: Rect) -> None:
    """Where the slide is in the carousel: one dot per slide, this one filled with the
    accent, in reading order (right to left in an RTL carousel)."""
    unit = min(spec.size)
    radius = max(4, round(unit * 0.009))
    step = radius * 4
    span = step * (spec.slides - 1)
    y = (rect[1] + rect[3]) // 2
    rtl = spec.direction == "rtl"
    start = rect[2] - radius - span if rtl else rect[0] + radius
    for i in range(spec.slides):
        position = spec.slides - 1 - i if rtl else i
        x = start + position * step
        box = (x - radius, y - radius, x + radius, y + radius)
        if i == spec.slide:
            draw.ellipse(box, fill=spec.accent_color)
        else:
            draw.ellipse(box, outline=spec.text_color, width=max(2, radius // 3))


def _ink_extent(fitted: _Fitted) -> tuple[float, float] | None:
    """Top and bottom of the ink of a fitted block (the cached boxes fitting measured)."""
    tops, bottoms = [], []
    for line in fitted.lines:
        p = line.para
        rel = _bbox(p.family, fitted.size, fitted.weight, line.text, p.direction, p.language,
                    line.anchor)  # fmt: skip
        tops.append(rel[1] + line.y)
        bottoms.append(rel[3] + line.y)
    return (min(tops), max(bottoms)) if tops else None


def _restack(
    jobs: list[tuple[str, Rect, _Fitted, str]], gap: int
) -> list[tuple[str, Rect, _Fitted, str]]:
    """Stack the fitted blocks by their ink, not by their allotted shares, and centre the
    stack in the content area: no empty bands between or around the texts (the story
    format's tall boxes left them), a wider gap after the headline than between the
    others. Every block moves as a whole, so its lines stay as fitted; its allotted box
    moves with it, cut to the content area. If the stack would not fit, nothing moves."""
    if len(jobs) < 2:
        return jobs
    area_top, area_bottom = jobs[0][1][1], jobs[-1][1][3]
    extents = [_ink_extent(f) for _, _, f, _ in jobs]
    if any(e is None for e in extents):
        return jobs
    inks = [e for e in extents if e is not None]
    gaps = [round(gap * 2.2) if role == "headline" else round(gap * 1.4) for role, *_ in jobs]
    total = sum(b - t for t, b in inks) + sum(gaps[:-1])
    if total > area_bottom - area_top:
        return jobs
    y = area_top + (area_bottom - area_top - total) / 2
    out: list[tuple[str, Rect, _Fitted, str]] = []
    for (role, rect, fitted, color), (top, bottom), g in zip(jobs, inks, gaps, strict=True):
        dy = math.floor(y - top)
        lines = tuple(dataclasses.replace(ln, y=ln.y + dy) for ln in fitted.lines)
        moved = (rect[0], max(area_top, rect[1] + dy), rect[2], min(area_bottom, rect[3] + dy))
        out.append((role, moved, dataclasses.replace(fitted, lines=lines), color))
        y += bottom - top + g
    return out


def _paste_logo(canvas: Image.Image, data: bytes, rect: Rect, direction: str) -> None:
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as src:
            if src.width * src.height > 16_000_000:
                raise ValueError("logo image has too many pixels")
            src.load()
            logo = src.convert("RGBA")
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError("logo could not be decoded as an image") from exc
    box_w, box_h = rect[2] - rect[0], rect[3] - rect[1]
    ratio = min(box_w / logo.width, box_h / logo.height)
    size = (max(1, round(logo.width * ratio)), max(1, round(logo.height * ratio)))
    logo = logo.resize(size, Image.Resampling.LANCZOS)
    x = rect[0] if direction == "rtl" else rect[2] - size[0]
    y = rect[3] - size[1]
    canvas.paste(logo, (x, y), logo)


def _encode(canvas: Image.Image, output_format: str) -> bytes:
    """Encode from a fresh image with empty .info, passing no metadata options."""
    buf = io.BytesIO()
    if output_format == "png":
        canvas.save(buf, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    elif output_format == "jpeg":
        canvas.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
    else:
        canvas.save(buf, "WEBP", quality=WEBP_QUALITY, method=4, exact=False)
    return buf.getvalue()
