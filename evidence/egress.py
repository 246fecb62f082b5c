"""The dashboard's outbound surfaces: its page and its tables as CSV (analysts only)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from core.egress import ANALYSTS, Kind, register


def _page_paths() -> Iterator[str]:
    yield reverse("review:dashboard")


def _csv_paths() -> Iterator[str]:
    from evidence.views import CSV_TABLES

    for table in CSV_TABLES:
        yield reverse("review:dashboard") + f"?format=csv&table={table}"


def register_surfaces() -> None:
    register(
        "page:dashboard",
        Kind.PAGE,
        ANALYSTS,
        "the evidence dashboard: protected counts by reason, region, quarter and language",
        paths=_page_paths,
        url_names=("review:dashboard",),
    )
    register(
        "csv:dashboard",
        Kind.CSV_EXPORT,
        ANALYSTS,
        "the dashboard's tables as CSV: counts by reason and released attribute",
        paths=_csv_paths,
    )
