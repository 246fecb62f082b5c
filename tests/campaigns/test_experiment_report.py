"""The experiment report: the plan as pre-registered, its history, a chart and table per
outcome, the verdict in words, the CSV of daily counts, small counts kept back, and who may
read it."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from campaigns.experiments import analysis, report
from campaigns.experiments import services as experiments
from campaigns.experiments.models import Experiment
from core.egress import registry
from tests.factories import CampaignFactory, MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(editor, analyst):
    campaign = CampaignFactory()
    messages = [MessageFactory(campaign=campaign, status="approved") for _ in range(2)]
    experiment = experiments.create_experiment(
        user=editor,
        campaign=campaign,
        question="Does the former member's story bring more help-line contacts?",
        hypothesis="A former member is more credible than a statistic.",
        primary_outcome="helpline_contacts",
        secondary_outcomes=["cta_clicks"],
        baseline_rate=0.1,
        min_effect=0.5,
    )
    for message in messages:
        experiments.add_variant(user=editor, experiment=experiment, message=message)
    experiments.submit_experiment_for_approval(user=editor, experiment=experiment)
    experiments.approve_experiment(user=analyst, experiment=experiment)
    experiment = experiments.start_experiment(user=editor, experiment=experiment)
    Experiment.objects.filter(pk=experiment.pk).update(
        started_at=timezone.now() - timedelta(days=10)
    )
    experiment.refresh_from_db()
    return experiment


def record(experiment, days, control, variant):
    """``days`` days of counts from the start: (impressions, contacts, clicks) per variant."""
    v0, v1 = experiment.variants.order_by("position")
    start = timezone.localdate(experiment.started_at)
    rows = []
    for n in range(days):
        for key, (imp, contacts, clicks) in ((v0.key, control), (v1.key, variant)):
            rows.append(
                {
                    "variant": key,
                    "day": (start + timedelta(days=n)).isoformat(),
                    "impressions": imp,
                    "reach": imp,
                    "helpline_contacts": contacts,
                    "cta_clicks": clicks,
                }
            )
    experiments.record_experiment_counts(experiment=experiment, source="ptn_a", rows=rows)


def page(client, user, experiment, language="en", **params):
    client.force_login(user)
    url = reverse("message_review:experiment_report", args=[experiment.public_id])
    return client.get(url, params, headers={"accept-language": language})


def text_of(response) -> str:
    """The page with its white space (no-break spaces too) collapsed to single spaces."""
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("language", "direction", "words"),
    [
        ("en", "ltr", ["Verdict", "Still collecting", "Timeline of changes", "as pre-registered"]),
        ("fr", "ltr", ["Verdict", "Collecte en cours", "Chronologie", "préenregistré"]),
        ("ar", "rtl", ["الحكم", "جمع البيانات", "للتغييرات", "سُجّلت مسبقًا"]),
    ],
)
def test_the_report_of_a_running_experiment_in_each_language(
    client, analyst, running, language, direction, words
):
    record(running, 3, control=(200, 20, 30), variant=(200, 30, 40))
    response = page(client, analyst, running, language)
    assert response.status_code == 200
    body = text_of(response)
    assert f'dir="{direction}"' in body
    for word in words:
        assert word in body, word
    # A chart per outcome, accessible, and its data table beneath it.
    assert body.count('role="img"') == 2
    assert body.count("<title id=") == 2 and body.count("<desc id=") == 2
    assert body.count("<caption") >= 8
    assert 'scope="col"' in body and 'scope="row"' in body
    assert html.escape(running.question) in body
    # In Arabic the chart's labels run right to left; elsewhere they do not.
    assert ('direction="rtl"' in body) == (language == "ar")
    assert reverse("message_review:experiment_report_csv", args=[running.public_id]) in body
    assert "?print=1" in body


def test_the_plan_shown_is_the_one_frozen_at_the_start(client, analyst, editor, running):
    frozen_question = running.question
    experiments.amend_running_experiment(
        user=editor,
        experiment=running,
        reason="Clearer wording for the funder.",
        changes={"question": "Which story brings more people to the help line?"},
    )
    body = text_of(page(client, analyst, running))
    assert f'<h1 dir="auto">{html.escape(frozen_question)}</h1>' in body
    assert "Amended since the start" in body
    assert "Which story brings more people to the help line?" in body
    assert 'class="amendment"' in body and "Clearer wording for the funder." in body
    assert "amendment after the start" in body
    # Who made each change, by name.
    assert (editor.get_full_name() or editor.get_username()) in body


def test_an_experiment_without_counts_says_there_is_no_data_yet(client, analyst, running):
    body = text_of(page(client, analyst, running))
    assert "No data yet" in body
    assert 'role="img"' not in body


def test_a_plan_not_started_has_a_report_with_no_data(client, analyst, editor):
    campaign = CampaignFactory()
    draft = experiments.create_experiment(
        user=editor, campaign=campaign, question="Q?", primary_outcome="cta_clicks"
    )
    response = page(client, analyst, draft)
    assert response.status_code == 200
    assert "No data yet" in text_of(response) and "not pre-registered yet" in text_of(response)


def test_the_printable_page_has_no_navigation(client, analyst, running):
    record(running, 2, control=(200, 20, 30), variant=(200, 30, 40))
    body = text_of(page(client, analyst, running, print="1"))
    assert 'class="site-header"' not in body and "report-actions" not in body
    assert "css/report.css" in body and 'role="img"' in body


# --- The verdict in words ------------------------------------------------------------------


def _result(code, variants=(), progress=0.0, comparisons=()):
    outcome = analysis.OutcomeResult("helpline_contacts", True, (), tuple(comparisons), ())
    ratio = analysis.SampleRatio(1e-6, code == "sample_ratio_mismatch", (0.5, 0.5), (0.6, 0.4))
    return analysis.Analysis(
        ratio, 1000, 2000, (outcome,), analysis.Verdict(code, variants, progress)
    )


def _comparison(variant, difference, significant=True):
    return analysis.Comparison(
        "helpline_contacts", variant, difference, 0, 0, 0.001, 0.002, significant
    )


@pytest.mark.parametrize(
    ("code", "variants", "comparisons", "words", "never"),
    [
        ("no_data", (), (), ["No data yet"], ["better", "worse"]),
        (
            "sample_ratio_mismatch",
            (),
            (),
            ["randomisation looks broken", "no result can be read"],
            ["reliably better than"],
        ),
        ("collecting", (), (), ["Still collecting", "no winner"], ["reliably better than"]),
        ("better", ("v_b",), (_comparison("v_b", 0.1),), ["v_b", "reliably better"], ["worse"]),
        ("worse", ("v_b",), (_comparison("v_b", -0.1),), ["v_b", "reliably worse"], []),
        (
            "mixed",
            ("v_b",),
            (_comparison("v_b", 0.1), _comparison("v_c", -0.1)),
            ["v_b did reliably better", "v_c reliably worse"],
            [],
        ),
        (
            "no_difference",
            (),
            (),
            ["No reliable difference", "no winner"],
            ["reliably better than"],
        ),
    ],
)
def test_every_verdict_is_worded_and_never_calls_an_unsupported_winner(
    code, variants, comparisons, words, never
):
    result = _result(code, variants, 0.5, comparisons)
    verdict = report._verdict(None if code == "no_data" else result, {"v_a": "v_a"})
    said = f"{verdict.heading} {verdict.text}"
    for word in words:
        assert word in said, word
    for word in never:
        assert word not in said, word
    assert "winner" not in said.replace("no winner", "").replace("There is no winner", "")
    if code == "collecting":
        assert verdict.progress == 0.5 and "1,000 of 2,000" in verdict.progress_text


def test_the_verdicts_are_translated(settings):
    from django.utils import translation

    result = _result("sample_ratio_mismatch")
    with translation.override("fr"):
        french = report._verdict(result, {})
    with translation.override("ar"):
        arabic = report._verdict(result, {})
    assert french.heading != arabic.heading != "The randomisation looks broken"
    assert "randomisation" not in arabic.text


def test_collecting_shows_progress_toward_the_planned_sample(client, analyst, running):
    record(running, 2, control=(100, 10, 10), variant=(100, 12, 12))
    body = text_of(page(client, analyst, running))
    assert "<progress" in body
    assert f"400 of {running.plan_at_start['planned_units']:,} planned impressions" in body


# --- The CSV -------------------------------------------------------------------------------


def test_the_csv_has_the_daily_counts_per_variant(client, analyst, running):
    record(running, 2, control=(200, 20, 30), variant=(210, 31, 41))
    client.force_login(analyst)
    response = client.get(reverse("message_review:experiment_report_csv", args=[running.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{running.public_id}-daily-counts-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "day",
        "variant",
        "message",
        "impressions",
        "reach",
        "helpline_contacts",
        "cta_clicks",
    ]
    v0, v1 = running.variants.order_by("position").select_related("message")
    start = timezone.localdate(running.started_at).isoformat()
    assert rows[1] == [start, v0.key, v0.message.public_id, "200", "200", "20", "30"]
    assert rows[2] == [start, v1.key, v1.message.public_id, "210", "210", "31", "41"]
    assert len(rows) == 5


# --- Small counts --------------------------------------------------------------------------


@override_settings(DISCLOSURE_K=5)
def test_small_counts_are_kept_back_in_the_page_and_the_csv(client, analyst, running):
    # Control: 3 contacts in all (small). The variant: 2 on day one (small), then 10: its
    # total (12) is not small, but with the CSV's 10 it would give the 2 away.
    v0, v1 = running.variants.order_by("position")
    start = timezone.localdate(running.started_at)
    rows = [
        {"variant": v0.key, "day": start.isoformat(), "impressions": 100, "helpline_contacts": 3},
        {"variant": v1.key, "day": start.isoformat(), "impressions": 100, "helpline_contacts": 2},
        {
            "variant": v1.key,
            "day": (start + timedelta(days=1)).isoformat(),
            "impressions": 100,
            "helpline_contacts": 10,
        },
    ]
    experiments.record_experiment_counts(experiment=running, source="ptn_a", rows=rows)
    body = text_of(page(client, analyst, running))
    assert 'id="small-counts"' in body
    outside_charts = re.sub(r"<svg.*?</svg>", "", body)
    # The control's total (3 of 100) is written "< 5"; the variant's (12) is withheld.
    assert '<td class="num suppressed">&lt; 5</td><td class="num">100</td>' in body
    assert '<td class="num suppressed">withheld</td><td class="num">200</td>' in body
    # No rate that would give a count away: 3 %, 2 % (day one), 6 % (12 of 200).
    for rate in ("3.0 %", "2.0 %", "6.0 %"):
        assert rate not in outside_charts, rate
    assert "nothing that can be shown yet" in body  # the chart's description, both lines
    contacts_chart = re.search(r"<svg.*?</svg>", body).group(0)
    assert 'class="rate"' not in contacts_chart  # no line drawn
    # The difference from the control is left out.
    assert '<td class="num">—</td><td class="num">—</td><td class="num">1.000</td>' in body
    client.force_login(analyst)
    csv_text = client.get(
        reverse("message_review:experiment_report_csv", args=[running.public_id])
    ).content.decode()
    lines = list(csv.reader(io.StringIO(csv_text)))
    contacts = [line[5] for line in lines[1:]]
    assert contacts == ["< 5", "< 5", "10"]
    assert ",3," not in csv_text and ",2," not in csv_text


def test_a_cumulative_point_is_drawn_only_where_subtraction_reveals_no_small_count():
    k = 5
    # Day 0: 10 (shown). Day 1: 2 (small) -> 12 - 10 would give it: withheld. Day 2: 3
    # (small) -> 15 - 10 = 2 + 3, two hidden adding up to 5: shown. Day 3: 0 -> shown.
    assert report.visible_points([10, 2, 3, 0], k) == [True, False, True, True]
    # A small cumulative count is never shown; zeros are no secret.
    assert report.visible_points([0, 1, 2, 7], k) == [True, False, False, False]
    assert report.visible_points([0, 0], k) == [True, True]
    series = analysis.DailyRates("v", (0.1, 0.12), (0.05, 0.07), (0.15, 0.18))
    shown, hidden = report.protected_daily(series, [10, 2], k)
    assert hidden == [False, True]
    assert (shown.low[1], shown.high[1]) == (0.0, 1.0)  # the charts' "nothing to draw"
    assert shown.rate[0] == 0.1


# --- Who may read it -----------------------------------------------------------------------


def test_editors_may_read_the_report_too(client, editor, running):
    response = page(client, editor, running)
    assert response.status_code == 200
    # Editors do not see links to the analysts' review pages.
    review = reverse("message_review:experiment", args=[running.public_id])
    assert f'href="{review}"' not in text_of(response)


def test_partners_and_custodians_are_refused_and_anonymous_users_sent_to_log_in(
    client, partner_user, custodian, running
):
    urls = [
        reverse("message_review:experiment_report", args=[running.public_id]),
        reverse("message_review:experiment_report_csv", args=[running.public_id]),
    ]
    for url in urls:
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]
        for user in (partner_user, custodian):
            client.force_login(user)
            assert client.get(url).status_code == 403


def test_an_unknown_experiment_is_404(client, analyst):
    client.force_login(analyst)
    for name in ("message_review:experiment_report", "message_review:experiment_report_csv"):
        assert client.get(reverse(name, args=["exp_nosuch"])).status_code == 404


def test_the_report_and_csv_are_egress_surfaces_walked_without_error(
    running, editor, analyst, partner_user
):
    record(running, 2, control=(200, 20, 30), variant=(200, 30, 40))
    page_surface = registry.get("page:experiment_report")
    csv_surface = registry.get("csv:experiment_report")
    paths = [*page_surface.paths(), *csv_surface.paths()]
    assert any(running.public_id in p and "print=1" in p for p in paths)
    for user in (None, editor, analyst, partner_user):
        client = Client()
        if user is not None:
            client.force_login(user)
        for path in paths:
            assert client.get(path).status_code < 500, path


def test_the_report_is_linked_from_the_review_page_and_the_admin(client, analyst, editor, running):
    link = reverse("message_review:experiment_report", args=[running.public_id])
    client.force_login(analyst)
    assert (
        link
        in client.get(
            reverse("message_review:experiment", args=[running.public_id])
        ).content.decode()
    )
    assert link in client.get(reverse("message_review:experiments")).content.decode()
    client.force_login(editor)
    admin_page = client.get(reverse("admin:campaigns_experiment_change", args=[running.pk]))
    assert admin_page.status_code == 200
    assert link in admin_page.content.decode()


def test_a_stopped_experiment_reports_its_reason_and_a_broken_stored_date_is_no_error(
    client, analyst, editor, running
):
    record(running, 2, control=(200, 20, 30), variant=(200, 30, 40))
    experiments.stop_experiment(user=editor, experiment=running, reason="The partner left.")
    plan = {**running.plan_at_start, "planned_end": "2026-13-45", "variants": "nonsense"}
    Experiment.objects.filter(pk=running.pk).update(plan_at_start=plan)
    running.refresh_from_db()
    response = page(client, analyst, running)
    assert response.status_code == 200
    body = text_of(response)
    assert "The partner left." in body and "Stopped" in body


def test_the_editors_words_are_escaped_everywhere(client, analyst, editor, running):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    record(running, 2, control=(200, 20, 30), variant=(200, 30, 40))
    experiments.amend_running_experiment(
        user=editor, experiment=running, reason=attack, changes={"hypothesis": attack}
    )
    Experiment.objects.filter(pk=running.pk).update(
        plan_at_start={**running.plan_at_start, "question": attack}
    )
    running.refresh_from_db()
    body = page(client, analyst, running, "ar").content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert" in body
