"""Accessible SVG charts drawn on the server, from plain values.

Pure: no database, no request. Every chart is an ``<svg role="img">`` named by its ``<title>``
and ``<desc>``, with every value written beside its bar as text (never colour alone), dark ink
on white, and suppressed cells drawn as an outlined stub labelled with the suppression mark.
The page puts the data table beside each chart; screen readers get the table, not the shapes.
"""

from __future__ import annotations

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


def _open(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        _defs(chart_id),
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _fill(chart_id: str, series: int) -> str:
    return SERIES_FILLS[series % len(SERIES_FILLS)].format(id=chart_id)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    label_width: int = 300,
    bar_width: int = 320,
) -> SafeString:
    """Draw horizontal bars, one per row, each labelled on the left and valued on the right."""
    row_height, top, value_room = 24, 8, 70
    width = label_width + bar_width + value_room
    height = top * 2 + row_height * max(len(bars), 1)
    largest = max((bar.value for bar in bars if bar.value), default=0)
    parts = _open(chart_id, width, height, title, description)
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" '
        f'stroke="{MUTED}"/>'
    )
    for index, bar in enumerate(bars):
        y = top + index * row_height
        middle = y + row_height / 2 + 4.5
        indent = 8 + 16 * bar.level
        weight = ' font-weight="700"' if bar.heading or bar.level == 0 else ""
        parts.append(
            f'<text x="{indent}" y="{middle:.1f}" fill="{INK}"{weight}>{escape(bar.label)}</text>'
        )
        if bar.heading:
            continue
        if bar.value is None:
            parts.append(
                f'<rect class="bar bar--suppressed" x="{label_width}" y="{y + 5}" width="18" '
                f'height="{row_height - 10}" fill="#ffffff" stroke="{INK}" stroke-dasharray="3 2"/>'
            )
            end: float = label_width + 18
        else:
            length: float = 0 if not largest else round(bar_width * bar.value / largest, 1)
            if length:
                parts.append(
                    f'<rect class="bar" x="{label_width}" y="{y + 5}" width="{length}" '
                    f'height="{row_height - 10}" fill="{_fill(chart_id, bar.series)}" '
                    f'stroke="{INK}" stroke-width="0.5"/>'
                )
            end = label_width + length
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
    parts = _open(chart_id, width, height, title, description)
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
