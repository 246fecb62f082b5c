"""In a real Chromium: an editor schedules two approved messages at once from the admin's
changelist (one refused, with its reason), then reads them on the publishing calendar, a
table per week, overdue and failed items marked, with no script on the page; with the
interface in English, French and Arabic (the admin's own words from Django's catalogues)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from campaigns.models import Message
from core.i18n import set_interface_language
from core.roles import EDITOR
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, MessageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The page's words: locale/*/LC_MESSAGES/django.po, and Django's admin catalogue for
# "Action:", "Go", "Delete" and "View site".
WORDS = {
    "en": {
        "action": "Action:",
        "go": "Go",
        "delete": "Delete",
        "schedule_title": "Schedule messages",
        "publish_at": "Publish at",
        "schedule": "Schedule",
        "scheduled": "{label}: now scheduled.",
        "view_site": "View site",
        "calendar_title": "Publishing calendar",
        "calendar": "Calendar",
        "headline": "Headline",
        "overdue": "overdue",
        "failed": "failed",
        "show": "Show",
        "language": "Language",
    },
    "fr": {
        "action": "Action :",
        "go": "Envoyer",
        "delete": "Supprimer",
        "schedule_title": "Programmer des messages",
        "publish_at": "Publier le",
        "schedule": "Programmer",
        "scheduled": "{label} : désormais au statut « programmé ».",
        "view_site": "Voir le site",
        "calendar_title": "Calendrier de publication",
        "calendar": "Calendrier",
        "headline": "Titre",
        "overdue": "en retard",
        "failed": "en échec",
        "show": "Afficher",
        "language": "Langue",
    },
    "ar": {
        "action": "الإجراء:",
        "go": "نفّذ",
        "delete": "حذف",
        "schedule_title": "جدولة الرسائل",
        "publish_at": "موعد النشر",
        "schedule": "جدولة",
        "scheduled": "{label}: الحالة الآن مجدولة.",
        "view_site": "عرض الموقع",
        "calendar_title": "تقويم النشر",
        "calendar": "التقويم",
        "headline": "العنوان الرئيسي",
        "overdue": "متأخرة",
        "failed": "فشلت",
        "show": "عرض",
        "language": "اللغة",
    },
}


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


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_bulk_schedule_then_the_calendar(editor_page, language):
    page = editor_page
    words = WORDS[language]
    editor = get_user_model().objects.get(username="t_editor")
    set_interface_language(user=editor, language=language)
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
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("option[value=delete_selected]")).to_have_count(0)
    expect(page.get_by_role("option", name=re.compile(words["delete"]))).to_have_count(0)
    for message in (first, second, draft):
        tick(page, message)
    page.get_by_label(words["action"]).select_option("schedule_selected")
    page.get_by_role("button", name=words["go"], exact=True).click()
    expect(page.get_by_role("heading", name=words["schedule_title"])).to_be_visible()
    # Two hours ahead, but inside this week, which the calendar shows first (Monday to Sunday,
    # local time): late on a Sunday, two hours ahead is next week's.
    now = timezone.localtime()
    week_end = (now - timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    ) + timedelta(days=7)
    when = min(now + timedelta(hours=2), week_end - timedelta(minutes=1))
    when = max(when, now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    page.get_by_label(re.compile("^" + re.escape(words["publish_at"]))).fill(
        when.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name=words["schedule"], exact=True).click()

    for done in (first, second):
        label = f"{done.public_id} “{done.headline}”"
        expect(page.get_by_text(words["scheduled"].format(label=label))).to_be_visible()
    refusal = page.locator(".messagelist .error", has_text=draft.public_id)
    expect(refusal).to_have_count(1)
    assert [Message.objects.get(pk=m.pk).status for m in (first, second, draft)] == [
        "scheduled",
        "scheduled",
        "draft",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"bulk-schedule-{language}.png"), full_page=True)

    # "View site" leads to the calendar.
    page.get_by_role("link", name=words["view_site"]).click()
    expect(page.get_by_role("heading", name=words["calendar_title"], level=1)).to_be_visible()
    expect(page.get_by_role("link", name=words["calendar"], exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    week = page.locator("table.calendar").first
    expect(week.get_by_role("columnheader", name=words["headline"])).to_be_visible()
    scheduled_row = week.locator(f'tr[data-message="{first.public_id}"]')
    expect(scheduled_row).to_contain_text("First approved card")
    expect(scheduled_row).to_contain_text(when.strftime("%H:%M"))
    late = page.locator(f'tr[data-message="{overdue.public_id}"]')
    expect(late).to_contain_text(words["overdue"])
    expect(late).to_contain_text(words["failed"])
    expect(page.locator(f'tr[data-message="{draft.public_id}"]')).to_have_count(0)
    expect(page.locator("script")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / f"calendar-week-{language}.png"), full_page=True)

    # By day, and filtered by language: nothing in French.
    page.get_by_label(words["show"]).select_option("day")
    page.get_by_label(words["language"], exact=True).select_option("fr")
    page.get_by_role("button", name=words["show"]).click()
    expect(page.locator("table.calendar")).to_have_count(1)
    expect(page.locator("tr[data-message]")).to_have_count(0)
