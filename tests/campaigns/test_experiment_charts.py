"""The experiment chart and its data table: accessible, escaped, right-to-left aware.

The SVG is parsed and its shapes checked (points, labels, styles), never compared byte for
byte.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from django.utils.html import conditional_escape
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns.experiments.analysis import DailyRates, Data, Outcome, analyse
from campaigns.experiments.charts import STYLES, ChartText, rate_chart, rate_table

SVG = "{http://www.w3.org/2000/svg}"

TEXT = ChartText(
    title="Click-through rate by variant",
    description="Each line is a variant's cumulative rate; the band around it its 95 % interval.",
    x_axis="Day",
    y_axis="Cumulative rate",
    summary="%(variant)s (%(style)s): %(rate)s on %(day)s, interval %(low)s to %(high)s.",
    no_data="%(variant)s (%(style)s): no data yet.",
    styles=("solid line, circles", "dashed line, squares", "dotted line, triangles", "dash-dot"),
    clipped="Early intervals run above the top of the chart.",
)
ARABIC = ChartText(
    title="معدل النقر حسب المتغير",
    description="كل خط هو المعدل التراكمي لمتغير، والشريط حوله مجاله بنسبة 95 %.",
    x_axis="اليوم",
    y_axis="المعدل التراكمي (%)",
    summary="%(variant)s (%(style)s): %(rate)s في %(day)s، المجال من %(low)s إلى %(high)s.",
    no_data="%(variant)s (%(style)s): لا بيانات بعد.",
    styles=("خط متصل ودوائر", "خط متقطع ومربعات", "خط منقط ومثلثات", "خط ونقطة"),
)


def _analysed(units, clicks, names=("A", "B")):
    data = Data(
        variants=list(names),
        weights=[1] * len(names),
        units=units,
        outcomes=[Outcome("clicks", True, clicks)],
        planned_units=1_000,
        baseline_rate=0.05,
        relative_effect=0.2,
    )
    return analyse(data).outcomes[0].daily


def _days(count):
    return [f"Day {d + 1}" for d in range(count)]


def _parse(svg):
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to test it


def _points(d):
    """The (x, y) pairs of a path, per subpath."""
    runs = []
    for sub in re.findall(r"M[^M]+", d):
        runs.append(
            [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", sub)]
        )
    return runs


def _geometry(root):
    left, top, width, height = map(float, root.get("data-plot").split())
    return left, top, width, height, float(root.get("data-y-top"))


def _two_variants(days=20):
    rng = np.random.default_rng(4)
    units = rng.poisson(400, size=(2, days))
    clicks = [rng.binomial(units[0], 0.05), rng.binomial(units[1], 0.07)]
    return _analysed(units.tolist(), [c.tolist() for c in clicks])


# --- The chart -----------------------------------------------------------------------------


def test_the_chart_is_an_image_named_and_described_in_words():
    series = _two_variants()
    root = _parse(rate_chart(chart_id="exp-1", series=series, days=_days(20), text=TEXT))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert title.text == TEXT.title
    # The description ends each variant's line in words, with its style.
    last = series[1]
    assert f"B (dashed line, squares): {last.rate[-1] * 100:.1f} % on Day 20" in desc.text
    assert desc.text.startswith(TEXT.description)
    assert "A (solid line, circles)" in desc.text


def test_each_line_passes_through_its_daily_rates_left_to_right():
    series = _two_variants()
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(20), text=TEXT))
    left, top, width, height, y_top = _geometry(root)
    paths = root.findall(f".//{SVG}path[@class='rate']")
    assert len(paths) == 2
    for path, one in zip(paths, series, strict=True):
        (run,) = _points(path.get("d"))
        assert len(run) == 20
        xs = [x for x, _ in run]
        assert xs[0] == pytest.approx(left) and xs[-1] == pytest.approx(left + width)
        assert np.allclose(np.diff(xs), width / 19, atol=0.11)
        for (_, y), rate in zip(run, one.rate, strict=True):
            assert y == pytest.approx(top + height - height * rate / y_top, abs=0.06)
    # Every interval band runs along its high bound and back along its low one.
    bands = root.findall(f".//{SVG}path[@class='interval']")
    assert len(bands) == 2
    for band, one in zip(bands, series, strict=True):
        (run,) = _points(band.get("d"))
        upper, lower = run[:20], run[20:][::-1]
        assert all(u[1] <= lo[1] for u, lo in zip(upper, lower, strict=True))
        assert upper[-1][1] == pytest.approx(
            top + height - height * min(one.high[-1], y_top) / y_top, abs=0.06
        )


def test_variants_are_told_apart_without_colour():
    series = _analysed([[500] * 30] * 4, [[20] * 30, [25] * 30, [30] * 30, [35] * 30], "ABCD")
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(30), text=TEXT))
    dashes = [p.get("stroke-dasharray", "") for p in root.findall(f".//{SVG}path[@class='rate']")]
    assert len(set(dashes)) == 4
    shapes = []
    for group in root.findall(f".//{SVG}g[@class='series']"):
        kinds = {m.get("class") for m in group if "marker" in (m.get("class") or "")}
        assert len(kinds) == 1
        shapes.append(kinds.pop())
    assert len(set(shapes)) == 4
    # The legend shows each variant's label beside its own dash and marker.
    for index, entry in enumerate(root.findall(f".//{SVG}g[@class='legend-entry']")):
        line = entry.find(f"{SVG}line")
        assert line.get("stroke-dasharray", "") == STYLES[index].dash == dashes[index]
        assert entry.find(f"*[@class='marker marker--{STYLES[index].marker}']") is not None
        assert entry.find(f"{SVG}text").text == "ABCD"[index]


def test_markers_sit_on_the_line_and_mark_the_last_day():
    series = _two_variants(days=90)
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(90), text=TEXT))
    for group in root.findall(f".//{SVG}g[@class='series']"):
        (run,) = _points(group.find(f"{SVG}path").get("d"))
        on_line = {(round(x, 1), round(y, 1)) for x, y in run}
        circles = group.findall(f"{SVG}circle") or group.findall(f"{SVG}rect")
        assert 8 <= len(circles) <= 12
        for marker in circles:
            if marker.tag == f"{SVG}circle":
                centre = (float(marker.get("cx")), float(marker.get("cy")))
            else:
                centre = (
                    round(float(marker.get("x")) + 3.6, 1),
                    round(float(marker.get("y")) + 3.6, 1),
                )
            assert any(abs(centre[0] - x) < 0.11 and abs(centre[1] - y) < 0.11 for x, y in on_line)
        assert run[-1] in on_line


def test_a_long_label_wraps_inside_the_chart_and_is_never_cut():
    label = " ".join(["testimony-first"] * 12)
    series = _analysed([[100] * 3, [100] * 3], [[5] * 3, [6] * 3], names=("A", label))
    for rtl in (False, True):
        root = _parse(rate_chart(chart_id="c", series=series, days=_days(3), text=TEXT, rtl=rtl))
        entry = root.findall(f".//{SVG}g[@class='legend-entry']")[1]
        lines = [t.text for t in entry.iter(f"{SVG}text")]
        assert len(lines) > 1 and " ".join(lines) == label
        assert all(len(line) * 7.8 <= 640 - 64 - 44 - 16 for line in lines)


def test_labels_from_editors_are_escaped():
    label = "<script>alert(\"x\")</script> & 'B'\x01"
    series = _analysed([[100] * 3, [100] * 3], [[5] * 3, [6] * 3], names=("A", label))
    svg = rate_chart(chart_id="c", series=series, days=["<b>1</b>", "2", "3"], text=TEXT)
    root = _parse(svg)
    assert root.find(f".//{SVG}script") is None and "<script>" not in svg
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>alert(\"x\")</script> & 'B'" in labels
    assert "<b>1</b>" in labels
    assert "<script>" in root.find(f"{SVG}desc").text


def test_the_chart_prints_unescaped_in_a_template_and_is_deterministic():
    series = _two_variants()
    first = rate_chart(chart_id="c", series=series, days=_days(20), text=TEXT)
    assert conditional_escape(first) == first
    assert rate_chart(chart_id="c", series=series, days=_days(20), text=TEXT) == first


def test_a_day_without_units_breaks_the_line_and_no_data_is_said():
    series = _analysed([[0, 0, 100, 100, 0, 100], [0] * 6], [[0, 0, 5, 6, 0, 7], [0] * 6])
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(6), text=TEXT))
    (path,) = root.findall(f".//{SVG}path[@class='rate']")  # B has no line at all
    (run,) = _points(path.get("d"))  # cumulative: day 5 keeps day 4's units
    assert len(run) == 4
    assert "B (dashed line, squares): no data yet." in root.find(f"{SVG}desc").text


def test_early_wide_intervals_are_cut_at_the_top_and_said_so():
    series = _analysed([[5] + [2_000] * 9, [5] + [2_000] * 9], [[1] + [100] * 9, [1] + [100] * 9])
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(10), text=TEXT))
    assert float(root.get("data-y-top")) < series[0].high[0]
    assert float(root.get("data-y-top")) >= max(max(s.rate) for s in series)
    assert TEXT.clipped in root.find(f"{SVG}desc").text
    assert root.find(f".//{SVG}clipPath") is not None


def test_an_arabic_chart_keeps_time_left_to_right_and_its_labels_right_to_left():
    series = _two_variants()
    days = [f"اليوم {d + 1}" for d in range(20)]
    ltr = _parse(rate_chart(chart_id="c", series=series, days=_days(20), text=TEXT))
    rtl = _parse(
        rate_chart(chart_id="c", series=series, days=days, text=ARABIC, rtl=True, lang="ar")
    )
    assert rtl.get("direction") == "ltr" and rtl.get("lang") == "ar"
    # Time runs the same way: the lines are the same shapes.
    lines = [p.get("d") for p in ltr.findall(f".//{SVG}path[@class='rate']")]
    assert [p.get("d") for p in rtl.findall(f".//{SVG}path[@class='rate']")] == lines
    texts = list(rtl.iter(f"{SVG}text"))
    assert texts and all(t.get("direction") == "rtl" for t in texts)
    assert not any(t.get("direction") for t in ltr.iter(f"{SVG}text"))
    # A tick label stays right-aligned to the axis: "end" in LTR text is "start" in RTL.
    ltr_tick = ltr.find(f".//{SVG}text[@class='y-tick']")
    rtl_tick = rtl.find(f".//{SVG}text[@class='y-tick']")
    assert ltr_tick.get("text-anchor") == "end" and rtl_tick.get("text-anchor") == "start"
    assert ltr_tick.get("x") == rtl_tick.get("x")
    # The legend reads from the right: its labels end at the right, left of their sample.
    width = float(rtl.get("width"))
    for entry in rtl.findall(f".//{SVG}g[@class='legend-entry']"):
        sample, label = entry.find(f"{SVG}line"), entry.find(f"{SVG}text")
        assert float(sample.get("x2")) > width - 20
        assert float(label.get("x")) < float(sample.get("x1"))
        assert label.get("text-anchor") == "start"
    assert "اليوم 20" in rtl.find(f"{SVG}desc").text


@pytest.mark.parametrize("count", [0, 1])
def test_a_chart_with_no_day_or_one_day_is_still_drawn(count):
    series = [
        DailyRates("A", (0.05,) * count, (0.01,) * count, (0.1,) * count),
        DailyRates("B", (0.0,) * count, (0.0,) * count, (1.0,) * count),
    ]
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(count), text=TEXT))
    desc = root.find(f"{SVG}desc").text
    assert "B (dashed line, squares): no data yet." in desc
    assert ("A (solid line, circles): 5.0 % on Day 1" in desc) == (count == 1)
    assert len(root.findall(f".//{SVG}path[@class='rate']")) == count


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"chart_id": "1c"}, "chart id"),
        ({"chart_id": 'c" onload="x'}, "chart id"),
        ({"days": ["1"]}, "one day label per day"),
        ({"series": []}, "1 to 4 variants"),
    ],
)
def test_impossible_charts_are_refused(kwargs, message):
    arguments = {"chart_id": "c", "series": _two_variants(3), "days": _days(3), "text": TEXT}
    with pytest.raises(ValueError, match=message):
        rate_chart(**{**arguments, **kwargs})


@given(
    st.integers(2, 4),
    st.integers(1, 90),
    st.integers(0, 10_000),
    st.floats(0.001, 0.5),
)
@settings(max_examples=25, deadline=None)
def test_every_shape_stays_inside_the_chart(variants, days, seed, rate):
    rng = np.random.default_rng(seed)
    units = rng.poisson(rng.uniform(0, 300), size=(variants, days))
    clicks = rng.binomial(units, rate)
    series = _analysed(units.tolist(), clicks.tolist(), "ABCD"[:variants])
    root = _parse(rate_chart(chart_id="c", series=series, days=_days(days), text=TEXT))
    left, top, width, height, _ = _geometry(root)
    for path in root.findall(f".//{SVG}path[@class='rate']"):
        for run in _points(path.get("d")):
            for x, y in run:
                assert left - 0.05 <= x <= left + width + 0.05
                assert top - 0.05 <= y <= top + height + 0.05
    assert float(root.get("height")) > top + height


# --- The data table ------------------------------------------------------------------------


def test_the_table_has_a_row_per_day_and_a_column_per_variant():
    series = _analysed([[0, 100, 100], [100, 100, 100]], [[0, 5, 5], [10, 10, 10]])
    table = rate_table(series=series, days=["1 Dec", "2 Dec", "3 Dec"])
    assert table.variants == ("A", "B")
    assert [row.day for row in table.rows] == ["1 Dec", "2 Dec", "3 Dec"]
    first, last = table.rows[0], table.rows[-1]
    assert not first.cells[0].has_data and first.cells[0].rate == ""
    assert first.cells[1].rate == "10.0 %"
    assert last.cells[0].rate == "5.0 %"
    low, high = series[0].low[-1], series[0].high[-1]
    assert last.cells[0].low == f"{low * 100:.1f} %" and last.cells[0].high == f"{high * 100:.1f} %"


def test_the_table_writes_figures_as_the_caller_formats_them():
    series = _analysed([[1_000], [1_000]], [[4], [50]])
    table = rate_table(
        series=series, days=["1"], format_rate=lambda r: f"{r * 100:.1f}".replace(".", ",") + " %"
    )
    assert table.rows[0].cells[0].rate == "0,4 %"
    assert table.rows[0].cells[1].rate == "5,0 %"


def test_the_default_format_keeps_small_rates_readable():
    series = _analysed([[1_000], [1_000]], [[4], [50]])
    assert rate_table(series=series, days=["1"]).rows[0].cells[0].rate == "0.40 %"


def test_the_table_refuses_mismatched_days():
    with pytest.raises(ValueError, match="one day label per day"):
        rate_table(series=[DailyRates("A", (0.1,), (0.0,), (0.2,))], days=[])
