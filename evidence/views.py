"""The evidence dashboard for analysts, at ``/review/dashboard/``: page and CSV exports.

Same access rules as the rest of the review UI. Filters come from the query string; a value
that is not understood gets a clear message and a 400, never a 500. ``?format=csv&table=NAME``
returns one table as CSV, protected exactly as the page shows it (it is the same object).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from campaigns.models import Campaign
from core.languages import CONTENT_LANGUAGES
from evidence import charts
from evidence.dashboard import Dashboard, build_dashboard
from evidence.export import table_csv
from evidence.queries import Filters
from evidence.tables import Table
from narratives.models import Narrative, Reason
from narratives.views import analyst_required

PERIOD_HELP = gettext_lazy("A quarter such as 2014-Q3, or a date such as 2014-08-01.")
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")


def _quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def parse_period(value: str, *, end: bool) -> dt.date:
    """Turn "2014-Q3" or "2014-08-01" into a date bound (``end``: exclusive upper bound)."""
    match = _QUARTER.match(value)
    if match:
        year, quarter = int(match[1]), int(match[2])
        if not 1900 <= year <= 2999:
            raise forms.ValidationError(_("Give a year between 1900 and 2999."))
        if not end:
            return _quarter_start(year, quarter)
        return _quarter_start(year + 1, 1) if quarter == 4 else _quarter_start(year, quarter + 1)
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise forms.ValidationError(
            _("“%(value)s” is neither a quarter nor a date.") + " " + str(PERIOD_HELP),
            params={"value": value[:40]},
        ) from None
    return day + dt.timedelta(days=1) if end else day


class PeriodField(forms.CharField):
    def __init__(self, *, end: bool, **kwargs: Any) -> None:
        self.end = end
        super().__init__(required=False, max_length=20, help_text=PERIOD_HELP, **kwargs)

    def clean(self, value: str | None) -> dt.date | None:
        value = super().clean(value)
        return parse_period(value, end=self.end) if value else None


class DashboardFilterForm(forms.Form):
    language = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Language"),
        choices=[("", gettext_lazy("Any language")), *CONTENT_LANGUAGES],
    )
    source_kind = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Source kind"),
        choices=[("", gettext_lazy("Any source")), *Narrative.SourceKind.choices],
    )
    basis = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Period by"),
        choices=[
            ("left", gettext_lazy("Quarter left")),
            ("public", gettext_lazy("Quarter made public")),
        ],
    )
    period_from = PeriodField(end=False, label=gettext_lazy("Period from"))
    period_to = PeriodField(end=True, label=gettext_lazy("Period to"))
    campaign = forms.ChoiceField(required=False, label=gettext_lazy("Campaign (coverage, metrics)"))

    def __init__(self, *args: Any, campaigns: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["campaign"]).choices = [
            ("", _("Any campaign")),
            *campaigns,
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start >= end:
            raise forms.ValidationError(_("The period's start must come before its end."))
        return data

    def to_filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            language=data.get("language") or "",
            source_kind=data.get("source_kind") or "",
            basis=data.get("basis") or "left",
            start=data.get("period_from"),
            end=data.get("period_to"),
            campaign=data.get("campaign") or "",
        )

    def error_messages(self) -> list[str]:
        messages: list[str] = []
        for name, errors in self.errors.items():
            label = _("Filters") if name == "__all__" else self.fields[name].label or name
            label = label if name == "__all__" else str(label).capitalize()
            messages.extend(f"{label}: {error}" for error in errors)
        return messages


CSV_TABLES = (
    "reasons",
    "gender",
    "region_quarter",
    "trend_left",
    "trend_public",
    "languages",
    "coverage",
    "gaps",
    "partner_metrics",
)


def _bars(table: Table, column: int = 0) -> list[charts.Bar]:
    return [
        charts.Bar(row.label, row.cells[column], level=row.level)
        for row in table.rows
        if not row.is_total
    ]


def _dashboard_charts(data: Dashboard) -> dict:
    t = data.tables
    k = data.k
    note = _(
        "Cells marked %(mark)s are suppressed (fewer than %(k)s, or hidden to protect one that is)."
    ) % {"mark": charts.SUPPRESSED_MARK, "k": k}
    language_bars = []
    for row in t["languages"].rows:
        if row.is_total:
            continue
        language_bars.append(charts.Bar(row.label, None, heading=True))
        for series, name in enumerate((_("narratives"), _("excerpts"), _("live messages"))):
            language_bars.append(charts.Bar(name, row.cells[series], series=series, level=1))
    return {
        "reasons": charts.bar_chart(
            chart_id="chart-reasons",
            title=_("Approved narratives by reason and sub-reason"),
            description=_("Horizontal bars, one per reason and, indented, per sub-reason.")
            + " "
            + note,
            bars=_bars(t["reasons"]),
        ),
        "gender": charts.bar_chart(
            chart_id="chart-gender",
            title=_("Approved narratives by gender"),
            description=_("Horizontal bars, one per gender.") + " " + note,
            bars=_bars(t["gender"]),
        ),
        "trend_left": charts.column_chart(
            chart_id="chart-trend-left",
            title=_("Approved narratives by quarter the person left"),
            description=_("Columns, one per quarter, oldest first.") + " " + note,
            columns=_columns(t["trend_left"]),
        ),
        "trend_public": charts.column_chart(
            chart_id="chart-trend-public",
            title=_("Approved narratives by quarter the account became public"),
            description=_("Columns, one per quarter, oldest first.") + " " + note,
            columns=_columns(t["trend_public"]),
        ),
        "languages": charts.bar_chart(
            chart_id="chart-languages",
            title=_("Language coverage"),
            description=_(
                "For each language, three bars: approved narratives (solid blue), reusable "
                "excerpts (solid green) and live messages (hatched)."
            )
            + " "
            + note,
            bars=language_bars,
        ),
        "coverage": charts.bar_chart(
            chart_id="chart-coverage",
            title=_("Live messages drawing on each reason"),
            description=_("Horizontal bars, one per reason and sub-reason.") + " " + note,
            bars=_bars(t["coverage"], column=2),
        ),
    }


def _columns(table: Table) -> list[tuple[str, str, int | None]]:
    out = []
    for row in table.rows:
        if row.is_total:
            continue
        if row.key == "unknown":
            out.append(("?", "Unknown", row.cells[0]))
        else:
            year, quarter = row.label.split("-")
            out.append((quarter, year, row.cells[0]))
    return out


def _gap_links(data: Dashboard, reasons: list[Reason]) -> None:
    """Point each gap at the excerpts waiting under it (admin list, for editors)."""
    by_code = {reason.code: reason for reason in reasons}
    changelist = reverse("admin:narratives_excerpt_changelist")
    queue = reverse("review:queue")
    for row in data.gaps:
        reason = by_code[row.key]
        if reason.parent_id is None:
            # The admin search's "reason:CODE" includes the reason's sub-reasons.
            query: dict[str, str | int] = {
                "q": f"reason:{reason.code}",
                "status__exact": "approved",
            }
            queue_code = reason.code
        else:
            query = {"reasons__id__exact": reason.pk, "status__exact": "approved"}
            queue_code = reason.code
        row.links = [
            (_("Excerpts waiting (admin)"), f"{changelist}?{urlencode(query)}"),
            (
                _("Approved narratives"),
                f"{queue}?{urlencode({'status': 'approved', 'reason': queue_code})}",
            ),
        ]


@analyst_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    campaigns = list(Campaign.objects.order_by("name", "pk").values_list("public_id", "name"))
    form = DashboardFilterForm(request.GET, campaigns=campaigns)
    wants_csv = request.GET.get("format") == "csv"
    output = request.GET.get("format", "html")
    if output not in {"html", "csv"}:
        return _bad_request(request, form, ["Unknown format: give format=csv or leave it out."])
    table_name = request.GET.get("table", "")
    if wants_csv and table_name not in CSV_TABLES:
        return HttpResponse(
            "Unknown table. Give table= one of: " + ", ".join(CSV_TABLES) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    if not form.is_valid():
        if wants_csv:
            return HttpResponse(
                "\n".join(form.error_messages()) + "\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return _bad_request(request, form, form.error_messages())
    reasons = list(Reason.objects.order_by("position", "name"))
    data = build_dashboard(
        form.to_filters(), k=settings.DISCLOSURE_K, now=timezone.now(), reasons=reasons
    )
    if wants_csv:
        table = data.tables.get(table_name)
        if table is None:  # partner metrics before the partners app exists
            return HttpResponse(
                "No partner metrics yet.\n", status=404, content_type="text/plain; charset=utf-8"
            )
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="dashboard-{table.name}.csv"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    _gap_links(data, reasons)
    return render(
        request,
        "review/dashboard.html",
        {
            "form": form,
            "data": data,
            "tables": data.tables,
            "charts": _dashboard_charts(data),
            "mark": charts.SUPPRESSED_MARK,
            "k": settings.DISCLOSURE_K,
            "filtered": any(request.GET.get(name) for name in form.fields),
        },
    )


def _bad_request(
    request: HttpRequest, form: DashboardFilterForm, errors: list[str]
) -> HttpResponse:
    return render(
        request,
        "review/dashboard.html",
        {
            "form": form,
            "data": None,
            "errors": errors,
            "mark": charts.SUPPRESSED_MARK,
            "k": settings.DISCLOSURE_K,
        },
        status=400,
    )
