"""Accessible SVG charts drawn on the server, from plain values.

Pure: no database, no request. Every chart is an ``<svg role="img">`` named by its ``<title>``
and ``<desc>``, with every value written beside its bar as text (never colour alone), dark ink
on white, and suppressed cells drawn as an outlined stub labelled with the suppression mark.
The page puts the data table beside each chart; screen readers get the table, not the shapes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SUPPRESSED_MARK = "[c]"

INK = "#1d2330"  # on white: 15.9:1
MUTED = "#5a6272"  # on white: 6.2:1
# Bar fills, one per series; each is at least 3:1 against white (WCAG 1.4.11), and the
# series are told apart by their text labels as well as by fill and pattern.
SERIES_FILLS = ("#1f4fa8", "#1d6b3a", "url(#{id}-hatch)")
HATCH_INK = "#7a5200"


@dataclass(frozen=True)
class Bar:
    """One bar: a label, a value (``None`` when suppressed), and its series (0, 1, 2)."""

    label: str
    value: int | None
    series: int = 0
    level: int = 0  # indentation of the label: 1 for a sub-reason
    heading: bool = False  # a group label with no bar of its own


def _fmt(value: int | None) -> str:
    return SUPPRESSED_MARK if value is None else f"{value:,}"


def _defs(chart_id: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff4d6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH_INK}" stroke-width="3"/>'
        "</pattern>"
        "</defs>"
    )


def _open(
    chart_id: str,
    width: int,
    height: int,
    title: str,
    description: str,
    *,
    plot_x: int,
    css_class: str = "chart",
) -> list[str]:
    """The chart's opening; ``plot_x`` is where its bars start (no label may pass it)."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" id="{chart_id}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'data-plot-x="{plot_x}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        _defs(chart_id),
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _fill(chart_id: str, series: int) -> str:
    return SERIES_FILLS[series % len(SERIES_FILLS)].format(id=chart_id)


# A conservative width of one character of the 13 px label font (bold, Latin), for wrapping
# labels on the server: a line never runs past the chart's edge.
CHAR_WIDTH = 7.8
LINE_HEIGHT = 17


def _wrap(label: str, room: float) -> list[str]:
    """The label in lines that fit ``room`` px; a word longer than a line is split."""
    per_line = max(int(room // CHAR_WIDTH), 8)
    return textwrap.wrap(label, per_line, break_long_words=True) or [""]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    width: int = 360,
) -> SafeString:
    """Draw horizontal bars, each under its label (wrapped to the chart's width, never cut)
    and valued at its end. Narrow enough for a phone at full size; wider pages show it
    larger."""
    left, top, value_room, bar_height, gap = 8, 8, 56, 16, 10
    bar_room = width - left - value_room
    largest = max((bar.value for bar in bars if bar.value), default=0)
    rows: list[tuple[Bar, list[str], int]] = []
    y = top
    for bar in bars:
        indent = left + 16 * bar.level
        lines = _wrap(bar.label, width - indent - left)
        rows.append((bar, lines, y))
        y += LINE_HEIGHT * len(lines) + (0 if bar.heading else bar_height) + gap
    height = max(y + top - gap, top * 2 + bar_height)
    parts = _open(chart_id, width, height, title, description, plot_x=width)
    for bar, lines, y in rows:
        indent = left + 16 * bar.level
        weight = ' font-weight="700"' if bar.heading or bar.level == 0 else ""
        for number, line in enumerate(lines):
            parts.append(
                f'<text class="label" x="{indent}" y="{y + LINE_HEIGHT * (number + 1) - 4}" '
                f'fill="{INK}"{weight}>{escape(line)}</text>'
            )
        if bar.heading:
            continue
        bar_y = y + LINE_HEIGHT * len(lines)
        middle = bar_y + bar_height / 2 + 4.5
        if bar.value is None:
            parts.append(
                f'<rect class="bar bar--suppressed" x="{indent}" y="{bar_y}" width="18" '
                f'height="{bar_height}" fill="#ffffff" stroke="{INK}" stroke-dasharray="3 2"/>'
            )
            end: float = indent + 18
        else:
            room = bar_room - (indent - left)
            length: float = 0 if not largest else round(room * bar.value / largest, 1)
            if length:
                parts.append(
                    f'<rect class="bar" x="{indent}" y="{bar_y}" width="{length}" '
                    f'height="{bar_height}" fill="{_fill(chart_id, bar.series)}" '
                    f'stroke="{INK}" stroke-width="0.5"/>'
                )
            end = indent + length
        parts.append(
            f'<text class="value" x="{end + 6:.1f}" y="{middle:.1f}" fill="{INK}">'
            f"{escape(_fmt(bar.value))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped  # nosec B308 B703


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[tuple[str, str, int | None]],
    plot_height: int = 180,
) -> SafeString:
    """Draw vertical columns over time; ``columns`` holds (upper label, lower label, value).

    The upper label is the quarter ("Q1"), the lower label the year, written once where it
    changes, so a long series stays readable without rotated text.
    """
    column_width, left, top, bottom = 30, 12, 24, 44
    width = max(left * 2 + column_width * len(columns), 240)
    height = top + plot_height + bottom
    largest = max((value for _, _, value in columns if value), default=0)
    base = top + plot_height
    # Columns keep their size (a long series scrolls inside its figure): shrunk to a
    # phone's width, their 11 px labels would be too small to read.
    parts = _open(
        chart_id, width, height, title, description, plot_x=width, css_class="chart chart--columns"
    )
    parts.append(
        f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="{MUTED}"/>'
    )
    previous_year = None
    for index, (upper, lower, value) in enumerate(columns):
        x = left + index * column_width
        centre = x + column_width / 2
        if value is None:
            parts.append(
                f'<rect class="bar bar--suppressed" x="{x + 4}" y="{base - 14}" '
                f'width="{column_width - 8}" height="14" fill="#ffffff" stroke="{INK}" '
                'stroke-dasharray="3 2"/>'
            )
            label_y: float = base - 18
        else:
            length: float = 0 if not largest else round(plot_height * value / largest, 1)
            if length:
                parts.append(
                    f'<rect class="bar" x="{x + 4}" y="{base - length:.1f}" '
                    f'width="{column_width - 8}" height="{length}" fill="{_fill(chart_id, 0)}" '
                    f'stroke="{INK}" stroke-width="0.5"/>'
                )
            label_y = base - length - 4
        parts.append(
            f'<text class="value" x="{centre:.1f}" y="{label_y:.1f}" fill="{INK}" '
            f'font-size="11" text-anchor="middle">{escape(_fmt(value))}</text>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 16}" fill="{INK}" font-size="11" '
            f'text-anchor="middle">{escape(upper)}</text>'
        )
        if lower != previous_year:
            parts.append(
                f'<text x="{x + 2}" y="{base + 34}" fill="{INK}" font-size="12" '
                f'font-weight="700">{escape(lower)}</text>'
            )
            previous_year = lower
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped  # nosec B308 B703
