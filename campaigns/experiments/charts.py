"""The experiment report's chart: each variant's cumulative outcome rate over time, with its
Wilson interval, as accessible SVG drawn on the server; and the same figures as a table.

Pure: plain values in (:class:`~campaigns.experiments.analysis.DailyRates`, day labels and
the already-translated words), text out; no Django, no request. The output is deterministic
(same input, same bytes).

Accessibility. The ``<svg>`` is ``role="img"``, named by its ``<title>`` and described by its
``<desc>``, which says in words what each line shows and where it ends. Variants are told
apart without colour: each has its own dash pattern and marker shape (solid and circles,
dashed and squares, dotted and triangles, dash-dot and diamonds), shown in the legend beside
its label, and every colour has at least 5:1 contrast on white. The page puts
:func:`rate_table` beside the chart: screen readers and printouts get the numbers.

Right to left. Time runs left to right in the chart whatever the language (as in Arabic
charts of figures over time), so the ``<svg>`` is ``direction="ltr"``: on an Arabic page it
would otherwise inherit ``rtl`` and every ``text-anchor`` would flip to the other end of its
label, spilling labels over the plot. With ``rtl=True`` each label's own text is set
``direction="rtl"``, so an Arabic label with digits, "%" or a Latin variant name is ordered
correctly, and the legend reads from the right. Labels are placed by the side that stays put
(``_anchor``): a tick label right-aligned to the axis stays right-aligned in both directions.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from campaigns.experiments.analysis import DailyRates

INK = "#1d2330"  # on white: 15.9:1
MUTED = "#5a6272"  # on white: 6.2:1
GRID = "#d5d9e0"


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str  # stroke-dasharray; "" for solid
    marker: str  # circle, square, triangle, diamond


# Okabe–Ito hues, darkened to at least 5:1 on white; each also has its own dash and marker.
STYLES = (
    LineStyle("#0072b2", "", "circle"),
    LineStyle("#b34700", "8 4", "square"),
    LineStyle("#007a5a", "2 3", "triangle"),
    LineStyle("#a8447f", "10 3 2 3", "diamond"),
)

_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# Characters XML 1.0 does not allow (an editor's label could carry them): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CHAR_WIDTH = 7.8  # a conservative width of one 13 px character, for wrapping legend labels
LINE_HEIGHT = 17


def percent(rate: float) -> str:
    """The default way of writing a rate: one decimal, two below 1 %."""
    value = rate * 100
    return f"{value:.2f} %" if 0 < value < 1 else f"{value:.1f} %"


@dataclass(frozen=True)
class ChartText:
    """The chart's words, translated by the caller.

    ``summary`` and ``no_data`` are %-format strings with named fields, as gettext gives
    them: ``summary`` gets ``variant``, ``style``, ``rate``, ``low``, ``high`` and ``day``;
    ``no_data`` gets ``variant`` and ``style``. ``styles`` names the four line styles in
    words, in the order of :data:`STYLES`.
    """

    title: str
    description: str
    x_axis: str
    y_axis: str
    summary: str
    no_data: str
    styles: tuple[str, str, str, str]
    clipped: str = ""  # said when some interval runs above the top of the chart


@dataclass(frozen=True)
class Point:
    day: int
    rate: float
    low: float
    high: float


class SafeSvg(str):
    """SVG whose every text is escaped: Django templates (and Jinja) print it unescaped."""

    __slots__ = ()

    def __html__(self) -> SafeSvg:
        return self


def _text(value: str) -> str:
    return html.escape(_NOT_XML.sub("", value), quote=True)


def _points(series: DailyRates) -> list[Point | None]:
    """The series' days; ``None`` for a day with no units yet (Wilson gives exactly (0, 1))."""
    out: list[Point | None] = []
    for day, (rate, low, high) in enumerate(zip(series.rate, series.low, series.high, strict=True)):
        out.append(None if (low, high) == (0.0, 1.0) else Point(day, rate, low, high))
    return out


def _nice_step(top: float) -> float:
    """A round tick step giving at most five ticks above 0 up to ``top``."""
    raw = top / 5
    magnitude = math.pow(10.0, math.floor(math.log10(raw)))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _scale_top(points: Sequence[Point]) -> tuple[float, float, bool]:
    """The y-axis top and tick step; whether some interval is cut at the top.

    The top fits every interval, unless early days' wide intervals would squash the lines:
    then it stops at three times the highest rate and those intervals are cut (and said so).
    """
    if not points:
        return 0.01, 0.002, False
    highest_rate = max(p.rate for p in points)
    highest = max(p.high for p in points)
    wanted = highest if highest_rate <= 0 else min(highest, 3 * highest_rate)
    wanted = min(max(wanted, 1e-4), 1.0)
    step = _nice_step(wanted)
    top = min(step * math.ceil(wanted / step - 1e-9), 1.0)
    return top, step, highest > top + 1e-12


def _anchor(side: str, rtl: bool) -> str:
    """The ``text-anchor`` that puts a label's ``side`` ("left", "right" or "middle") at x.

    ``start`` and ``end`` follow the text's direction: in right-to-left text, ``start`` is
    its right edge.
    """
    if side == "middle":
        return "middle"
    return "start" if (side == "left") != rtl else "end"


def _label(x: float, y: float, text: str, *, side: str, rtl: bool, extra: str = "") -> str:
    direction = ' direction="rtl" unicode-bidi="embed"' if rtl else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{INK}" text-anchor="{_anchor(side, rtl)}"'
        f"{direction}{extra}>{_text(text)}</text>"
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    common = f'class="marker marker--{shape}" fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if shape == "circle":
        return f'<circle {common} cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
    if shape == "square":
        return f'<rect {common} x="{x - 3.6:.1f}" y="{y - 3.6:.1f}" width="7.2" height="7.2"/>'
    if shape == "triangle":
        return (
            f'<path {common} d="M{x:.1f},{y - 4.6:.1f} L{x + 4.6:.1f},{y + 3.4:.1f} '
            f'L{x - 4.6:.1f},{y + 3.4:.1f} Z"/>'
        )
    return (
        f'<path {common} d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} '
        f'L{x:.1f},{y + 5:.1f} L{x - 5:.1f},{y:.1f} Z"/>'
    )


def _segments(points: Sequence[Point | None]) -> list[list[Point]]:
    """Runs of consecutive days with data (a day without units breaks the line)."""
    runs: list[list[Point]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _marker_days(count: int, variant: int, variants: int) -> list[int]:
    """About ten markers per line, staggered between variants so they do not pile up; the
    last day always has one."""
    if count <= 15:
        return list(range(count))
    step = math.ceil(count / 10)
    days = set(range(variant * step // variants, count, step))
    days.add(count - 1)
    return sorted(days)


def _x_ticks(count: int) -> list[int]:
    if count <= 1:
        return list(range(count))
    ticks = min(count, 6)
    return sorted({round(i * (count - 1) / (ticks - 1)) for i in range(ticks)})


def _check(chart_id: str, series: Sequence[DailyRates], days: Sequence[str]) -> None:
    if not _CHART_ID.fullmatch(chart_id):
        raise ValueError("The chart id must be a letter then letters, digits, '-' or '_'.")
    if not 1 <= len(series) <= len(STYLES):
        raise ValueError(f"Draw 1 to {len(STYLES)} variants; got {len(series)}.")
    for one in series:
        if not len(one.rate) == len(one.low) == len(one.high) == len(days):
            raise ValueError("Give one day label per day of every variant's rates.")


def rate_chart(
    *,
    chart_id: str,
    series: Sequence[DailyRates],
    days: Sequence[str],
    text: ChartText,
    rtl: bool = False,
    lang: str = "",
    format_rate: Callable[[float], str] = percent,
    width: int = 640,
    plot_height: int = 240,
) -> SafeSvg:
    """Draw each variant's cumulative rate (a line) and its interval (a band) over ``days``.

    ``days`` are the x-axis labels, one per day, already formatted for the reader.
    """
    _check(chart_id, series, days)
    left, right, gap = 64, 16, 8
    plot_width = width - left - right
    all_points = [_points(one) for one in series]
    present = [p for points in all_points for p in points if p is not None]
    top, step, clipped = _scale_top(present)
    count = len(days)

    def x_of(day: int) -> float:
        return left + (plot_width * day / (count - 1) if count > 1 else plot_width / 2)

    # The legend: one line per variant (wrapped, never cut), above the plot.
    legend: list[tuple[int, list[str], int]] = []
    y = gap
    label_room = width - left - 44 - right  # beside the 36 px sample, in either direction
    for index, one in enumerate(series):
        lines = textwrap.wrap(one.variant, max(int(label_room // CHAR_WIDTH), 8))
        lines = lines or [""]
        legend.append((index, lines, y))
        y += LINE_HEIGHT * len(lines) + 4
    axis_title_y = y + LINE_HEIGHT - 4
    plot_top = axis_title_y + 12
    plot_bottom = plot_top + plot_height
    height = plot_bottom + 52

    def y_of(rate: float) -> float:
        return plot_bottom - plot_height * min(rate, top) / top

    description = _describe(series, all_points, days, text, format_rate, clipped)
    lang_attribute = f' lang="{_text(lang)}"' if lang else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--experiment" '
        f'id="{chart_id}" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" direction="ltr"{lang_attribute} '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="13" data-y-top="{top:g}" '
        f'data-plot="{left} {plot_top} {plot_width} {plot_height}">',
        f'<title id="{chart_id}-title">{_text(text.title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>',
        f'<defs><clipPath id="{chart_id}-plot"><rect x="{left}" y="{plot_top}" '
        f'width="{plot_width}" height="{plot_height}"/></clipPath></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]

    for index, lines, line_y in legend:
        style = STYLES[index]
        # Left to right: sample, then label; right to left: the mirror image.
        sample_x = width - right - 36 if rtl else left
        label_x = sample_x - 8 if rtl else sample_x + 44
        middle = line_y + LINE_HEIGHT / 2 + 2
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(f'<g class="legend-entry" data-series="{index}">')
        parts.append(
            f'<line x1="{sample_x}" y1="{middle:.1f}" x2="{sample_x + 36}" y2="{middle:.1f}" '
            f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
        )
        parts.append(_marker(style.marker, sample_x + 18, middle, style.colour))
        for number, line in enumerate(lines):
            parts.append(
                _label(
                    label_x,
                    line_y + LINE_HEIGHT * (number + 1) - 4,
                    line,
                    side="right" if rtl else "left",
                    rtl=rtl,
                    extra=' class="legend-label"',
                )
            )
        parts.append("</g>")

    # The y-axis: its title above the tick labels, ticks and grid lines across.
    parts.append(
        _label(
            left - 8, axis_title_y, text.y_axis, side="left", rtl=rtl, extra=' class="axis-title"'
        )
    )
    ticks = round(top / step)
    for tick in range(ticks + 1):
        value = min(tick * step, top)
        tick_y = y_of(value)
        parts.append(
            f'<line class="grid" x1="{left}" y1="{tick_y:.1f}" x2="{left + plot_width}" '
            f'y2="{tick_y:.1f}" stroke="{GRID if tick else MUTED}" stroke-width="1"/>'
        )
        parts.append(
            _label(
                left - 6,
                tick_y + 4.5,
                format_rate(value),
                side="right",
                rtl=rtl,
                extra=' class="y-tick" font-size="12"',
            )
        )
    # The x-axis: a few day labels, centred under their day, and its title.
    x_ticks = _x_ticks(count)
    for day in x_ticks:
        # The end labels align with the plot's edges, so that a long date stays inside.
        side = "middle"
        if len(x_ticks) > 1 and day == x_ticks[0]:
            side = "left"
        elif len(x_ticks) > 1 and day == x_ticks[-1]:
            side = "right"
        parts.append(
            f'<line x1="{x_of(day):.1f}" y1="{plot_bottom}" x2="{x_of(day):.1f}" '
            f'y2="{plot_bottom + 5}" stroke="{MUTED}"/>'
        )
        parts.append(
            _label(
                x_of(day),
                plot_bottom + 20,
                days[day],
                side=side,
                rtl=rtl,
                extra=f' class="x-tick" data-day="{day}" font-size="12"',
            )
        )
    parts.append(
        _label(
            left + plot_width / 2,
            plot_bottom + 42,
            text.x_axis,
            side="middle",
            rtl=rtl,
            extra=' class="axis-title"',
        )
    )

    # The bands first (under every line), then the lines and their markers.
    for index, points in enumerate(all_points):
        style = STYLES[index]
        for run in _segments(points):
            upper = " L".join(f"{x_of(p.day):.1f},{y_of(p.high):.1f}" for p in run)
            lower = " L".join(f"{x_of(p.day):.1f},{y_of(p.low):.1f}" for p in reversed(run))
            parts.append(
                f'<path class="interval" data-series="{index}" d="M{upper} L{lower} Z" '
                f'fill="{style.colour}" fill-opacity="0.12" stroke="none" '
                f'clip-path="url(#{chart_id}-plot)"/>'
            )
    for index, points in enumerate(all_points):
        style = STYLES[index]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        runs = _segments(points)
        d = " ".join(
            "M" + " L".join(f"{x_of(p.day):.1f},{y_of(p.rate):.1f}" for p in run) for run in runs
        )
        parts.append(f'<g class="series" data-series="{index}">')
        if d:
            parts.append(
                f'<path class="rate" d="{d}" fill="none" stroke="{style.colour}" '
                f'stroke-width="2.5" stroke-linejoin="round"{dash}/>'
            )
        for day in _marker_days(count, index, len(series)):
            point = points[day]
            if point is not None:
                parts.append(_marker(style.marker, x_of(day), y_of(point.rate), style.colour))
        parts.append("</g>")
    parts.append("</svg>")
    return SafeSvg("".join(parts))


def _describe(
    series: Sequence[DailyRates],
    all_points: Sequence[Sequence[Point | None]],
    days: Sequence[str],
    text: ChartText,
    format_rate: Callable[[float], str],
    clipped: bool,
) -> str:
    """The description: the caller's lead, then one sentence per variant at its last day."""
    sentences = [text.description]
    for index, (one, points) in enumerate(zip(series, all_points, strict=True)):
        last = next((p for p in reversed(points) if p is not None), None)
        fields = {"variant": one.variant, "style": text.styles[index]}
        if last is None:
            sentences.append(text.no_data % fields)
        else:
            sentences.append(
                text.summary
                % {
                    **fields,
                    "rate": format_rate(last.rate),
                    "low": format_rate(last.low),
                    "high": format_rate(last.high),
                    "day": days[last.day],
                }
            )
    if clipped and text.clipped:
        sentences.append(text.clipped)
    return " ".join(s for s in sentences if s)


# --- The data table ------------------------------------------------------------------------


@dataclass(frozen=True)
class RateCell:
    """One variant on one day: the figures as written, empty when it had no units yet."""

    has_data: bool
    rate: str
    low: str
    high: str


@dataclass(frozen=True)
class RateRow:
    day: str
    cells: tuple[RateCell, ...]


@dataclass(frozen=True)
class RateTable:
    """What the template renders as a ``<table>``: a column per variant, a row per day."""

    variants: tuple[str, ...]
    rows: tuple[RateRow, ...]


def rate_table(
    *,
    series: Sequence[DailyRates],
    days: Sequence[str],
    format_rate: Callable[[float], str] = percent,
) -> RateTable:
    """The chart's figures as rows, one per day, oldest first (labels are left for the
    template to escape)."""
    if not series:
        raise ValueError("Give at least one variant's rates.")
    for one in series:
        if not len(one.rate) == len(one.low) == len(one.high) == len(days):
            raise ValueError("Give one day label per day of every variant's rates.")
    all_points = [_points(one) for one in series]
    rows = []
    for day, label in enumerate(days):
        cells = []
        for points in all_points:
            point = points[day]
            if point is None:
                cells.append(RateCell(False, "", "", ""))
            else:
                cells.append(
                    RateCell(
                        True,
                        format_rate(point.rate),
                        format_rate(point.low),
                        format_rate(point.high),
                    )
                )
        rows.append(RateRow(label, tuple(cells)))
    return RateTable(tuple(one.variant for one in series), tuple(rows))
