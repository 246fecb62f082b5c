"""An editor schedules a message in the admin, an analyst approves it in the review UI, and it
goes live and comes down on time with one event each: in a real Chromium."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from campaigns import publishing
from campaigns.models import Message, MessageExcerpt, PublishEvent
from core.roles import ANALYST, EDITOR
from tests.conftest import ARTIFACTS
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    UserFactory,
    VisualTemplateFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser, live_server) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 1000}
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def test_schedule_approve_publish_and_unpublish(browser, live_server, reasons):
    editor = UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    UserFactory(username="t_analyst", role=ANALYST)
    message = MessageFactory(
        campaign=CampaignFactory(name="Spring prevention"),
        template=VisualTemplateFactory(formats=["square"]),
        author=editor,
        headline="They promised a salary. It never came.",
        alt_text="A card with a former member's words.",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())

    # The editor submits the message for review, in the admin.
    editor_page = new_page(browser, live_server)
    editor_page.goto("/admin/login/")
    editor_page.get_by_label("Username").fill("t_editor")
    editor_page.get_by_label("Password").fill(PASSWORD)
    editor_page.get_by_role("button", name="Log in").click()
    change_url = f"/admin/campaigns/message/{message.pk}/change/"
    editor_page.goto(change_url)
    editor_page.get_by_role("button", name="Save and submit for review").click()
    expect(editor_page.get_by_text("The message is now in review.")).to_be_visible()

    # An analyst approves it, in the review UI.
    analyst_page = new_page(browser, live_server)
    analyst_page.goto("/review/messages/")
    analyst_page.get_by_label("Username").fill("t_analyst")
    analyst_page.get_by_label("Password").fill(PASSWORD)
    analyst_page.get_by_role("button", name="Log in").click()
    expect(analyst_page).to_have_url(re.compile(r"/review/messages/$"))
    analyst_page.get_by_role("link", name=message.headline).click()
    expect(analyst_page.get_by_text("No finding")).to_be_visible()
    analyst_page.get_by_role("button", name="Approve").click()
    expect(analyst_page.get_by_text("Approved. The editor can now schedule it.")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    analyst_page.screenshot(path=str(ARTIFACTS / "message-approved.png"), full_page=True)

    # The editor schedules it: live in a few seconds, down a few seconds later.
    now = timezone.localtime()
    publish_at = (now + timedelta(seconds=4)).replace(microsecond=0)
    unpublish_at = publish_at + timedelta(seconds=4)
    editor_page.goto(change_url)
    expect(
        editor_page.get_by_text(f"Time zone: {timezone.get_current_timezone_name()}").first
    ).to_be_visible()
    editor_page.locator("#id_publish_at_0").fill(publish_at.strftime("%Y-%m-%d"))
    editor_page.locator("#id_publish_at_1").fill(publish_at.strftime("%H:%M:%S"))
    editor_page.locator("#id_unpublish_at_0").fill(unpublish_at.strftime("%Y-%m-%d"))
    editor_page.locator("#id_unpublish_at_1").fill(unpublish_at.strftime("%H:%M:%S"))
    editor_page.get_by_role("button", name="Save and schedule").click()
    expect(editor_page.get_by_text("The message is now scheduled.")).to_be_visible()
    message.refresh_from_db()
    assert message.status == "scheduled"
    # (not live before its time: asked of the moment before publish_at, not of the clock, which
    # a loaded machine may already have carried past it while the page saved)
    before = publish_at - timedelta(seconds=1)
    assert not Message.objects.live(before).filter(pk=message.pk).exists()

    # It goes live on time; the sweeper records the event once, however often it runs.
    wait_until(publish_at)
    assert Message.objects.live(timezone.now()).filter(pk=message.pk).exists()
    assert publishing.sweep().published == 1
    assert publishing.sweep().total == 0

    wait_until(unpublish_at)
    assert not Message.objects.live(timezone.now()).filter(pk=message.pk).exists()
    assert publishing.sweep().unpublished == 1
    assert publishing.sweep().total == 0

    kinds = list(PublishEvent.objects.filter(message=message).values_list("kind", flat=True))
    assert sorted(kinds) == ["publish", "unpublish"]
    editor_page.goto("/admin/campaigns/publishevent/")
    expect(editor_page.get_by_text(message.headline).first).to_be_visible()
    editor_page.screenshot(path=str(ARTIFACTS / "publish-events.png"), full_page=True)


def wait_until(moment) -> None:
    while timezone.now() < moment:
        time.sleep(0.1)
