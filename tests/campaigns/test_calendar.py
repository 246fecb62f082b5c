"""The publishing calendar: the sweeper's schedule by day and week, per campaign and
language, overdue and failed items marked, headlines through the egress gate."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from campaigns import calendar
from campaigns.experiments import services as experiments
from campaigns.experiments.models import Experiment
from campaigns.models import Message, overdue_q
from core.i18n import set_interface_language
from tests.factories import (
    CampaignFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/review/messages/calendar/"


def at(days: int, hour: int = 12) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def rows(response) -> dict[str, str]:
    """Each message row's state cell text, by message id and kind."""
    html = response.content.decode()
    found = {}
    for match in re.finditer(
        r'<tr data-message="([^"]+)" data-kind="([^"]+)"(.*?)</tr>', html, re.S
    ):
        found[f"{match[1]}:{match[2]}"] = re.sub(r"<[^>]+>|\s+", " ", match[3])
    return found


def test_editors_and_analysts_both_reach_it_and_partners_do_not(client, editor, analyst):
    for user in (editor, analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 200
    client.force_login(UserFactory(username="t_partner", role="Partner"))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_a_week_shows_what_goes_up_and_comes_down_marked_as_the_sweeper_sees_it(client, editor):
    now = timezone.now()
    waiting = MessageFactory(status="scheduled", publish_at=now + timedelta(minutes=30))
    overdue = MessageFactory(status="scheduled", publish_at=now - timedelta(minutes=10))
    failed = MessageFactory(
        status="scheduled",
        publish_at=now + timedelta(minutes=40),
        publish_error="render failed",
    )
    live = MessageFactory(
        status="published", publish_at=now - timedelta(minutes=5), leak_checked_at=now
    )
    held = MessageFactory(status="published", publish_at=now - timedelta(minutes=5))
    Message.objects.filter(pk=held.pk).update(leak_checked_at=None)
    draft = MessageFactory(status="draft", publish_at=now)
    client.force_login(editor)
    # four weeks from this week's Monday: late on a Sunday, half an hour ahead is next week's
    found = rows(client.get(URL, {"span": "four_weeks"}))
    assert "live now" not in found[f"{waiting.public_id}:goes_live"]
    assert "overdue" not in found[f"{waiting.public_id}:goes_live"]
    assert "overdue" in found[f"{overdue.public_id}:goes_live"]
    assert Message.objects.filter(overdue_q(now), pk=overdue.pk).exists()  # the same fact
    assert "failed" in found[f"{failed.public_id}:goes_live"]
    assert "live now" in found[f"{live.public_id}:went_live"]
    assert "held: leak check not current" in found[f"{held.public_id}:went_live"]
    assert not any(key.startswith(draft.public_id) for key in found)


def test_expired_messages_show_when_they_came_down(client, analyst):
    gone = MessageFactory(
        status="expired",
        publish_at=at(0, 8),
        published_at=at(0, 8),
        unpublish_at=at(0, 9),
        unpublished_at=at(0, 9),
    )
    client.force_login(analyst)
    found = rows(client.get(URL, {"span": "day"}))
    assert set(found) == {f"{gone.public_id}:went_live", f"{gone.public_id}:came_down"}


def test_a_table_per_week_with_a_heading_and_every_day(client, editor):
    client.force_login(editor)
    html = client.get(URL, {"span": "four_weeks"}).content.decode()
    assert html.count('<table class="queue calendar"') == 4
    assert len(re.findall(r"<h2 id=\"week-", html)) == 4
    assert html.count("<tbody data-day=") == 28
    assert '<th scope="col">Headline</th>' in html


def test_day_and_week_windows_and_filters(client, editor):
    one, other = CampaignFactory(), CampaignFactory()
    today = MessageFactory(status="scheduled", publish_at=at(0) + timedelta(days=1), campaign=one)
    french = MessageFactory(
        status="scheduled", publish_at=at(0) + timedelta(days=1), campaign=other, language="fr"
    )
    far = MessageFactory(status="scheduled", publish_at=at(60), campaign=one)
    client.force_login(editor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    day = rows(client.get(URL, {"span": "day", "start": tomorrow}))
    assert {k.split(":")[0] for k in day} == {today.public_id, french.public_id}
    by_campaign = rows(client.get(URL, {"start": tomorrow, "campaign": one.pk}))
    assert {k.split(":")[0] for k in by_campaign} == {today.public_id}
    by_language = rows(client.get(URL, {"start": tomorrow, "language": "fr"}))
    assert {k.split(":")[0] for k in by_language} == {french.public_id}
    later = rows(
        client.get(URL, {"start": (timezone.localdate() + timedelta(days=60)).isoformat()})
    )
    assert {k.split(":")[0] for k in later} == {far.public_id}


def test_invalid_filters_are_ignored_and_said_so(client, editor):
    client.force_login(editor)
    response = client.get(URL, {"start": "yesterday", "span": "year", "campaign": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ignored an invalid From." in html and "Ignored an invalid Show." in html


def test_a_headline_the_gate_flags_is_withheld(client, editor):
    SourceRecordFactory(narrative=NarrativeFactory(), real_name="Karim Belkacem")
    flagged = MessageFactory(
        status="scheduled",
        publish_at=timezone.now() + timedelta(hours=1),
        headline="Karim Belkacem tells his story",
    )
    client.force_login(editor)
    # the week of its publication (an hour ahead is next week's late on a Sunday)
    week = {"start": timezone.localtime(flagged.publish_at).date().isoformat()}
    html = client.get(URL, week).content.decode()
    assert "Belkacem" not in html
    assert calendar.WITHHELD in rows(client.get(URL, week))[f"{flagged.public_id}:goes_live"]


def test_editors_see_the_calendar_in_the_menu_and_not_the_analysts_pages(client, editor, analyst):
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert 'href="/review/messages/calendar/" aria-current="page">Calendar' in html
    assert ">Dashboard</a>" not in html and ">Narratives</a>" not in html
    assert 'href="/admin/">Admin</a>' in html
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    assert ">Dashboard</a>" in html and ">Narratives</a>" in html


# --- Running experiments ---------------------------------------------------------------------


def started_experiment(editor, analyst, *, days_ago: int, language: str = "en", **plan):
    """An experiment on a new campaign, through the services, started ``days_ago`` days ago."""
    campaign = CampaignFactory()
    experiment = experiments.create_experiment(
        user=editor,
        campaign=campaign,
        question="Does Yusuf Haddad's story bring more help-line contacts?",
        hypothesis="A former member is more credible than a statistic.",
        primary_outcome="helpline_contacts",
        baseline_rate=0.1,
        min_effect=0.5,
        **plan,
    )
    for _ in range(2):
        message = MessageFactory(campaign=campaign, status="approved", language=language)
        experiments.add_variant(user=editor, experiment=experiment, message=message)
    experiments.submit_experiment_for_approval(user=editor, experiment=experiment)
    experiments.approve_experiment(user=analyst, experiment=experiment)
    experiments.start_experiment(user=editor, experiment=experiment)
    Experiment.objects.filter(pk=experiment.pk).update(started_at=at(-days_ago, 9))
    experiment.refresh_from_db()
    return experiment


def experiment_rows(response) -> dict[str, list[tuple[str, str]]]:
    """Each experiment's rows: (day, kind), by experiment id."""
    html = response.content.decode()
    found: dict[str, list[tuple[str, str]]] = {}
    for body in re.finditer(r'<tbody data-day="([^"]+)">(.*?)</tbody>', html, re.S):
        for row in re.finditer(r'<tr data-experiment="([^"]+)" data-kind="([^"]+)"', body[2]):
            found.setdefault(row[1], []).append((body[1], row[2]))
    return found


def test_a_running_experiment_shows_on_each_day_it_runs_to_today_or_its_planned_end(
    client, editor, analyst
):
    to_today = started_experiment(editor, analyst, days_ago=3)
    planned = started_experiment(
        editor, analyst, days_ago=1, planned_end=timezone.localdate() + timedelta(days=2)
    )
    client.force_login(analyst)
    start = (timezone.localdate() - timedelta(days=3)).isoformat()
    found = experiment_rows(client.get(URL, {"start": start, "span": "four_weeks"}))
    day = lambda n: (timezone.localdate() + timedelta(days=n)).isoformat()  # noqa: E731
    assert found[to_today.public_id] == [
        (day(-3), "experiment_starts"),
        (day(-2), "experiment_runs"),
        (day(-1), "experiment_runs"),
        (day(0), "experiment_runs"),
    ]
    assert found[planned.public_id] == [
        (day(-1), "experiment_starts"),
        (day(0), "experiment_runs"),
        (day(1), "experiment_runs"),
        (day(2), "experiment_ends"),
    ]


def test_a_stopped_experiment_shows_from_its_start_to_its_stop(client, editor, analyst):
    experiment = started_experiment(editor, analyst, days_ago=2)
    experiments.stop_experiment(user=editor, experiment=experiment, reason="Enough seen.")
    Experiment.objects.filter(pk=experiment.pk).update(stopped_at=at(-1, 15))
    client.force_login(editor)
    start = (timezone.localdate() - timedelta(days=2)).isoformat()
    found = experiment_rows(client.get(URL, {"start": start, "span": "four_weeks"}))
    assert [kind for _, kind in found[experiment.public_id]] == [
        "experiment_starts",
        "experiment_stops",
    ]


def test_experiments_are_named_by_ids_never_by_their_question(client, editor, analyst):
    experiment = started_experiment(editor, analyst, days_ago=0)
    variants = [v.message.public_id for v in experiment.variants.all()]
    client.force_login(editor)
    html = client.get(URL, {"span": "day"}).content.decode()
    assert f'data-experiment="{experiment.public_id}"' in html
    assert experiment.campaign.public_id in html
    assert all(public_id in html for public_id in variants)
    assert "Haddad" not in html and "credible" not in html
    assert "Experiment starts" in html and "(day 1 of 1)" in html
    assert "1 experiment running" in html


def test_analysts_follow_it_to_its_review_page_and_editors_to_its_admin_page(
    client, editor, analyst
):
    experiment = started_experiment(editor, analyst, days_ago=0)
    client.force_login(analyst)
    html = client.get(URL, {"span": "day"}).content.decode()
    review = f"/review/messages/experiments/{experiment.public_id}/"
    assert f'<a href="{review}"><code>{experiment.public_id}</code></a>' in html
    assert client.get(review).status_code == 200
    client.force_login(editor)
    html = client.get(URL, {"span": "day"}).content.decode()
    change = f"/admin/campaigns/experiment/{experiment.pk}/change/"
    assert f'<a href="{change}"><code>{experiment.public_id}</code></a>' in html
    assert review not in html


def test_experiments_follow_the_campaign_and_language_filters(client, editor, analyst):
    english = started_experiment(editor, analyst, days_ago=0)
    french = started_experiment(editor, analyst, days_ago=0, language="fr")
    started_experiment(editor, analyst, days_ago=0)
    client.force_login(editor)
    by_campaign = experiment_rows(client.get(URL, {"span": "day", "campaign": english.campaign.pk}))
    assert set(by_campaign) == {english.public_id}
    by_language = experiment_rows(client.get(URL, {"span": "day", "language": "fr"}))
    assert set(by_language) == {french.public_id}


def test_experiments_not_started_are_not_on_the_calendar(client, editor, analyst):
    campaign = CampaignFactory()
    experiments.create_experiment(
        user=editor, campaign=campaign, question="Which card?", primary_outcome="cta_clicks"
    )
    client.force_login(editor)
    assert experiment_rows(client.get(URL, {"span": "four_weeks"})) == {}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Début de l'expérience", "(jour 1 sur 1)", "Variantes :", "1 expérience en cours"]),
        ("ar", ["بداية التجربة", "(اليوم 1 من 1)", "المتغيّرات:", "وتجربة واحدة جارية"]),
    ],
)
def test_the_experiments_rows_in_french_and_arabic(client, editor, analyst, language, words):
    started_experiment(editor, analyst, days_ago=0)
    set_interface_language(user=analyst, language=language)
    client.force_login(analyst)
    html = client.get(URL, {"span": "day"}).content.decode()
    for word in words:
        assert word.replace("'", "&#x27;") in html, word
