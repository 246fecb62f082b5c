"""The admin's live preview names what the chosen template leaves off the card, in a real
Chromium (message_preview.js reads the X-Template-Warnings header)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import MessageExcerpt
from tests.factories import (
    PASSWORD,
    ExcerptFactory,
    MessageFactory,
    UserFactory,
    VisualTemplateFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_live_preview_says_which_fields_the_template_does_not_show(browser, live_server):
    UserFactory(username="t_preview_root", is_staff=True, is_superuser=True)
    template = VisualTemplateFactory(layout="statistic_card")
    message = MessageFactory(template=template, statistic="7 in 10", headline="returnees left")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/admin/login/?next=/admin/")
        page.get_by_label("Username").fill("t_preview_root")
        page.get_by_label("Password").fill(PASSWORD)
        page.locator("[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        page.goto(f"/admin/campaigns/message/{message.pk}/change/")
        # The form's own warning, and the preview's after an edit.
        expect(page.locator(".messagelist")).to_contain_text("does not show the quotes")
        page.locator("#id_statistic").fill("8 in 10")
        status = page.locator("#message-live-preview [role=status]")
        expect(status).to_contain_text("does not show the quotes")
        expect(page.locator("#message-live-preview img")).to_have_attribute(
            "src", re.compile(r"^blob:")
        )
    finally:
        context.close()
