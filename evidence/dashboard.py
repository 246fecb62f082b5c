"""The evidence dashboard: disclosure-controlled figures about approved testimony and its use.

Reads only. :mod:`evidence.queries` aggregates in the database in a fixed number of queries;
:mod:`evidence.tables` folds countries into regions and applies disclosure control
(:mod:`evidence.protection`); :mod:`evidence.export` writes a table as CSV.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from evidence.queries import (
    Filters,
    excerpts_by_language_and_reason,
    live_messages_by_language_and_reason,
    narrative_cube,
    narratives_by_public_quarter,
    narratives_by_reason,
    partner_metric_rows,
    run_queries,
)
from evidence.tables import (
    Row,
    Table,
    gap_rows,
    language_table,
    metrics_table,
    one_way_table,
    quarter_items,
    reason_tables,
    region_quarter_table,
)
from narratives.models import Narrative, Reason

__all__ = ["Dashboard", "build_dashboard"]


@dataclass
class Dashboard:
    k: int
    filters: Filters
    total: int | None
    tables: dict[str, Table]
    metrics_available: bool
    gaps: list[Row]


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

    genders: defaultdict[str, int] = defaultdict(int)
    for row in cube:
        genders[row["gender"]] += row["n"]
    tables["gender"] = one_way_table(
        "gender",
        gettext("Approved narratives by gender"),
        gettext("Gender"),
        gettext("Approved narratives"),
        [(value, str(label), genders.get(value, 0)) for value, label in Narrative.Gender.choices],
        k,
    )
    tables["region_quarter"] = region_quarter_table(cube, k)

    left_rows: defaultdict[tuple[int | None, int | None], int] = defaultdict(int)
    for row in cube:
        left_rows[(row["year"], row["quarter"])] += row["n"]
    tables["trend_left"] = one_way_table(
        "trend_left",
        gettext("Approved narratives by quarter the person left"),
        gettext("Quarter left"),
        gettext("Approved narratives"),
        quarter_items([{"year": y, "quarter": q, "n": n} for (y, q), n in left_rows.items()]),
        k,
    )
    tables["trend_public"] = one_way_table(
        "trend_public",
        gettext("Approved narratives by quarter the account became public"),
        gettext("Quarter made public"),
        gettext("Approved narratives"),
        quarter_items(public),
        k,
    )

    excerpt_counts: defaultdict[int, int] = defaultdict(int)
    for row in excerpts:
        for reason in reasons:
            excerpt_counts[reason.pk] += row[f"r{reason.pk}"]
    message_counts: defaultdict[int, int] = defaultdict(int)
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
        gettext("Gaps: reasons with approved testimony but no live message"),
        gettext("Reason"),
        [gettext("Approved narratives"), gettext("Reusable excerpts waiting")],
        gaps,
        [gettext("Editors fill a gap by building a message from the excerpts waiting under it.")],
    )
    if metrics:
        tables["partner_metrics"] = metrics_table(metrics, k)
    total_shown = tables["gender"].rows[-1].cells[0]
    return Dashboard(k, filters, total_shown, tables, metrics is not None, gaps)
