"""The interface in Arabic and French in a real Chromium: an analyst switches language in
the header; Arabic pages run right to left without overflowing. Screenshots go to
``test-artifacts/``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_review_flow import analysts, log_in, page, screenshot  # noqa: F401
from tests.factories import NarrativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(tab: Page, language: str) -> None:
    tab.locator("#interface-language").select_option(language)
    tab.locator(".language-switcher button").click()
    expect(tab.locator("html")).to_have_attribute("lang", language)


def fits_its_width(tab: Page) -> bool:
    return tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_analyst_reads_the_review_ui_in_arabic_then_french(page, analysts):  # noqa: F811
    narrative = NarrativeFactory(author=analysts[0], title="The empty promises")
    log_in(page, "t_analyst")

    switch_to(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="قائمة المراجعة")).to_be_visible()
    # Right to left: the site's name starts the header on the right, the account block ends it.
    name = page.locator(".site-name").bounding_box()
    account = page.locator(".account").bounding_box()
    assert name is not None and account is not None
    assert name["x"] > account["x"]
    assert fits_its_width(page)
    screenshot(page, "i18n-queue-ar")

    page.get_by_role("link", name="The empty promises").click()
    expect(page.get_by_role("heading", name="النص المُجهَّل")).to_be_visible()
    expect(page.get_by_role("button", name="إرسال للمراجعة")).to_be_visible()
    # The narrative keeps its own direction inside the Arabic page.
    expect(page.locator("h1")).to_have_attribute("dir", "auto")
    assert fits_its_width(page)
    screenshot(page, "i18n-narrative-ar")

    switch_to(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page).to_have_url(re.compile(f"/{narrative.public_id}/$"))  # back where it was
    expect(page.get_by_role("heading", name="Texte anonymisé")).to_be_visible()
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_text("Soumis à la relecture.")).to_be_visible()
    screenshot(page, "i18n-narrative-fr")


def test_dashboard_in_arabic_fits_and_keeps_its_charts_readable(page, analysts):  # noqa: F811
    for _ in range(6):
        NarrativeFactory(approved=True)
    log_in(page, "t_analyst")
    switch_to(page, "ar")
    page.goto("/review/dashboard/")
    expect(page.get_by_role("heading", name="لوحة الأدلة")).to_be_visible()
    assert fits_its_width(page)
    # Every chart label stays inside its chart, right to left or not.
    outside = page.evaluate(
        """() => Array.from(document.querySelectorAll("figure svg")).flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return Array.from(svg.querySelectorAll("text")).filter(t => {
                const r = t.getBoundingClientRect();
                return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
            }).map(t => t.textContent);
        })"""
    )
    assert outside == []
    screenshot(page, "i18n-dashboard-ar")
