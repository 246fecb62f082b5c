"""The dashboard's tables, built from the queries' rows and protected (no database)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import get_language, gettext

from core.languages import CONTENT_LANGUAGES
from evidence.protection import Line, one_way, protect
from narratives.disclosure import REGION_NAMES, REGION_OF
from narratives.models import Reason

UNKNOWN = "unknown"
LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)
REGION_ORDER = [*REGION_NAMES, UNKNOWN]

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


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def quarter_span(keys: Collection[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every quarter from the first to the last of ``keys``, so gaps show as zeros."""
    if not keys:
        return []
    first, last = min(keys), max(keys)
    out: list[tuple[int, int]] = []
    year, quarter = first
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


# --- Building the tables ----------------------------------------------------------------------


def _region(country: str) -> str:
    return REGION_OF.get(country or "", UNKNOWN)


def _region_name(region: str) -> str:
    if region == UNKNOWN:
        return gettext("Unknown")
    # The region table names each region in the interface languages too.
    names = REGION_NAMES[region]
    return names.get((get_language() or "en").split("-")[0], names["en"])


def one_way_table(
    name: str,
    caption: str,
    row_header: str,
    column: str,
    items: Sequence[tuple[str, str, int]],
    k: int,
    notes: Sequence[str] = (),
) -> Table:
    """A one-column table with a published total, protected as one line."""
    counts: dict[Hashable, int] = {key: n for key, _, n in items}
    counts["__total__"] = sum(counts.values())
    shown = protect(counts, [one_way(counts, "__total__")], k)
    rows = [Row(key, label, [shown[key]]) for key, label, _ in items]
    rows.append(Row("total", gettext("Total"), [shown["__total__"]], is_total=True))
    return Table(name, caption, row_header, [column], rows, list(notes))


def quarter_items(rows: list[dict], value: str = "n") -> list[tuple[str, str, int]]:
    known: defaultdict[tuple[int, int], int] = defaultdict(int)
    unknown = 0
    for row in rows:
        if row["year"] is None:
            unknown += row[value]
        else:
            known[(int(row["year"]), int(row["quarter"]))] += row[value]
    items = [(quarter_label(*q), quarter_label(*q), known.get(q, 0)) for q in quarter_span(known)]
    if unknown:
        items.append((UNKNOWN, gettext("Unknown"), unknown))
    return items


def region_quarter_table(cube: list[dict], k: int) -> Table:
    """Regions of origin (rows) by quarter left (columns), with both margins and the total."""
    cells: dict[tuple[str, object], int] = defaultdict(int)
    quarters: set[tuple[int, int]] = set()
    has_unknown_quarter = False
    for row in cube:
        quarter: str | tuple[int, int] = UNKNOWN
        if row["year"] is not None:
            quarter = (int(row["year"]), int(row["quarter"]))
            quarters.add(quarter)
        else:
            has_unknown_quarter = True
        cells[(_region(row["country"]), quarter)] += row["n"]
    columns: list[str | tuple[int, int]] = [
        *quarter_span(quarters),
        *([UNKNOWN] if has_unknown_quarter else []),
    ]
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
        Row(
            "total",
            gettext("Total"),
            [shown[("total", q)] for q in [*columns, "total"]],
            is_total=True,
        )
    )
    labels = [quarter_label(*q) if isinstance(q, tuple) else gettext("Unknown") for q in columns]
    return Table(
        "region_quarter",
        gettext("Approved narratives by region of origin and quarter the person left"),
        gettext("Region of origin"),
        [*labels, gettext("Total")],
        rows,
        [
            gettext("Regions follow the disclosure region table (after the UN M49 sub-regions)."),
            gettext(
                "Row and column totals are protected together with the cells (two-way "
                "complementary suppression)."
            ),
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
    children: defaultdict[int, list[Reason]] = defaultdict(list)
    for reason in reasons:
        if reason.parent_id is not None:
            children[reason.parent_id].append(reason)

    def protect_measure(
        values: Mapping[tuple[str, int], int], total_value: int | None
    ) -> dict[Hashable, int | None]:
        counts: dict[Hashable, int] = dict(values)
        lines: list[Line] = []
        if total_value is not None:
            counts["__total__"] = total_value
            lines.append(Line(tuple(("r", t.pk) for t in tops), "__total__"))
        for top in tops:
            parts: list[Hashable] = [("r", c.pk) for c in children[top.pk]]
            if counts.get(("d", top.pk)):
                parts.append(("d", top.pk))
            lines.append(Line(tuple(parts), ("r", top.pk)))
        return protect(counts, lines, k)

    measures: list[dict[Hashable, int | None]] = []
    sources: tuple[tuple[Mapping[str, int], int | None], ...] = (
        (narrative_counts, total),
        ({f"r{pk}": n for pk, n in excerpt_counts.items()}, None),
        ({f"r{pk}": n for pk, n in message_counts.items()}, None),
    )
    for source, total_value in sources:
        values = {("r", r.pk): source.get(f"r{r.pk}", 0) for r in reasons}
        values.update({("d", t.pk): source.get(f"d{t.pk}", 0) for t in tops})
        measures.append(protect_measure(values, total_value))

    by_reason_rows: list[Row] = []
    coverage_rows: list[Row] = []
    for top in tops:
        for reason, level in [(top, 0), *((c, 1) for c in children[top.pk])]:
            key = ("r", reason.pk)
            by_reason_rows.append(Row(reason.code, reason.name, [measures[0][key]], level))
            coverage_rows.append(Row(reason.code, reason.name, [m[key] for m in measures], level))
        if narrative_counts.get(f"d{top.pk}"):
            by_reason_rows.append(
                Row(
                    f"{top.code}__only",
                    gettext("No sub-reason given"),
                    [measures[0][("d", top.pk)]],
                    1,
                )
            )
    by_reason_rows.append(
        Row(
            "total",
            gettext("Approved narratives (each counted once)"),
            [measures[0]["__total__"]],
            0,
            True,
        )
    )
    by_reason = Table(
        "reasons",
        gettext("Approved narratives by reason for leaving and sub-reason"),
        gettext("Reason"),
        [gettext("Approved narratives")],
        by_reason_rows,
        [
            gettext(
                "A narrative counts under each of its reasons, so the reasons add up to more "
                "than the total. A reason counts every narrative tagged with it or with any of "
                "its sub-reasons, once."
            ),
        ],
    )
    coverage = Table(
        "coverage",
        gettext("Reasons: approved testimony and the live messages that draw on it"),
        gettext("Reason"),
        [gettext("Approved narratives"), gettext("Reusable excerpts"), gettext("Live messages")],
        coverage_rows,
        [
            gettext(
                "Live messages count under a reason when one of their excerpts is tagged with it "
                "(or, for a reason, with one of its sub-reasons)."
            ),
        ],
    )
    return by_reason, coverage


def language_table(
    cube: list[dict], excerpts: list[dict], messages: list[dict], k: int
) -> tuple[Table, dict]:
    """Approved narratives, reusable excerpts and live messages per language."""
    columns: dict[str, defaultdict[str, int]] = {
        "narratives": defaultdict(int),
        "excerpts": defaultdict(int),
    }
    for row in cube:
        columns["narratives"][row["language"]] += row["n"]
    for row in excerpts:
        columns["excerpts"][row["narrative__language"]] += row["n"]
    columns["messages"] = defaultdict(int)
    for row in messages:
        columns["messages"][row["language"]] += row["n"]
    present: set[str] = set().union(*(set(c) for c in columns.values()))
    languages = [code for code, _ in CONTENT_LANGUAGES if code in present]
    languages += sorted(present - set(languages))
    shown: dict[str, dict[Hashable, int | None]] = {}
    for name, values in columns.items():
        counts: dict[Hashable, int] = {code: values.get(code, 0) for code in languages}
        counts["__total__"] = sum(counts.values())
        shown[name] = protect(counts, [one_way(counts, "__total__")], k)
    rows = [
        Row(code, str(LANGUAGE_NAMES.get(code, code)), [shown[name][code] for name in columns])
        for code in languages
    ]
    rows.append(
        Row("total", gettext("Total"), [shown[name]["__total__"] for name in columns], 0, True)
    )
    table = Table(
        "languages",
        gettext("Language coverage: approved narratives, reusable excerpts and live messages"),
        gettext("Language"),
        [gettext("Approved narratives"), gettext("Reusable excerpts"), gettext("Live messages")],
        rows,
        [
            gettext(
                "An excerpt has the language of its narrative. Each column is protected on its own."
            )
        ],
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
    table_rows.append(
        Row("total", gettext("Total"), [shown[m]["__total__"] for m in measures], 0, True)
    )
    return Table(
        "partner_metrics",
        gettext("Partner metrics per campaign and message"),
        gettext("Campaign / message"),
        [gettext("Impressions"), gettext("Reach"), gettext("Clicks"), gettext("Shares")],
        table_rows,
    )


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
