"""In a real Chromium, under the site's CSP: a carousel's every slide as a small thumbnail
with its own alt text in the message's admin page, the live preview's slide chooser, and a
photo template's page with its photo and the warning that no face may appear."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from campaigns import inputs, services
from campaigns.models import MessageExcerpt, VisualTemplate
from core.roles import EDITOR
from tests.browser.test_translations_and_thumbnails import log_in, new_page  # noqa: F401
from tests.campaigns.visual.cases import photo
from tests.conftest import ARTIFACTS
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    UserFactory,
    VisualTemplateFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_slide_of_a_carousel_is_a_thumbnail_with_its_alt_text(new_page):  # noqa: F811
    cache.clear()
    editor = UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(layout="carousel", formats=["square", "story"]),
        headline="Three people who left.",
        alt_text="A carousel: three people who left.",
    )
    for position in range(3):
        MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory(), position=position)
    services.queue_renditions(message=message)
    for rendition in message.renditions.filter(status="pending"):
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)

    page = new_page()
    log_in(page, "/admin/login/", "t_editor")
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    thumbs = page.locator("img.rendition-thumb")
    expect(thumbs).to_have_count(10)
    for i in range(10):
        thumb = thumbs.nth(i)
        thumb.scroll_into_view_if_needed()
        thumb.evaluate("img => img.decode()")
        box = thumb.bounding_box()
        assert box is not None and box["width"] <= 162 and box["height"] <= 162, box
    expect(page.get_by_role("img", name="3/5: ", exact=False)).to_have_count(2)  # both formats
    expect(page.get_by_role("img", name="1/5: A carousel: three people who left.")).to_have_count(2)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 6000, height

    # The live preview draws the slide asked for.
    preview = page.locator("#message-live-preview img")
    expect(preview).to_be_visible()
    first = preview.get_attribute("src")
    page.locator("#message-live-preview input[data-slide]").fill("3")
    expect(preview).not_to_have_attribute("src", first or "")
    page.screenshot(path=str(ARTIFACTS / "admin-carousel.png"), full_page=True)


def test_a_photo_templates_page_shows_its_photo_and_the_no_faces_warning(new_page):  # noqa: F811
    UserFactory(username="t_root", is_staff=True, is_superuser=True)
    template = VisualTemplateFactory(name="Photo", formats=["square"])
    template.layout = VisualTemplate.Layout.PHOTO_CARD
    inputs.save_visual_template(
        template=template, background_photo_upload=SimpleUploadedFile("p.png", photo())
    )
    page = new_page()
    log_in(page, "/admin/login/", "t_root")
    page.goto(f"/admin/campaigns/visualtemplate/{template.pk}/change/")
    expect(page.get_by_text("No faces must appear")).to_be_visible()
    image = page.get_by_role("img", name="Background photo of the template")
    image.evaluate("img => img.decode()")
    box = image.bounding_box()
    assert box is not None and box["width"] <= 242 and box["height"] <= 162, box
