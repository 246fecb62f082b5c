"""The dashboard's queries: each function is one GROUP BY query.

Every figure is aggregated in the database (GROUP BY with ``Count``/``Sum``, which Django
translates for SQLite and PostgreSQL alike), in a fixed number of queries whatever the
number of narratives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Count, Func, IntegerField, Q, Sum

from campaigns.models import Message
from narratives.models import Excerpt, Narrative, NarrativeReason, Reason
from partners.models import MetricReport

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

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

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _AsSqlType:
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


def narratives_by_reason(filters: Filters, reasons: Sequence[Reason]) -> dict[str, int]:
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
