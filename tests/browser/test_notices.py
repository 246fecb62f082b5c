"""Notices and assignment in a real Chromium, in English, French and Arabic: an analyst sees the
notice of a narrative submitted for review, takes it, and sees it waiting for them.
Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from narratives import services
from tests.browser.test_interface_languages import switch_to
from tests.browser.test_review_flow import analysts, log_in, page, screenshot  # noqa: F401
from tests.factories import NarrativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "notices": "Notices",
        "claim": "Assign to me",
        "claimed": "You are now its reviewer.",
        "sentence": "Narrative {ref} was submitted for review.",
        "waiting": "In review, assigned to you",
        "open": "Open",
    },
    "fr": {
        "notices": "Avis",
        "claim": "Me l’attribuer",
        "claimed": "Vous en êtes maintenant le relecteur.",
        "sentence": "Le récit {ref} a été soumis pour relecture.",
        "waiting": "En relecture, qui vous est attribué",
        "open": "Ouvrir",
    },
    "ar": {
        "notices": "الإشعارات",
        "claim": "إسناده إليّ",
        "claimed": "أنت الآن مراجِعها.",
        "sentence": "قُدّمت الرواية {ref} للمراجعة.",
        "waiting": "قيد المراجعة، مسندة إليك",
        "open": "فتح",
    },
}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_an_analyst_sees_the_notice_takes_the_narrative_and_sees_it_waiting(
    page,  # noqa: F811
    analysts,  # noqa: F811
    language,
):
    author, reader = analysts
    words = WORDS[language]
    narrative = NarrativeFactory(author=author, status="draft", title="The empty promises")
    services.submit_narrative(user=author, narrative=narrative)
    ref = narrative.public_id

    log_in(page, reader.username)
    switch_to(page, language)
    unread = page.locator("nav [data-testid=unread-notices]")
    waiting = page.locator("nav [data-testid=waiting-for-me]")
    expect(unread).to_have_text("1")
    expect(waiting).to_have_text("0")

    # The queue's reviewer column: take the narrative.
    row = page.locator("tr", has=page.locator(f"code:text-is('{ref}')"))
    row.get_by_role("button", name=words["claim"]).click()
    expect(page.get_by_text(words["claimed"])).to_be_visible()
    expect(waiting).to_have_text("1")
    expect(row.locator("select")).to_have_value(str(reader.pk))
    screenshot(page, f"notices-queue-{language}")

    page.get_by_role("link", name=re.compile(words["notices"])).first.click()
    expect(page.get_by_text(words["sentence"].format(ref=ref))).to_be_visible()
    expect(page.get_by_text(words["waiting"])).to_be_visible()
    expect(page.locator("[data-testid=waiting-count]")).to_have_text("1")
    screenshot(page, f"notices-page-{language}")

    page.get_by_role("button", name=words["open"]).first.click()
    expect(page).to_have_url(re.compile(f"/review/narratives/{ref}/$"))
    expect(unread).to_have_text("0")
