"""Disclosure control and building blocks of the dashboard (pure: no database)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.charts import Bar, bar_chart, column_chart
from evidence.export import csv_safe, table_csv
from evidence.protection import Line, protect
from evidence.tables import Row, Table, quarter_span
from evidence.views import parse_period
from narratives.disclosure import suppress_small_cells

K = 5


def two_way(grid: list[list[int]]) -> tuple[dict, list[Line]]:
    """Cells, margins and lines of a table with row totals, column totals and a grand total."""
    rows, cols = len(grid), len(grid[0])
    counts = {(i, j): grid[i][j] for i in range(rows) for j in range(cols)}
    for i in range(rows):
        counts[(i, "T")] = sum(grid[i])
    for j in range(cols):
        counts[("T", j)] = sum(grid[i][j] for i in range(rows))
    counts[("T", "T")] = sum(map(sum, grid))
    lines = [Line(tuple((i, j) for j in range(cols)), (i, "T")) for i in range(rows)]
    lines += [Line(tuple((i, j) for i in range(rows)), ("T", j)) for j in range(cols)]
    lines.append(Line(tuple(("T", j) for j in range(cols)), ("T", "T")))
    lines.append(Line(tuple((i, "T") for i in range(rows)), ("T", "T")))
    return counts, lines


def bridges(hidden: set) -> set:
    """Hidden cells of a two-way table that lie on no cycle of the row/column graph.

    An independent check: in a table with all margins, a suppressed cell can be worked out
    from the published figures exactly when it is a bridge of the bipartite graph whose
    nodes are rows and columns (margins included) and whose edges are the hidden cells.
    """
    found = set()
    for cell in hidden:
        graph = defaultdict(set)
        for other in hidden - {cell}:
            graph[("r", other[0])].add(("c", other[1]))
            graph[("c", other[1])].add(("r", other[0]))
        start, goal = ("r", cell[0]), ("c", cell[1])
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for nxt in graph[node] - seen:
                seen.add(nxt)
                todo.append(nxt)
        if goal not in seen:
            found.add(cell)
    return found


# --- One-way tables ----------------------------------------------------------------------------


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_one_way_cells_match_suppress_small_cells(values):
    counts = {f"c{i}": v for i, v in enumerate(values)}
    expected = suppress_small_cells(counts, K, complementary=True)
    counts["total"] = sum(values)
    shown = protect(counts, [Line(tuple(f"c{i}" for i in range(len(values))), "total")], K)
    assert {key: shown[key] for key in expected} == expected
    hidden = [key for key, value in shown.items() if value is None]
    if shown["total"] is not None:
        # The total is published only if no hidden cell can be recomputed from it.
        assert len(hidden) != 1
        assert sum(counts[key] for key in hidden) >= K or not hidden


def test_one_way_total_is_hidden_when_it_would_give_a_cell_away():
    counts = {"a": 3, "b": 0, "total": 3}
    shown = protect(counts, [Line(("a", "b"), "total")], K)
    assert shown == {"a": None, "b": 0, "total": None}


# --- Two-way tables ----------------------------------------------------------------------------


@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda rows: st.integers(min_value=1, max_value=5).flatmap(
            lambda cols: st.lists(
                st.lists(
                    st.one_of(st.just(0), st.integers(min_value=1, max_value=12)),
                    min_size=cols,
                    max_size=cols,
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_two_way_suppression_leaves_no_cell_recomputable(grid):
    counts, lines = two_way(grid)
    shown = protect(counts, lines, K)
    hidden = {key for key, value in shown.items() if value is None}
    # Primary: no visible small cell, margins included.
    assert not [key for key, value in shown.items() if value is not None and 0 < value < K]
    # Zeros are never hidden (a hidden zero would pin its partners).
    assert all(counts[key] > 0 for key in hidden)
    # Secondary: no hidden cell is determined by the published cells and margins.
    assert not bridges(hidden), (grid, shown)


def test_two_way_hides_a_partner_in_row_and_column():
    grid = [[2, 10], [10, 10]]
    counts, lines = two_way(grid)
    shown = protect(counts, lines, K)
    assert shown[(0, 0)] is None
    hidden = {key for key, value in shown.items() if value is None}
    assert len(hidden) >= 4  # a rectangle at least
    assert not bridges(hidden)
    assert shown[("T", "T")] == 32


def test_zero_and_large_cells_stay_visible_when_nothing_is_small():
    counts, lines = two_way([[0, 7], [9, 30]])
    assert protect(counts, lines, K) == counts


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        protect({"a": 1}, [], 0)


# --- CSV, periods, quarters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Quality of life", "Quality of life"),
        (12, "12"),
        (None, "[c]"),
    ],
)
def test_csv_cells_cannot_start_a_formula(value, expected):
    assert csv_safe(value) == expected


def test_table_csv_marks_suppressed_cells_and_quotes_formulas():
    table = Table("t", "Caption", "=Reason", ["n"], [Row("a", "-x", [None]), Row("b", "b", [7])])
    assert table_csv(table) == "'=Reason,n\r\n'-x,[c]\r\nb,7\r\n"


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2014-Q3", False, dt.date(2014, 7, 1)),
        ("2014q3", False, dt.date(2014, 7, 1)),
        ("2014-Q3", True, dt.date(2014, 10, 1)),
        ("2014-Q4", True, dt.date(2015, 1, 1)),
        ("2014-08-01", False, dt.date(2014, 8, 1)),
        ("2014-08-01", True, dt.date(2014, 8, 2)),
    ],
)
def test_periods_are_quarters_or_dates(value, end, expected):
    assert parse_period(value, end=end) == expected


@pytest.mark.parametrize("value", ["2014-Q5", "2014-13-01", "last year", "0000-Q1", "2014-02-30"])
def test_bad_periods_are_refused_with_a_message(value):
    with pytest.raises(forms.ValidationError):
        parse_period(value, end=False)


def test_quarter_span_fills_the_gaps():
    assert quarter_span([(2014, 3), (2015, 1)]) == [(2014, 3), (2014, 4), (2015, 1)]
    assert quarter_span([]) == []


# --- Charts ------------------------------------------------------------------------------------


def test_bar_chart_is_an_accessible_image_with_text_values():
    svg = bar_chart(
        chart_id="c",
        title="By gender",
        description="Bars <one> per gender",
        bars=[Bar("Male", 12), Bar("Female <b>", None)],
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c-title" aria-describedby="c-desc"' in svg
    assert '<title id="c-title">By gender</title>' in svg
    assert "Bars &lt;one&gt; per gender" in svg
    assert "Female &lt;b&gt;" in svg
    assert ">12</text>" in svg and ">[c]</text>" in svg
    assert "<script" not in svg


def test_column_chart_labels_quarters_and_years_once():
    svg = column_chart(
        chart_id="t",
        title="Over time",
        description="Columns",
        columns=[("Q1", "2014", 7), ("Q2", "2014", None), ("Q1", "2015", 0)],
    )
    assert svg.count(">2014</text>") == 1 and svg.count(">2015</text>") == 1
    assert ">[c]</text>" in svg and ">7</text>" in svg


@pytest.mark.django_db(transaction=True)
def test_queries_run_side_by_side_give_the_same_dashboard():
    """Outside a transaction the aggregates run in parallel connections; same result."""
    import importlib

    from django.apps import apps
    from django.db import connection, transaction

    from evidence.dashboard import build_dashboard
    from evidence.queries import Filters
    from tests.evidence.dashboard_data import seed_known_population

    importlib.import_module("narratives.migrations.0002_seed_reasons").seed(apps, None)
    seed_known_population()
    now = dt.datetime.now(dt.UTC)
    assert not connection.in_atomic_block
    parallel = build_dashboard(Filters(), k=5, now=now)
    with transaction.atomic():
        sequential = build_dashboard(Filters(), k=5, now=now)
    assert parallel.tables.keys() == sequential.tables.keys()
    for name in parallel.tables:
        assert parallel.tables[name].rows == sequential.tables[name].rows, name
