"""The evidence dashboard through the Django test client: access, figures, suppression, CSV."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Message, MessageExcerpt
from evidence.queries import Filters, partner_metric_rows
from evidence.views import CSV_TABLES
from narratives.models import Excerpt, Reason, SourceRecord
from tests.evidence.dashboard_data import make_narratives, seed_known_population
from tests.factories import CampaignFactory, MessageFactory

pytestmark = pytest.mark.django_db

K = 5
URL = "/review/dashboard/"
ALL_URLS = [URL] + [f"{URL}?format=csv&table={name}" for name in CSV_TABLES]


@pytest.fixture(autouse=True)
def k_is_five(settings):
    settings.DISCLOSURE_K = K


@pytest.fixture
def population(db):
    return seed_known_population()


def shown(response) -> str:
    return html.unescape(response.content.decode())


def table_cells(body: str, name: str) -> dict[str, list[str]]:
    """Row key -> the cells of one table as the page shows them ("[c]" when suppressed)."""
    table = re.search(rf'<table class="figures" id="table-{name}">(.*?)</table>', body, re.S)
    assert table, f"no table {name}"
    rows = {}
    for key, row in re.findall(r'<tr[^>]*data-key="([^"]+)">(.*?)</tr>', table[1], re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows[key] = [
            "[c]" if "suppressed" in cell else re.sub(r"<[^>]+>", "", cell).strip()
            for cell in cells
        ]
    return rows


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def numbers_shown(body: str) -> list[int]:
    """Every figure on the page: table cells, SVG value labels, the headline total."""
    figures = re.findall(r'<td class="num">([\d,]+)</td>', body)
    figures += re.findall(r'<text class="value"[^>]*>([\d,]+)</text>', body)
    figures += re.findall(r'<strong id="total-approved">([\d,]+)</strong>', body)
    return [int(f.replace(",", "")) for f in figures]


# --- Access ------------------------------------------------------------------------------------


def test_every_dashboard_route_is_listed():
    from evidence.urls import urlpatterns

    assert {p.name for p in urlpatterns if p.name.startswith("dashboard")} == {"dashboard"}


@pytest.mark.parametrize("url", ALL_URLS)
def test_anonymous_user_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("role", ["partner_user", "editor", "custodian"])
@pytest.mark.parametrize("url", ALL_URLS)
def test_other_roles_are_refused(request, client, population, role, url):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url)
    assert response.status_code == 403
    assert "Not allowed" in shown(response)
    assert "table-gender" not in response.content.decode()


@pytest.mark.parametrize("role", ["analyst", "superuser"])
@pytest.mark.parametrize("url", ALL_URLS)
def test_analysts_and_superusers_may_read_it(request, client, population, role, url):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url)
    if url.endswith("partner_metrics"):
        # No partner has reported metrics in this population.
        assert response.status_code == 404
        assert "No partner metrics yet" in response.content.decode()
    else:
        assert response.status_code == 200


def test_dashboard_is_get_only(client, analyst):
    client.force_login(analyst)
    assert client.post(URL).status_code == 405


def test_nav_links_to_the_dashboard(client, analyst):
    client.force_login(analyst)
    body = client.get(reverse("review:queue")).content.decode()
    assert f'href="{URL}"' in body


# --- The figures of a known population ---------------------------------------------------------


def test_page_shows_the_known_figures_with_small_cells_suppressed(client, analyst, population):
    client.force_login(analyst)
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<strong id="total-approved">18</strong>', body)

    gender = table_cells(body, "gender")
    # female 2 and unknown 4 are small; together 6, so male 12 and the total stay visible.
    assert gender == {
        "male": ["12"],
        "female": ["[c]"],
        "unknown": ["[c]"],
        "total": ["18"],
    }

    reasons = table_cells(body, "reasons")
    assert reasons["brutality"] == ["12"]
    assert reasons["brutality_civilians"] == ["12"]
    assert reasons["quality_of_life"] == ["[c]"]  # 4
    assert reasons["corruption"] == ["[c]"]  # 2
    assert reasons["corruption_favouritism"] == ["[c]"]
    assert reasons["infighting"] == ["0"]
    assert reasons["total"] == ["18"]
    assert "counts under each of its reasons" in shown(response)

    regions = table_cells(body, "region_quarter")
    assert list(regions) == [
        "northern_africa",
        "sub_saharan_africa",
        "latin_america_caribbean",
        "northern_america",
        "central_asia",
        "eastern_asia",
        "south_eastern_asia",
        "southern_asia",
        "western_asia",
        "eastern_europe",
        "northern_europe",
        "southern_europe",
        "western_europe",
        "australia_new_zealand",
        "pacific_islands",
        "antarctica",
        "unknown",
        "total",
    ]
    header = re.search(r'id="table-region_quarter">.*?<thead>(.*?)</thead>', body, re.S)[1]
    assert re.findall(r'<th scope="col"[^>]*>(.*?)</th>', header) == [
        "Region of origin",
        "2014-Q3",
        "2014-Q4",
        "2015-Q1",
        "Total",
    ]
    # Northern Africa 2014-Q3 (2) is small; the only other non-zero cell (Western Europe
    # 2015-Q1, 16) and the margins must go too, or 18 - 16 would give it away.
    assert regions["northern_africa"] == ["[c]", "0", "0", "[c]"]
    assert regions["western_europe"] == ["0", "0", "[c]", "[c]"]
    assert regions["total"] == ["[c]", "0", "[c]", "18"]
    assert regions["western_asia"] == ["0", "0", "0", "0"]

    trend = table_cells(body, "trend_left")
    assert trend == {"2014-Q3": ["[c]"], "2014-Q4": ["0"], "2015-Q1": ["[c]"], "total": ["18"]}
    public = table_cells(body, "trend_public")
    # 2016-Q1 (4) is small, so its only non-zero partner (2015-Q4, 14) goes too.
    assert public["2015-Q4"] == ["[c]"]
    assert public["2016-Q1"] == ["[c]"]
    assert public["total"] == ["18"]

    languages = table_cells(body, "languages")
    # narratives: fr 12, en 4, ar 2 | excerpts: fr 12, en 4 | live messages: fr 1
    assert languages["fr"] == ["12", "[c]", "[c]"]
    assert languages["en"] == ["[c]", "[c]", "0"]
    assert languages["ar"] == ["[c]", "0", "0"]
    assert languages["total"] == ["18", "16", "[c]"]


def test_coverage_and_gaps(client, analyst, population):
    client.force_login(analyst)
    body = client.get(URL).content.decode()
    coverage = table_cells(body, "coverage")
    # One live message, quoting a French excerpt tagged brutality and brutality_civilians.
    assert coverage["brutality"] == ["12", "12", "[c]"]
    assert coverage["quality_of_life"] == ["[c]", "[c]", "0"]
    gaps = table_cells(body, "gaps")
    assert set(gaps) == {
        "quality_of_life",
        "qol_promises",
        "corruption",
        "corruption_favouritism",
    }
    qol = Reason.objects.get(code="qol_promises")
    assert (
        f"/admin/narratives/excerpt/?reasons__id__exact={qol.pk}&amp;status__exact=approved" in body
    )
    assert "/admin/narratives/excerpt/?q=reason%3Aquality_of_life&amp;status__exact=approved" in (
        body
    )
    assert "No partner metrics yet." in body


def test_gap_links_list_the_waiting_excerpts_in_the_admin(client, editor, population):
    qol = Reason.objects.get(code="qol_promises")
    waiting = set(
        Excerpt.objects.filter(reasons=qol, status="approved").values_list("public_id", flat=True)
    )
    quoted = set(
        Excerpt.objects.filter(reasons__code="brutality_civilians").values_list(
            "public_id", flat=True
        )
    )
    assert len(waiting) == 4
    client.force_login(editor)
    for url in (
        f"/admin/narratives/excerpt/?reasons__id__exact={qol.pk}&status__exact=approved",
        "/admin/narratives/excerpt/?q=reason%3Aquality_of_life&status__exact=approved",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert all(public_id in body for public_id in waiting)
        assert not any(public_id in body for public_id in quoted)


def test_no_small_count_is_visible_anywhere(client, analyst, population):
    client.force_login(analyst)
    body = client.get(URL).content.decode()
    figures = numbers_shown(body)
    assert figures, "no figures found"
    assert not [n for n in figures if 0 < n < K]
    assert "[c]" in body
    for name in CSV_TABLES:
        response = client.get(URL, {"format": "csv", "table": name})
        if response.status_code == 404:
            continue
        header, *rows = csv_rows(response)
        first = 2 if header[1] == "level" else 1
        for row in rows:
            for cell in row[first:]:
                assert cell == "[c]" or not 0 < int(cell) < K, (name, row)


def test_svg_charts_are_accessible_and_show_no_small_value(client, analyst, population):
    client.force_login(analyst)
    body = client.get(URL).content.decode()
    charts = re.findall(r"<svg .*?</svg>", body, re.S)
    assert len(charts) == 6
    for svg in charts:
        assert 'role="img"' in svg
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg)
        assert re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
        values = re.findall(r'<text class="value"[^>]*>([^<]+)</text>', svg)
        assert values
        for value in values:
            assert value == "[c]" or not 0 < int(value.replace(",", "")) < K
    assert "<script" not in body


def test_csv_export_has_the_page_figures(client, analyst, population):
    client.force_login(analyst)
    response = client.get(URL, {"format": "csv", "table": "region_quarter"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="dashboard-region_quarter.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["Region of origin", "2014-Q3", "2014-Q4", "2015-Q1", "Total"]
    assert ["Northern Africa", "[c]", "0", "0", "[c]"] in rows
    assert rows[-1] == ["Total", "[c]", "0", "[c]", "18"]
    gender = csv_rows(client.get(URL, {"format": "csv", "table": "gender"}))
    assert gender == [
        ["Gender", "Approved narratives"],
        ["Male", "12"],
        ["Female", "[c]"],
        ["Unknown", "[c]"],
        ["Total", "18"],
    ]
    reasons = csv_rows(client.get(URL, {"format": "csv", "table": "reasons"}))
    assert reasons[0] == ["Reason", "level", "Approved narratives"]
    assert ["Killing of hostages", "1", "0"] in reasons


def test_csv_export_is_safe_against_formula_injection(client, analyst, population):
    parent = Reason.objects.get(code="brutality")
    Reason.objects.create(code="formula", name='=HYPERLINK("http://evil","x")', parent=parent)
    client.force_login(analyst)
    rows = csv_rows(client.get(URL, {"format": "csv", "table": "reasons"}))
    assert ['\'=HYPERLINK("http://evil","x")', "1", "0"] in rows
    assert not any(row[0].startswith(("=", "+", "-", "@")) for row in rows)


def test_filters_narrow_the_figures(client, analyst, population):
    client.force_login(analyst)
    body = client.get(URL, {"language": "fr"}).content.decode()
    assert table_cells(body, "gender")["male"] == ["12"]
    assert table_cells(body, "gender")["total"] == ["12"]
    body = client.get(URL, {"period_from": "2015-Q1", "period_to": "2015-Q1"}).content.decode()
    assert table_cells(body, "gender")["total"] == ["16"]
    body = client.get(URL, {"basis": "public", "period_from": "2016-01-01"}).content.decode()
    assert re.search(r'<strong id="total-approved"><span aria-hidden="true">\[c\]', body)
    body = client.get(URL, {"source_kind": "court_record"}).content.decode()
    assert table_cells(body, "gender")["total"] == ["0"]
    other = CampaignFactory(name="Another")
    body = client.get(URL, {"campaign": other.public_id}).content.decode()
    assert table_cells(body, "coverage")["brutality"] == ["12", "12", "0"]
    body = client.get(URL, {"campaign": population["campaign"].public_id}).content.decode()
    assert table_cells(body, "coverage")["brutality"] == ["12", "12", "[c]"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"language": "xx"}, "Language: Select a valid choice."),
        ({"source_kind": "rumour"}, "Source kind: Select a valid choice."),
        ({"basis": "born"}, "Period by: Select a valid choice."),
        ({"period_from": "2014-Q5"}, "Period from: “2014-Q5” is neither a quarter nor a date."),
        ({"period_to": "soon"}, "Period to: “soon” is neither a quarter nor a date."),
        ({"period_from": "2015-Q2", "period_to": "2015-Q1"}, "start must come before its end"),
        ({"campaign": "cmp_nope"}, "Campaign (coverage, metrics): Select a valid choice."),
        ({"period_from": "x" * 500}, "at most 20 characters"),
        ({"format": "xml"}, "Unknown format"),
    ],
)
def test_bad_filters_get_a_clear_message(client, analyst, population, query, message):
    client.force_login(analyst)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in shown(response)
    assert 'role="alert"' in response.content.decode()
    assert "table-gender" not in response.content.decode()


def test_bad_csv_requests_get_a_clear_message(client, analyst, population):
    client.force_login(analyst)
    response = client.get(URL, {"format": "csv", "table": "vault"})
    assert response.status_code == 400
    assert "Unknown table" in response.content.decode()
    response = client.get(URL, {"format": "csv", "table": "gender", "language": "xx"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


# --- Partner metrics, leaks, queries -----------------------------------------------------------


def test_partner_metrics_say_so_when_none_were_reported(client, analyst, population):
    assert partner_metric_rows(Filters()) == []
    client.force_login(analyst)
    body = client.get(URL).content.decode()
    assert 'id="no-metrics"' in body
    assert "table-partner_metrics" not in body


def test_partner_metrics_per_campaign_and_message(client, analyst, population):
    from datetime import date

    from partners import services as partner_services
    from partners.models import MetricReport
    from tests.factories import MessageFactory

    partner = partner_services.create_partner(name="Metrics NGO")
    message = MessageFactory(headline="Reported message")
    for day, impressions in ((1, 1200), (2, 800)):
        MetricReport.objects.create(
            partner=partner,
            message=message,
            day=date(2026, 3, day),
            impressions=impressions,
            reach=900,
            clicks=40,
            shares=12,
        )
    rows = partner_metric_rows(Filters())
    assert rows == [
        {
            "message__campaign__public_id": message.campaign.public_id,
            "message__campaign__name": message.campaign.name,
            "message__public_id": message.public_id,
            "message__headline": "Reported message",
            "impressions": 2000,
            "reach": 1800,
            "clicks": 80,
            "shares": 24,
        }
    ]
    client.force_login(analyst)
    body = client.get(URL).content.decode()
    assert "table-partner_metrics" in body
    assert "Reported message" in body
    csv_body = client.get(URL, {"format": "csv", "table": "partner_metrics"}).content.decode()
    assert "2000" in csv_body


def test_vault_canaries_never_reach_the_dashboard(client, analyst, population):
    records = list(SourceRecord.objects.all())
    assert records
    canaries = []
    for record in records:
        canaries += [value for _, value in record.identifiers()]
    assert canaries
    client.force_login(analyst)
    pages = [client.get(URL).content.decode()]
    for name in CSV_TABLES:
        pages.append(client.get(URL, {"format": "csv", "table": name}).content.decode())
    pages.append(client.get(URL, {"language": "fr"}).content.decode())
    for page in pages:
        lowered = page.lower()
        for canary in canaries:
            assert canary.lower() not in lowered
        # Nor narrative titles or texts: the dashboard shows only counts.
        assert "Sample account" not in page
        assert "promises were empty" not in page


def make_population(size: int) -> None:
    """``size`` approved narratives over several countries, reasons and quarters, with a
    live message per language."""
    codes = ["brutality_civilians", "qol_promises", "corruption_favouritism", "infighting_assad"]
    countries = ["FR", "DE", "TN", "SY", "GB", "US"]
    per_group = max(size // 12, 1)
    made = 0
    index = 0
    while made < size:
        count = min(per_group, size - made)
        narratives = make_narratives(
            count,
            country=countries[index % len(countries)],
            language=["fr", "en", "ar"][index % 3],
            reason=codes[index % len(codes)],
            left_on=timezone.datetime(2014 + index % 2, 1 + 3 * (index % 4), 1).date(),
            excerpts=True,
        )
        made += count
        index += 1
        message = MessageFactory(
            language=narratives[0].language,
            status=Message.Status.PUBLISHED,
            publish_at=timezone.now() - timezone.timedelta(hours=1),
        )
        MessageExcerpt.objects.create(message=message, excerpt=narratives[0].excerpts.get())


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_narratives(client, analyst):
    client.force_login(analyst)
    make_population(10)
    small = count_queries(client)
    make_population(290)
    large = count_queries(client)
    assert small == large
    # Three of them are the header's: unread notices, narratives and messages waiting.
    assert large <= 14
