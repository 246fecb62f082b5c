"""In a real Chromium, under the site's CSP: an editor types into the admin's message form
and the character counters follow, warn past the chosen template's limit (announced once, in
the polite live region), and read right to left in the Arabic admin."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from campaigns.models import Message, MessageExcerpt
from campaigns.rendering import MAX_LENGTHS
from core.roles import EDITOR
from tests.campaigns.visual.cases import photo
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

BODY_LIMIT = MAX_LENGTHS["body"]


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


def log_in(page: Page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("input[type=submit]").click()


def _message(editor) -> Message:
    return MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(layout="cta_card", formats=["square"]),
        headline="They promised a salary.",
        body="",
    )


def test_the_body_count_follows_typing_and_warns_past_the_templates_limit(new_page):
    editor = UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    message = _message(editor)
    page = new_page()
    log_in(page, "t_editor")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")

    body = page.locator("#id_body")
    counter = page.locator("#id_body_charcount")
    announcer = page.locator("#message-char-counts [role=status]")
    expect(counter).to_have_text(f"Characters: 0 of {BODY_LIMIT}")
    expect(page.locator("#id_headline_charcount")).to_have_text("Characters: 23 of 200")
    expect(page.locator("#id_alt_text_charcount")).to_have_text("Characters: 0")
    # The quote card-less call-to-action card does not draw a statistic: the counter says so.
    expect(page.locator("#id_statistic_charcount")).to_contain_text("does not draw it")
    assert "id_body_charcount" in (body.get_attribute("aria-describedby") or "")

    preview = page.locator("#message-live-preview")
    expect(preview.locator("img")).to_have_attribute("src", re.compile(r"^blob:"))
    expect(preview).not_to_have_attribute("aria-busy", "true")
    # Everything the live regions say from here on (the counters' and the preview's).
    page.evaluate(
        """() => {
            window.spoken = [];
            for (const region of document.querySelectorAll("[aria-live]")) {
                new MutationObserver(() => window.spoken.push(region.textContent)).observe(
                    region, {childList: true, characterData: true, subtree: true});
            }
        }"""
    )
    with page.expect_response(re.compile(r"/admin/campaigns/message/preview/")):
        body.press_sequentially("Les promesses étaient vides.")
    expect(counter).to_have_text(f"Characters: 28 of {BODY_LIMIT}")
    expect(preview).not_to_have_attribute("aria-busy", "true")
    # Typing within the limit says nothing: no count, no "rendering" at each pause.
    assert page.evaluate("() => window.spoken") == []
    expect(announcer).to_have_text("")

    body.fill("x" * (BODY_LIMIT - 2))
    body.press_sequentially("abcde")
    expect(counter).to_have_text(f"Characters: {BODY_LIMIT + 3} of {BODY_LIMIT}, 3 too many")
    expect(counter).to_have_class("help cms-char-count cms-char-count--over")
    expect(body).to_have_attribute("aria-invalid", "true")
    # Said once, as the limit is crossed, not again at each key past it.
    expect(announcer).to_have_text("Body: over the limit by 1")
    colour = counter.evaluate("el => getComputedStyle(el).color")
    assert colour != page.locator("#id_headline_charcount").evaluate(
        "el => getComputedStyle(el).color"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-char-count-over.png"), full_page=True)

    # The server is the authority: saving says what to shorten, and keeps the old text.
    page.locator("input[name=_continue]").click()
    expect(page.locator(".errorlist")).to_contain_text(
        f"This text is {BODY_LIMIT + 3} characters long; the card takes at most {BODY_LIMIT}."
    )
    message.refresh_from_db()
    assert message.body == ""

    body = page.locator("#id_body")
    body.press("End")
    for _ in range(3):
        body.press("Backspace")
    expect(page.locator("#id_body_charcount")).to_have_text(
        f"Characters: {BODY_LIMIT} of {BODY_LIMIT}"
    )
    expect(body).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#message-char-counts [role=status]")).to_have_text(
        "Body: within the limit again"
    )


def test_the_counters_read_right_to_left_in_the_arabic_admin(new_page):
    editor = UserFactory(
        username="t_editor_ar", role=EDITOR, is_staff=True, interface_language="ar"
    )
    message = _message(editor)
    page = new_page()
    log_in(page, "t_editor_ar")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    body = page.locator("#id_body")
    body.fill("كانت الوعود فارغة")
    counter = page.locator("#id_body_charcount")
    expect(counter).to_have_text(f"عدد الأحرف: 17 من {BODY_LIMIT}")
    # Aligned with its field from the right, as the admin aligns help text in Arabic.
    field, count = body.bounding_box(), counter.bounding_box()
    assert field is not None and count is not None
    assert abs((field["x"] + field["width"]) - (count["x"] + count["width"])) < 20, (field, count)
    page.screenshot(path=str(ARTIFACTS / "admin-char-count-ar.png"), full_page=True)


def test_the_limit_follows_the_excerpts_a_quote_card_draws(new_page):
    """On a quote card the body is drawn as the quote only without an excerpt: removing the
    excerpt in the form raises its limit from the body's to the quote's, as the server does."""
    editor = UserFactory(username="t_editor_q", role=EDITOR, is_staff=True)
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(layout="quote_card", formats=["square"]),
        body="",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    page = new_page()
    log_in(page, "t_editor_q")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    counter = page.locator("#id_body_charcount")
    expect(counter).to_have_text(
        f"Characters: 0 of {BODY_LIMIT} (the chosen template does not draw it)"
    )
    page.locator("[name='excerpt_links-0-DELETE']").check()
    expect(counter).to_have_text(f"Characters: 0 of {MAX_LENGTHS['quote']}")


def test_choosing_another_template_shows_its_limits(new_page):
    editor = UserFactory(username="t_editor_t", role=EDITOR, is_staff=True)
    message = _message(editor)  # a call-to-action card, no excerpt
    VisualTemplateFactory(name="Quote template", layout="quote_card", formats=["square"])
    page = new_page()
    log_in(page, "t_editor_t")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    page.locator("#id_body").fill("x" * (BODY_LIMIT + 10))
    counter = page.locator("#id_body_charcount")
    expect(counter).to_contain_text("10 too many")
    # The template picker is an autocomplete (select2): open it, search, pick.
    page.locator(".field-template .select2-selection").click()
    page.locator(".select2-search__field").fill("Quote")
    page.get_by_role("option", name="Quote template").click()
    # A quote card without an excerpt draws the body as its quote, which may be longer.
    expect(counter).to_have_text(f"Characters: {BODY_LIMIT + 10} of {MAX_LENGTHS['quote']}")
    expect(page.locator("#id_body")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#message-char-counts [role=status]")).to_have_text(
        "Body: within the limit again"
    )


def test_a_carousel_or_photo_card_without_an_excerpt_is_said_to_need_one(new_page):
    """Both draw nothing without a quote: the form says so while no excerpt is kept, the
    counters give each layout's own limits (a carousel's cover draws the body, a photo card
    does not), and the server refuses submission the same way."""
    editor = UserFactory(username="t_editor_c", role=EDITOR, is_staff=True)
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(layout="carousel", formats=["square"]),
        headline="They promised a salary.",
        body="",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    photo_template = VisualTemplateFactory(
        name="Photo template", layout="photo_card", formats=["square"]
    )
    photo_template.background_photo.save("photo.png", ContentFile(photo()), save=True)
    page = new_page()
    log_in(page, "t_editor_c")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    notice = page.locator("#message-char-counts .cms-needs-quotes")
    counter = page.locator("#id_body_charcount")
    expect(counter).to_have_text(f"Characters: 0 of {BODY_LIMIT}")  # on the cover
    expect(page.locator("#id_statistic_charcount")).to_contain_text("does not draw it")
    expect(notice).to_be_hidden()

    page.locator("[name='excerpt_links-0-DELETE']").check()
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "The chosen template draws nothing without a quote: add at least one excerpt, or "
        "choose another template."
    )
    expect(page.locator("#message-char-counts [role=status]")).to_have_text(notice.inner_text())

    page.locator(".field-template .select2-selection").click()
    page.locator(".select2-search__field").fill("Photo")
    page.get_by_role("option", name="Photo template").click()
    expect(counter).to_have_text(
        f"Characters: 0 of {BODY_LIMIT} (the chosen template does not draw it)"
    )
    expect(page.locator("#id_headline_charcount")).to_have_text("Characters: 23 of 200")
    expect(notice).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "admin-needs-quotes.png"), full_page=True)

    page.locator("[name='excerpt_links-0-DELETE']").uncheck()
    expect(notice).to_be_hidden()
