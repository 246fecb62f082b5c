"""The evidence dashboard: disclosure-controlled figures about approved testimony and its use.

Reads only. Every figure is aggregated in the database (GROUP BY with ``Count``/``Sum`` and
``ExtractYear``/``ExtractQuarter``, which Django translates for SQLite and PostgreSQL alike),
in a fixed number of queries whatever the number of narratives. Python then folds countries
into regions and applies disclosure control.

Disclosure control
------------------
A count under ``k`` (``settings.DISCLOSURE_K``) can point at a person. Each table is described
as *lines*: a line is a list of cells and the cell that is their total (a row with its row
total, a column with its column total, a reason's sub-reasons with the reason). Then
:func:`protect`:

1. hides every cell with ``0 < n < k`` (primary suppression);
2. in every line that has a hidden cell, while exactly one cell is hidden or the hidden cells
   add up to less than ``k``, hides the smallest visible non-zero cell too (the rule of
   :func:`narratives.disclosure.suppress_small_cells`, applied line by line; the line's total
   is taken last, only when nothing else is left);
3. checks the whole system of line equations exactly (rational elimination): any hidden cell
   the published cells and totals still determine is protected by hiding the smallest visible
   cell of one of its lines; repeat from 2 until nothing is determined.

Zeros stay visible (as in ``suppress_small_cells``) and are never hidden to protect another
cell, since a hidden zero pins its partners through non-negativity. So every hidden cell has
a value of at least 1, lies in the null space of the published equations, and can move by
at least one in both directions: no hidden cell can be worked out from the margins. Reason
tables are not additive (a narrative counts under each of its reasons), so treating their
lines as if they were is conservative.

Every hidden cell shows :data:`SUPPRESSED_MARK` whether it was small or hidden to protect a
small one: marking them differently would tell which hidden cells are the small ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import Count, Func, IntegerField, Q, Sum

from campaigns.models import Message
from core.languages import CONTENT_LANGUAGES
from narratives.charts import SUPPRESSED_MARK
from narratives.disclosure import REGION_NAMES, REGION_OF
from narratives.models import Excerpt, Narrative, NarrativeReason, Reason

__all__ = [
    "SUPPRESSED_MARK",
    "Dashboard",
    "Filters",
    "Row",
    "Table",
    "build_dashboard",
    "partner_metric_rows",
    "protect",
    "table_csv",
]

UNKNOWN = "unknown"
LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)
REGION_ORDER = [*REGION_NAMES, UNKNOWN]

# --- Disclosure control (pure) ----------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """Cells that add up to ``total`` (or are treated as if they did)."""

    parts: tuple[Hashable, ...]
    total: Hashable


def protect(
    counts: Mapping[Hashable, int], lines: Sequence[Line], k: int
) -> dict[Hashable, int | None]:
    """Return ``counts`` with small cells, and the cells that would give them away, as None."""
    if k < 1:
        raise ValueError("k must be at least 1")
    totals = {line.total for line in lines}
    hidden = {key for key, n in counts.items() if 0 < n < k}

    def order(key: Hashable) -> tuple:
        return (key in totals, counts[key], repr(key))

    while True:
        changed = False
        for line in lines:
            members = (*line.parts, line.total)
            secret = [key for key in members if key in hidden]
            if secret and (len(secret) == 1 or sum(counts[key] for key in secret) < k):
                candidates = [key for key in members if key not in hidden and counts[key] > 0]
                if candidates:
                    hidden.add(min(candidates, key=order))
                    changed = True
        if changed:
            continue
        exposed = _determined(counts, lines, hidden)
        if not exposed:
            break
        target = min(exposed, key=repr)
        candidates = [
            key
            for line in lines
            if target in line.parts or target == line.total
            for key in (*line.parts, line.total)
            if key not in hidden and counts[key] > 0
        ] or [key for key in counts if key not in hidden and counts[key] > 0]
        if not candidates:
            break  # every non-zero cell is hidden already
        hidden.add(min(candidates, key=order))
    return {key: None if key in hidden else n for key, n in counts.items()}


def _determined(
    counts: Mapping[Hashable, int], lines: Sequence[Line], hidden: set[Hashable]
) -> set[Hashable]:
    """Return the hidden cells that the visible cells and the line equations pin down.

    Each line is an equation ``sum(parts) - total = 0``; visible cells are constants. A hidden
    cell is determined exactly when every vector of the equations' null space is zero there,
    i.e. when it is a pivot column whose reduced row has no free column.
    """
    variables = sorted(hidden, key=repr)
    column = {key: index for index, key in enumerate(variables)}
    rows: list[dict[int, Fraction]] = []
    for line in lines:
        row: dict[int, Fraction] = defaultdict(Fraction)
        for key in line.parts:
            if key in column:
                row[column[key]] += 1
        if line.total in column:
            row[column[line.total]] -= 1
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, Fraction]] = {}  # pivot column -> its reduced row
    for row in rows:
        for pivot_column, pivot_row in pivots.items():
            factor = row.get(pivot_column)
            if factor:
                for c, v in pivot_row.items():
                    row[c] = row.get(c, Fraction(0)) - factor * v
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        lead = min(row)
        scale = row[lead]
        row = {c: v / scale for c, v in row.items()}
        for other_column, other_row in pivots.items():
            factor = other_row.get(lead)
            if factor:
                for c, v in row.items():
                    other_row[c] = other_row.get(c, Fraction(0)) - factor * v
                pivots[other_column] = {c: v for c, v in other_row.items() if v}
        pivots[lead] = row
    return {variables[c] for c, row in pivots.items() if len(row) == 1}


def one_way(counts: Mapping[Hashable, int], total_key: Hashable) -> Line:
    """Return the line of a one-way table whose total is published under ``total_key``."""
    return Line(tuple(key for key in counts if key != total_key), total_key)


# --- Filters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for; every field optional."""

    language: str = ""
    source_kind: str = ""
    basis: str = "left"  # the date the period applies to: "left" or "public"
    start: dt.date | None = None  # inclusive
    end: dt.date | None = None  # exclusive
    campaign: str = ""  # a campaign's public id

    @property
    def date_field(self) -> str:
        return "made_public_on" if self.basis == "public" else "left_on"

    def narrative_q(self, prefix: str = "") -> Q:
        """The approved narratives these filters select, as a Q from ``prefix``."""
        q = Q(**{f"{prefix}status": Narrative.Status.APPROVED})
        if self.language:
            q &= Q(**{f"{prefix}language": self.language})
        if self.source_kind:
            q &= Q(**{f"{prefix}source_kind": self.source_kind})
        if self.start:
            q &= Q(**{f"{prefix}{self.date_field}__gte": self.start})
        if self.end:
            q &= Q(**{f"{prefix}{self.date_field}__lt": self.end})
        return q

    def message_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.language:
            q &= Q(**{f"{prefix}language": self.language})
        if self.campaign:
            q &= Q(**{f"{prefix}campaign__public_id": self.campaign})
        return q


# --- Tables -----------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    cells: list[int | None]
    level: int = 0
    is_total: bool = False
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url), page only


@dataclass
class Table:
    name: str
    caption: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)

    @property
    def suppressed(self) -> int:
        return sum(cell is None for row in self.rows for cell in row.cells)


@dataclass
class Dashboard:
    k: int
    filters: Filters
    total: int | None
    tables: dict[str, Table]
    metrics_available: bool
    gaps: list[Row]


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def quarter_span(keys: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every quarter from the first to the last of ``keys``, so gaps show as zeros."""
    if not keys:
        return []
    first, last = min(keys), max(keys)
    out, (year, quarter) = [], first
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


# --- Queries: each function is one GROUP BY query -----------------------------------------------


class YearQuarter(Func):
    """``year * 10 + quarter`` of a date (NULL for none), computed by the database.

    Django's ``ExtractYear``/``ExtractQuarter`` call a Python function once per row on SQLite,
    which costs more than the rest of the query; SQLite stores dates as ``YYYY-MM-DD`` text, so
    plain string functions do the same there. PostgreSQL uses ``EXTRACT``.
    """

    output_field = IntegerField()
    template = (
        "(CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER) * 10"
        " + CAST(EXTRACT(QUARTER FROM %(expressions)s) AS INTEGER))"
    )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template=(
                "(CAST(substr(%(expressions)s, 1, 4) AS INTEGER) * 10"
                " + (CAST(substr(%(expressions)s, 6, 2) AS INTEGER) + 2) / 3)"
            ),
            **extra_context,
        )


def _with_quarter(row: dict) -> dict:
    """Split ``yq`` into ``year`` and ``quarter`` (both None for no date)."""
    year, quarter = (None, None) if row["yq"] is None else divmod(int(row["yq"]), 10)
    return {**row, "year": year, "quarter": quarter}


def narrative_cube(filters: Filters) -> list[dict]:
    """Approved narratives by country, gender, language and quarter left: one query."""
    rows = (
        Narrative.objects.filter(filters.narrative_q())
        .annotate(yq=YearQuarter("left_on"))
        .values("country", "gender", "language", "yq")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [_with_quarter(row) for row in rows]


def narratives_by_public_quarter(filters: Filters) -> list[dict]:
    rows = (
        Narrative.objects.filter(filters.narrative_q())
        .annotate(yq=YearQuarter("made_public_on"))
        .values("yq")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [_with_quarter(row) for row in rows]


def _reason_q(reason: Reason, path: str) -> Q:
    """Rows tagged with ``reason``, or, for a top-level reason, with any of its sub-reasons."""
    if reason.parent_id is None:
        return Q(**{f"{path}__id": reason.pk}) | Q(**{f"{path}__parent_id": reason.pk})
    return Q(**{f"{path}__id": reason.pk})


def narratives_by_reason(filters: Filters, reasons: Sequence[Reason]) -> dict[int, int]:
    """Approved narratives under each reason (distinct), and tagged with a top reason only."""
    aggregates = {}
    for reason in reasons:
        # A narrative is tagged with a reason at most once (a unique constraint), so only a
        # reason's roll-up over its sub-reasons needs the costlier DISTINCT.
        if reason.parent_id is None:
            aggregates[f"r{reason.pk}"] = Count(
                "narrative_id", distinct=True, filter=_reason_q(reason, "reason")
            )
            aggregates[f"d{reason.pk}"] = Count("pk", filter=Q(reason_id=reason.pk))
        else:
            aggregates[f"r{reason.pk}"] = Count("pk", filter=Q(reason_id=reason.pk))
    if not aggregates:
        return {}
    row = NarrativeReason.objects.filter(filters.narrative_q("narrative__")).aggregate(**aggregates)
    return {key: value or 0 for key, value in row.items()}


def excerpts_by_language_and_reason(filters: Filters, reasons: Sequence[Reason]) -> list[dict]:
    """Reusable excerpts per language, in total and under each reason: one query."""
    aggregates = {
        f"r{reason.pk}": Count("pk", distinct=True, filter=_reason_q(reason, "reasons"))
        for reason in reasons
    }
    return list(
        Excerpt.objects.filter(status=Excerpt.Status.APPROVED)
        .filter(filters.narrative_q("narrative__"))
        .values("narrative__language")
        .annotate(n=Count("pk", distinct=True), **aggregates)
        .order_by()
    )


def live_messages_by_language_and_reason(
    filters: Filters, reasons: Sequence[Reason], now: dt.datetime
) -> list[dict]:
    """Live messages per language, in total and drawing on each reason: one query."""
    aggregates = {
        f"r{reason.pk}": Count("pk", distinct=True, filter=_reason_q(reason, "excerpts__reasons"))
        for reason in reasons
    }
    return list(
        Message.objects.live(now)
        .filter(filters.message_q())
        .values("language")
        .annotate(n=Count("pk", distinct=True), **aggregates)
        .order_by()
    )


def partner_metric_rows(filters: Filters) -> list[dict] | None:
    """Sum the partners' metric reports per message (with its campaign)."""
    from partners.models import MetricReport

    queryset = MetricReport.objects.all()
    if filters.campaign:
        queryset = queryset.filter(message__campaign__public_id=filters.campaign)
    if filters.language:
        queryset = queryset.filter(message__language=filters.language)
    return list(
        queryset.values(
            "message__campaign__public_id",
            "message__campaign__name",
            "message__public_id",
            "message__headline",
        )
        .annotate(
            impressions=Sum("impressions"),
            reach=Sum("reach"),
            clicks=Sum("clicks"),
            shares=Sum("shares"),
        )
        .order_by("message__campaign__name", "message__campaign__public_id", "message__headline")
    )


# --- Building the tables ----------------------------------------------------------------------


def _region(country: str) -> str:
    return REGION_OF.get(country or "", UNKNOWN)


def _region_name(region: str) -> str:
    return "Unknown" if region == UNKNOWN else REGION_NAMES[region]["en"]


def _one_way_table(
    name: str,
    caption: str,
    row_header: str,
    column: str,
    items: Sequence[tuple[str, str, int]],
    k: int,
    notes: Sequence[str] = (),
) -> Table:
    """A one-column table with a published total, protected as one line."""
    counts = {key: n for key, _, n in items}
    counts["__total__"] = sum(counts.values())
    shown = protect(counts, [one_way(counts, "__total__")], k)
    rows = [Row(key, label, [shown[key]]) for key, label, _ in items]
    rows.append(Row("total", "Total", [shown["__total__"]], is_total=True))
    return Table(name, caption, row_header, [column], rows, list(notes))


def _quarter_items(rows: list[dict], value: str = "n") -> list[tuple[str, str, int]]:
    known = defaultdict(int)
    unknown = 0
    for row in rows:
        if row["year"] is None:
            unknown += row[value]
        else:
            known[(int(row["year"]), int(row["quarter"]))] += row[value]
    items = [(quarter_label(*q), quarter_label(*q), known.get(q, 0)) for q in quarter_span(known)]
    if unknown:
        items.append((UNKNOWN, "Unknown", unknown))
    return items


def region_quarter_table(cube: list[dict], k: int) -> Table:
    """Regions of origin (rows) by quarter left (columns), with both margins and the total."""
    cells: dict[tuple[str, object], int] = defaultdict(int)
    quarters = set()
    has_unknown_quarter = False
    for row in cube:
        quarter = UNKNOWN
        if row["year"] is not None:
            quarter = (int(row["year"]), int(row["quarter"]))
            quarters.add(quarter)
        else:
            has_unknown_quarter = True
        cells[(_region(row["country"]), quarter)] += row["n"]
    columns = quarter_span(sorted(quarters)) + ([UNKNOWN] if has_unknown_quarter else [])
    counts: dict[Hashable, int] = {}
    for region in REGION_ORDER:
        for quarter in columns:
            counts[(region, quarter)] = cells.get((region, quarter), 0)
        counts[(region, "total")] = sum(counts[(region, q)] for q in columns)
    for quarter in columns:
        counts[("total", quarter)] = sum(counts[(r, quarter)] for r in REGION_ORDER)
    counts[("total", "total")] = sum(counts[("total", q)] for q in columns)
    lines = [Line(tuple((r, q) for q in columns), (r, "total")) for r in REGION_ORDER]
    lines += [Line(tuple((r, q) for r in REGION_ORDER), ("total", q)) for q in columns]
    lines.append(Line(tuple(("total", q) for q in columns), ("total", "total")))
    lines.append(Line(tuple((r, "total") for r in REGION_ORDER), ("total", "total")))
    shown = protect(counts, lines, k)
    rows = [
        Row(region, _region_name(region), [shown[(region, q)] for q in [*columns, "total"]])
        for region in REGION_ORDER
    ]
    rows.append(
        Row("total", "Total", [shown[("total", q)] for q in [*columns, "total"]], is_total=True)
    )
    labels = [quarter_label(*q) if q != UNKNOWN else "Unknown" for q in columns]
    return Table(
        "region_quarter",
        "Approved narratives by region of origin and quarter the person left",
        "Region of origin",
        [*labels, "Total"],
        rows,
        [
            "Regions follow the disclosure region table (after the UN M49 sub-regions).",
            "Row and column totals are protected together with the cells (two-way "
            "complementary suppression).",
        ],
    )


def reason_tables(
    reasons: Sequence[Reason],
    narrative_counts: Mapping[str, int],
    excerpt_counts: Mapping[int, int],
    message_counts: Mapping[int, int],
    total: int,
    k: int,
) -> tuple[Table, Table]:
    """The narratives-by-reason table and the coverage table (narratives, excerpts, messages).

    Each measure is protected on its own: the top-level reasons as one line (with the
    approved total), and each reason's sub-reasons as a line whose total is the reason.
    """
    tops = [r for r in reasons if r.parent_id is None]
    children = defaultdict(list)
    for reason in reasons:
        if reason.parent_id is not None:
            children[reason.parent_id].append(reason)

    def protect_measure(values: Mapping[Hashable, int], total_value: int | None):
        counts = dict(values)
        lines = []
        if total_value is not None:
            counts["__total__"] = total_value
            lines.append(Line(tuple(("r", t.pk) for t in tops), "__total__"))
        for top in tops:
            parts = [("r", c.pk) for c in children[top.pk]]
            if counts.get(("d", top.pk)):
                parts.append(("d", top.pk))
            lines.append(Line(tuple(parts), ("r", top.pk)))
        return protect(counts, lines, k)

    measures = []
    for source, total_value in (
        (narrative_counts, total),
        ({f"r{pk}": n for pk, n in excerpt_counts.items()}, None),
        ({f"r{pk}": n for pk, n in message_counts.items()}, None),
    ):
        values = {("r", r.pk): source.get(f"r{r.pk}", 0) for r in reasons}
        values.update({("d", t.pk): source.get(f"d{t.pk}", 0) for t in tops})
        measures.append(protect_measure(values, total_value))

    by_reason_rows, coverage_rows = [], []
    for top in tops:
        for reason, level in [(top, 0), *((c, 1) for c in children[top.pk])]:
            key = ("r", reason.pk)
            by_reason_rows.append(Row(reason.code, reason.name, [measures[0][key]], level))
            coverage_rows.append(Row(reason.code, reason.name, [m[key] for m in measures], level))
        if narrative_counts.get(f"d{top.pk}"):
            by_reason_rows.append(
                Row(
                    f"{top.code}__only",
                    "No sub-reason given",
                    [measures[0][("d", top.pk)]],
                    1,
                )
            )
    by_reason_rows.append(
        Row("total", "Approved narratives (each counted once)", [measures[0]["__total__"]], 0, True)
    )
    by_reason = Table(
        "reasons",
        "Approved narratives by reason for leaving and sub-reason",
        "Reason",
        ["Approved narratives"],
        by_reason_rows,
        [
            "A narrative counts under each of its reasons, so the reasons add up to more than "
            "the total. A reason counts every narrative tagged with it or with any of its "
            "sub-reasons, once.",
        ],
    )
    coverage = Table(
        "coverage",
        "Reasons: approved testimony and the live messages that draw on it",
        "Reason",
        ["Approved narratives", "Reusable excerpts", "Live messages"],
        coverage_rows,
        [
            "Live messages count under a reason when one of their excerpts is tagged with it "
            "(or, for a reason, with one of its sub-reasons).",
        ],
    )
    return by_reason, coverage


def language_table(
    cube: list[dict], excerpts: list[dict], messages: list[dict], k: int
) -> tuple[Table, dict]:
    """Approved narratives, reusable excerpts and live messages per language."""
    columns = {"narratives": defaultdict(int), "excerpts": defaultdict(int)}
    for row in cube:
        columns["narratives"][row["language"]] += row["n"]
    for row in excerpts:
        columns["excerpts"][row["narrative__language"]] += row["n"]
    columns["messages"] = defaultdict(int)
    for row in messages:
        columns["messages"][row["language"]] += row["n"]
    present = set().union(*(set(c) for c in columns.values()))
    languages = [code for code, _ in CONTENT_LANGUAGES if code in present]
    languages += sorted(present - set(languages))
    shown = {}
    for name, values in columns.items():
        counts = {code: values.get(code, 0) for code in languages}
        counts["__total__"] = sum(counts.values())
        shown[name] = protect(counts, [one_way(counts, "__total__")], k)
    rows = [
        Row(code, LANGUAGE_NAMES.get(code, code), [shown[name][code] for name in columns])
        for code in languages
    ]
    rows.append(Row("total", "Total", [shown[name]["__total__"] for name in columns], 0, True))
    table = Table(
        "languages",
        "Language coverage: approved narratives, reusable excerpts and live messages",
        "Language",
        ["Approved narratives", "Reusable excerpts", "Live messages"],
        rows,
        ["An excerpt has the language of its narrative. Each column is protected on its own."],
    )
    return table, shown


def metrics_table(rows: list[dict], k: int) -> Table:
    """Partner metrics per campaign (subtotal) and message, each measure protected."""
    measures = ["impressions", "reach", "clicks", "shares"]
    campaigns: dict[str, dict] = {}
    for row in rows:
        campaign = campaigns.setdefault(
            row["message__campaign__public_id"],
            {"name": row["message__campaign__name"], "messages": []},
        )
        campaign["messages"].append(row)
    shown = {}
    for measure in measures:
        counts: dict[Hashable, int] = {}
        lines = []
        for cid, campaign in campaigns.items():
            for message in campaign["messages"]:
                counts[("m", message["message__public_id"])] = message[measure] or 0
            counts[("c", cid)] = sum(m[measure] or 0 for m in campaign["messages"])
            lines.append(
                Line(
                    tuple(("m", m["message__public_id"]) for m in campaign["messages"]), ("c", cid)
                )
            )
        counts["__total__"] = sum(counts[("c", cid)] for cid in campaigns)
        lines.append(Line(tuple(("c", cid) for cid in campaigns), "__total__"))
        shown[measure] = protect(counts, lines, k)
    table_rows = []
    for cid, campaign in campaigns.items():
        table_rows.append(Row(cid, campaign["name"], [shown[m][("c", cid)] for m in measures]))
        for message in campaign["messages"]:
            key = ("m", message["message__public_id"])
            table_rows.append(
                Row(key[1], message["message__headline"], [shown[m][key] for m in measures], 1)
            )
    table_rows.append(Row("total", "Total", [shown[m]["__total__"] for m in measures], 0, True))
    return Table(
        "partner_metrics",
        "Partner metrics per campaign and message",
        "Campaign / message",
        ["Impressions", "Reach", "Clicks", "Shares"],
        table_rows,
    )


def _in_own_connection(query: Callable[[], Any]) -> Any:
    """Run ``query`` on this thread's own database connection, then close it."""
    try:
        return query()
    finally:
        connection.close()


def run_queries(*queries: Callable[[], Any]) -> list[Any]:
    """Run independent read queries side by side, each on a connection of its own.

    The aggregates are independent scans of the same tables; the database (SQLite releases
    the GIL while it steps, PostgreSQL runs each in its own backend) works on them in
    parallel. Inside a transaction (a request wrapped in one, or a test) other connections
    would not see its uncommitted rows, so there the queries run one after another.
    """
    if connection.in_atomic_block or len(queries) < 2:
        return [query() for query in queries]
    with ThreadPoolExecutor(max_workers=min(len(queries), 4)) as pool:
        return list(pool.map(_in_own_connection, queries))


def build_dashboard(
    filters: Filters, *, k: int, now: dt.datetime, reasons: Sequence[Reason] | None = None
) -> Dashboard:
    """Run every aggregate query (a fixed number) and build the protected tables."""
    if reasons is None:
        reasons = list(Reason.objects.order_by("position", "name"))
    cube, public, by_reason, excerpts, messages, metrics = run_queries(
        lambda: narrative_cube(filters),
        lambda: narratives_by_public_quarter(filters),
        lambda: narratives_by_reason(filters, reasons),
        lambda: excerpts_by_language_and_reason(filters, reasons),
        lambda: live_messages_by_language_and_reason(filters, reasons, now),
        lambda: partner_metric_rows(filters),
    )

    total = sum(row["n"] for row in cube)
    tables: dict[str, Table] = {}

    genders = defaultdict(int)
    for row in cube:
        genders[row["gender"]] += row["n"]
    tables["gender"] = _one_way_table(
        "gender",
        "Approved narratives by gender",
        "Gender",
        "Approved narratives",
        [(value, label, genders.get(value, 0)) for value, label in Narrative.Gender.choices],
        k,
    )
    tables["region_quarter"] = region_quarter_table(cube, k)

    left_rows = defaultdict(int)
    for row in cube:
        left_rows[(row["year"], row["quarter"])] += row["n"]
    tables["trend_left"] = _one_way_table(
        "trend_left",
        "Approved narratives by quarter the person left",
        "Quarter left",
        "Approved narratives",
        _quarter_items([{"year": y, "quarter": q, "n": n} for (y, q), n in left_rows.items()]),
        k,
    )
    tables["trend_public"] = _one_way_table(
        "trend_public",
        "Approved narratives by quarter the account became public",
        "Quarter made public",
        "Approved narratives",
        _quarter_items(public),
        k,
    )

    excerpt_counts = defaultdict(int)
    for row in excerpts:
        for reason in reasons:
            excerpt_counts[reason.pk] += row[f"r{reason.pk}"]
    message_counts = defaultdict(int)
    for row in messages:
        for reason in reasons:
            message_counts[reason.pk] += row[f"r{reason.pk}"]
    tables["reasons"], tables["coverage"] = reason_tables(
        reasons, by_reason, excerpt_counts, message_counts, total, k
    )
    tables["languages"], _ = language_table(cube, excerpts, messages, k)

    gaps = gap_rows(reasons, by_reason, excerpt_counts, message_counts, tables["coverage"])
    tables["gaps"] = Table(
        "gaps",
        "Gaps: reasons with approved testimony but no live message",
        "Reason",
        ["Approved narratives", "Reusable excerpts waiting"],
        gaps,
        ["Editors fill a gap by building a message from the excerpts waiting under it."],
    )
    if metrics:
        tables["partner_metrics"] = metrics_table(metrics, k)
    total_shown = tables["gender"].rows[-1].cells[0]
    return Dashboard(k, filters, total_shown, tables, metrics is not None, gaps)


def gap_rows(
    reasons: Sequence[Reason],
    narrative_counts: Mapping[str, int],
    excerpt_counts: Mapping[int, int],
    message_counts: Mapping[int, int],
    coverage: Table,
) -> list[Row]:
    """Reasons (and sub-reasons) with approved narratives but no live message drawing on them.

    The figures are those of the coverage table (already protected); whether a reason has no
    live message at all is a zero, which disclosure control leaves visible.
    """
    shown = {row.key: row.cells for row in coverage.rows}
    rows = []
    for reason in reasons:
        if narrative_counts.get(f"r{reason.pk}", 0) and not message_counts.get(reason.pk, 0):
            cells = shown.get(reason.code)
            if cells is None:
                continue
            rows.append(
                Row(
                    reason.code,
                    reason.name if reason.parent_id is None else f"{reason.name}",
                    [cells[0], cells[1]],
                    0 if reason.parent_id is None else 1,
                )
            )
    return rows


# --- CSV --------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """Render one CSV cell; text a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return SUPPRESSED_MARK
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table_csv(table: Table) -> str:
    """Return ``table`` as CSV: the same protected figures as the page, suppressed as [c]."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    levels = any(row.level for row in table.rows)
    level = ["level"] if levels else []
    writer.writerow([csv_safe(table.row_header), *level, *map(csv_safe, table.columns)])
    for row in table.rows:
        level = [row.level] if levels else []
        writer.writerow([csv_safe(row.label), *level, *map(csv_safe, row.cells)])
    return buffer.getvalue()
