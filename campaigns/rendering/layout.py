"""Layout: the slots of each card layout and the rectangles they get."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from campaigns.rendering.spec import CardSpec, Rect
from campaigns.rendering.typography import quoted, typeset

# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Slot:
    role: str
    text: str
    share: float  # share of the stacked content height
    max_size: int
    min_size: int
    weight: int
    color: str  # "text" or "accent"


_FIELDS = {"cta": "cta_text", "contact": "cta_contact"}


def role_text(spec: CardSpec, role: str) -> str:
    """The text a role draws: the spec's field, typeset for the card's language (curly
    apostrophes, the language's quotation marks; testimony is always quoted)."""
    text = getattr(spec, _FIELDS.get(role, role))
    return quoted(text, spec.language) if role == "quote" else typeset(text, spec.language)


def _slots(spec: CardSpec) -> list[_Slot]:
    t = functools.partial(role_text, spec)
    if spec.layout == "carousel":
        return [s for s in _slide_slots(spec, t) if s.text]
    if spec.layout in ("quote_card", "photo_card"):
        slots = [
            _Slot("headline", t("headline"), 0.16, 60, 22, 700, "accent"),
            _Slot("quote", t("quote"), 0.56, 84, 24, 500, "text"),
            _Slot("attribution", t("attribution"), 0.10, 34, 16, 400, "text"),
        ]
    elif spec.layout == "statistic_card" and spec.statistic:
        # The big number, then the editor's headline and body; never an attribution.
        slots = [
            _Slot("statistic", t("statistic"), 0.34, 320, 48, 800, "accent"),
            _Slot("headline", t("headline"), 0.22, 80, 26, 700, "text"),
            _Slot("body", t("body"), 0.30, 56, 22, 400, "text"),
        ]
    elif spec.layout == "statistic_card":
        slots = [
            _Slot("headline", t("headline"), 0.30, 230, 36, 800, "accent"),
            _Slot("body", t("body"), 0.36, 64, 22, 400, "text"),
        ]
    else:
        slots = [
            _Slot("headline", t("headline"), 0.28, 120, 28, 800, "text"),
            _Slot("body", t("body"), 0.14, 48, 20, 400, "text"),
            _Slot("quote", t("quote"), 0.18, 52, 20, 500, "text"),
            _Slot("attribution", t("attribution"), 0.06, 30, 16, 400, "text"),
            _Slot("cta", t("cta"), 0.14, 64, 22, 400, "text"),
            _Slot("contact", t("contact"), 0.14, 88, 22, 700, "accent"),
        ]
    return [s for s in slots if s.text]


def _slide_slots(spec: CardSpec, t: functools.partial[str]) -> list[_Slot]:
    """A carousel slide's roles: the cover's headline and body, one quote and its
    attribution, or the closing call to action."""
    if spec.slide_kind == "cover":
        return [
            _Slot("headline", t("headline"), 0.42, 120, 30, 800, "accent"),
            _Slot("body", t("body"), 0.30, 56, 22, 400, "text"),
        ]
    if spec.slide_kind == "quote":
        return [
            _Slot("quote", t("quote"), 0.70, 88, 24, 500, "text"),
            _Slot("attribution", t("attribution"), 0.10, 34, 16, 400, "text"),
        ]
    return [
        _Slot("cta", t("cta"), 0.30, 72, 22, 600, "text"),
        _Slot("contact", t("contact"), 0.24, 96, 22, 700, "accent"),
    ]


def _footer_text(spec: CardSpec) -> str:
    # The call-to-action card draws it large; a carousel's slides show where they are
    # instead (dots), the closing slide says it large.
    if spec.layout in ("cta_card", "carousel"):
        return ""
    return "\n".join(t for t in (role_text(spec, "cta"), role_text(spec, "contact")) if t)


def _plan(spec: CardSpec) -> tuple[list[tuple[_Slot, Rect]], Rect | None, Rect, Rect]:
    """Allotted rectangles: (slot, rect) for the stacked roles, the footer CTA rect,
    the logo rect and the accent-bar rect."""
    w, h = spec.size
    unit = min(w, h)
    margin = round(unit * 0.075)
    gap = round(h * 0.02)
    # Tall formats have room for larger type: the story's texts may grow by their height,
    # not only by the card's area (they still shrink to what their boxes hold).
    scale = min(1.1, (w * h) ** 0.5 / 1080) * (1.3 if h > 1.5 * w else 1.0)
    footer_h = round(h * (0.11 if h > w else 0.15 if w > h else 0.13))
    bar = (margin, margin, margin + round(unit * 0.12), margin + max(6, round(unit * 0.012)))
    top = bar[3] + 2 * gap
    bottom = h - margin - footer_h - gap
    slots = _slots(spec)
    total = sum(s.share for s in slots)
    avail = bottom - top - gap * (len(slots) - 1)
    planned: list[tuple[_Slot, Rect]] = []
    y = top
    for i, s in enumerate(slots):
        sh = bottom - y if i == len(slots) - 1 else int(avail * s.share / total)
        scaled = _Slot(
            s.role,
            s.text,
            s.share,
            max(14, round(s.max_size * scale)),
            max(14, round(s.min_size * scale)),
            s.weight,
            s.color,
        )
        planned.append((scaled, (margin, y, w - margin, y + sh)))
        y += sh + gap
    logo_w = round(w * 0.24)
    fy0, fy1 = h - margin - footer_h, h - margin
    rtl = spec.direction == "rtl"
    logo = (
        (margin, fy0, margin + logo_w, fy1) if rtl else (w - margin - logo_w, fy0, w - margin, fy1)
    )
    footer_cta = (
        (margin + logo_w + gap, fy0, w - margin, fy1)
        if rtl
        else (margin, fy0, w - margin - logo_w - gap, fy1)
    )
    if rtl:
        bar = (w - bar[2], bar[1], w - bar[0], bar[3])
    return planned, footer_cta, logo, bar
