"""In a real Chromium: two analysts translate an excerpt in the review UI (one writes, the
other approves), and the message's admin page shows its renditions as small thumbnails under
the site's CSP, with a ZIP of the cleared cards to download."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from campaigns import services
from campaigns.models import MessageExcerpt
from core.roles import ANALYST, EDITOR
from narratives.models import ExcerptTranslation
from tests.conftest import ARTIFACTS
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    UserFactory,
    VisualTemplateFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = "كانت الوعود فارغة"


@pytest.fixture
def new_page(browser, live_server):
    contexts = []
    errors: list[str] = []

    def make() -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript or CSP errors: {errors}"


def log_in(page: Page, start: str, username: str) -> None:
    page.goto(start)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_one_analyst_translates_an_excerpt_and_another_approves_it(new_page, reasons):
    UserFactory(username="t_analyst", role=ANALYST)
    UserFactory(username="t_analyst2", role=ANALYST)
    narrative = NarrativeFactory(approved=True, language="fr", text="Les promesses étaient vides.")
    excerpt = ExcerptFactory(narrative=narrative, start=0, end=13)
    url = f"/review/narratives/{narrative.public_id}/"

    writer = new_page()
    log_in(writer, url, "t_analyst")
    expect(writer).to_have_url(re.compile(re.escape(url)))
    section = writer.get_by_role("region", name=f"Translations of excerpt {excerpt.public_id}")
    section.get_by_label("Translate into").select_option("ar")
    section.get_by_label("Translation", exact=True).fill(ARABIC)
    section.get_by_role("button", name="Add translation").click()
    expect(writer.get_by_text("Another analyst must approve it")).to_be_visible()
    expect(writer.get_by_text("Awaiting approval")).to_be_visible()
    # The writer may not approve their own translation: the page says who must.
    writer.get_by_role("button", name=re.compile("Approve the Arabic translation")).click()
    expect(writer.get_by_text("another analyst must approve it")).to_be_visible()

    approver = new_page()
    log_in(approver, url, "t_analyst2")
    approver.get_by_role("button", name=re.compile("Approve the Arabic translation")).click()
    expect(approver.get_by_text("Approved the translation")).to_be_visible()
    expect(approver.locator(".translation .status--approved")).to_have_text("Approved")
    ARTIFACTS.mkdir(exist_ok=True)
    approver.screenshot(path=str(ARTIFACTS / "translation-approved.png"), full_page=True)
    translation = ExcerptTranslation.objects.get(excerpt=excerpt, language="ar")
    assert translation.status == "approved" and translation.text == ARABIC

    # An edit is a new version, back in review, with the earlier one kept on the page.
    approver.get_by_text("Edit the Arabic translation").click()
    approver.get_by_label("Arabic translation", exact=True).fill(ARABIC + " تماما")
    approver.get_by_role("button", name="Save as a new version").click()
    expect(approver.get_by_text("Awaiting approval")).to_be_visible()
    expect(approver.get_by_text("Earlier versions (1)")).to_be_visible()


def test_the_admin_shows_renditions_as_thumbnails_and_offers_the_zip(new_page):
    cache.clear()
    editor = UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    analyst = UserFactory(username="t_analyst", role=ANALYST)
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(formats=["square", "landscape", "story"]),
        headline="They promised a salary.",
        alt_text="A card: they promised a salary.",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    services.submit_message(user=editor, message=message)
    services.approve_message(user=analyst, message=message)
    for rendition in message.renditions.filter(status="pending"):
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)

    page = new_page()
    log_in(page, "/admin/login/", "t_editor")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    thumbs = page.locator("img.rendition-thumb")
    expect(thumbs).to_have_count(3)
    for i in range(3):
        thumb = thumbs.nth(i)
        expect(thumb).to_be_visible()
        thumb.evaluate("img => img.decode()")
        natural = thumb.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        box = thumb.bounding_box()
        assert box is not None and natural[0] > 160
        assert box["width"] <= 162 and box["height"] <= 162, box  # 160 and the border
    width, height = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert width <= 1280 and height < 4000, (width, height)
    page.screenshot(path=str(ARTIFACTS / "admin-thumbnails.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Download the approved cards")).click()
    data = open(info.value.path(), "rb").read()  # noqa: SIM115 - a temporary download
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert "alt-text.en.txt" in names and len(names) == 4
