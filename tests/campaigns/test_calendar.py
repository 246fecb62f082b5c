"""The publishing calendar: the sweeper's schedule by day and week, per campaign and
language, overdue and failed items marked, headlines through the egress gate."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from campaigns import calendar
from campaigns.models import Message, overdue_q
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
