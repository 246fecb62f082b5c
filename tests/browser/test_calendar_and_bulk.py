"""In a real Chromium: an editor schedules two approved messages at once from the admin's
changelist (one refused, with its reason), then reads them on the publishing calendar, a
table per week, overdue and failed items marked, with no script on the page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from campaigns.models import Message
from core.roles import EDITOR
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, MessageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(browser, live_server, reasons):
    UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 1000}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("t_editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def tick(page: Page, message: Message) -> None:
    page.locator(f'input[name="_selected_action"][value="{message.pk}"]').check()


def test_bulk_schedule_then_the_calendar(editor_page):
    page = editor_page
    first = MessageFactory(status="approved", headline="First approved card")
    second = MessageFactory(status="approved", headline="Second approved card")
    draft = MessageFactory(status="draft", headline="Still a draft")
    overdue = MessageFactory(
        status="scheduled",
        headline="Waiting on the worker",
        publish_at=timezone.now() - timedelta(minutes=5),
        publish_error="render failed",
    )

    page.goto("/admin/campaigns/message/")
    expect(page.get_by_role("option", name=re.compile("Delete"))).to_have_count(0)
    for message in (first, second, draft):
        tick(page, message)
    page.get_by_label("Action:").select_option("schedule_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", name="Schedule messages")).to_be_visible()
    # Two hours ahead, but inside this week, which the calendar shows first (Monday to Sunday,
    # local time): late on a Sunday, two hours ahead is next week's.
    now = timezone.localtime()
    week_end = (now - timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    ) + timedelta(days=7)
    when = min(now + timedelta(hours=2), week_end - timedelta(minutes=1))
    when = max(when, now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    page.get_by_label("Publish at:", exact=True).fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()

    expect(
        page.get_by_text(f"{first.public_id} “First approved card”: now scheduled.")
    ).to_be_visible()
    expect(
        page.get_by_text(f"{second.public_id} “Second approved card”: now scheduled.")
    ).to_be_visible()
    refusal = page.locator(".messagelist .error", has_text=draft.public_id)
    expect(refusal).to_have_count(1)
    assert [Message.objects.get(pk=m.pk).status for m in (first, second, draft)] == [
        "scheduled",
        "scheduled",
        "draft",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bulk-schedule.png"), full_page=True)

    # "View site" leads to the calendar.
    page.get_by_role("link", name="View site").click()
    expect(page.get_by_role("heading", name="Publishing calendar", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Calendar")).to_have_attribute("aria-current", "page")
    week = page.locator("table.calendar").first
    expect(week.get_by_role("columnheader", name="Headline")).to_be_visible()
    scheduled_row = week.locator(f'tr[data-message="{first.public_id}"]')
    expect(scheduled_row).to_contain_text("First approved card")
    expect(scheduled_row).to_contain_text(when.strftime("%H:%M"))
    late = page.locator(f'tr[data-message="{overdue.public_id}"]')
    expect(late).to_contain_text("overdue")
    expect(late).to_contain_text("failed")
    expect(page.locator(f'tr[data-message="{draft.public_id}"]')).to_have_count(0)
    expect(page.locator("script")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "calendar-week.png"), full_page=True)

    # By day, and filtered by language: nothing in French.
    page.get_by_label("Show").select_option("day")
    page.get_by_label("Language", exact=True).select_option("fr")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("table.calendar")).to_have_count(1)
    expect(page.locator("tr[data-message]")).to_have_count(0)
