"""The interface in Arabic and French in a real Chromium: an analyst switches language in
the header; Arabic pages run right to left without overflowing. Screenshots go to
``test-artifacts/``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.i18n import set_interface_language
from core.roles import CUSTODIAN, EDITOR
from narratives.crypto import blind_index
from narratives.models import SourceRecord
from tests.browser.test_review_flow import analysts, log_in, page, screenshot  # noqa: F401
from tests.factories import PASSWORD, MessageFactory, NarrativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(tab: Page, language: str) -> None:
    tab.locator("#interface-language").select_option(language)
    tab.locator(".language-switcher button").click()
    expect(tab.locator("html")).to_have_attribute("lang", language)


def fits_its_width(tab: Page) -> bool:
    return tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_analyst_reads_the_review_ui_in_arabic_then_french_then_english(page, analysts):  # noqa: F811
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

    switch_to(page, "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page).to_have_url(re.compile(f"/{narrative.public_id}/$"))
    expect(page.get_by_role("heading", name="Anonymized text")).to_be_visible()
    expect(page.locator("#interface-language")).to_have_value("en")


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


def admin_log_in(tab: Page, username: str) -> None:
    """Through the admin's own login form, whatever language it is in."""
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("#login-form [type=submit]").click()
    expect(tab.locator("#site-name")).to_be_visible()


def test_editor_works_in_the_admin_in_arabic_right_to_left(browser, live_server):
    editor = UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    set_interface_language(user=editor, language="ar")  # the account's choice, not the browser's
    message = MessageFactory(author=editor, headline="They promised a salary.")
    tab = browser.new_page(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    admin_log_in(tab, "t_editor")
    expect(tab.locator("html")).to_have_attribute("dir", "rtl")
    expect(tab.get_by_role("link", name="نظام محتوى الرسائل المضادة")).to_be_visible()
    assert fits_its_width(tab)
    screenshot(tab, "i18n-admin-index-ar")

    tab.goto(f"/admin/campaigns/message/{message.pk}/change/")
    expect(tab.locator("html")).to_have_attribute("lang", "ar")
    expect(tab.locator("label[for=id_headline]")).to_contain_text("العنوان الرئيسي")
    expect(tab.get_by_text("يصف الصورة لقارئات الشاشة.")).to_be_visible()
    # The form's labels sit right of their fields, as Django's RTL stylesheet lays them out.
    label = tab.locator("label[for=id_headline]").bounding_box()
    field = tab.locator("#id_headline").bounding_box()
    assert label is not None and field is not None
    assert label["x"] > field["x"]
    # The renditions inline and the sidebar speak Arabic too.
    renditions = tab.locator(".inline-group", has=tab.get_by_role("heading", name="النسخ المصوّرة"))
    for header in ("الصيغة", "الحالة", "العرض", "الارتفاع", "الحجم (بايت)", "تاريخ التصيير"):
        expect(renditions.get_by_role("columnheader", name=header, exact=True)).to_have_count(1)
    expect(tab.locator("#nav-sidebar").get_by_role("link", name="النسخ المصوّرة")).to_have_count(1)
    assert fits_its_width(tab)
    screenshot(tab, "i18n-admin-message-ar")

    tab.get_by_role("button", name="حفظ وإرسال للمراجعة").click()
    expect(tab.get_by_text("حالة الرسالة الآن: قيد المراجعة.")).to_be_visible()
    message.refresh_from_db()
    assert message.status == "in_review"
    tab.close()


# The custodian's intake and lookup, as locale/*/LC_MESSAGES/django.po words them; country
# names come from Babel's CLDR data (core.countries).
INTAKE_WORDS = {
    "en": {
        "locale": "en-GB",
        "title": "File a new source",
        "vault": "Vault (encrypted)",
        "female": "Female",
        "germany": "Germany",
        "file": "File source",
        "month_errors": ("Enter a month between 1990 and 2100.", "Enter a month as YYYY-MM."),
        "find_link": "Find by reference",
        "find_title": "Find a vault record by its reference",
        "reference": "External reference",
        "find": "Find",
        "not_found": "No vault record has that reference.",
    },
    "fr": {
        "locale": "fr-FR",
        "title": "Enregistrer une nouvelle source",
        "vault": "Coffre (chiffré)",
        "female": "Femme",
        "germany": "Allemagne",
        "file": "Enregistrer la source",
        "month_errors": (
            "Saisissez un mois entre 1990 et 2100.",
            "Saisissez un mois au format AAAA-MM.",
        ),
        "find_link": "Rechercher par référence",
        "find_title": "Rechercher un dossier du coffre par sa référence",
        "reference": "Référence externe",
        "find": "Rechercher",
        "not_found": "Aucun dossier du coffre n'a cette référence.",
    },
    "ar": {
        "locale": "ar",
        "title": "تسجيل مصدر جديد",
        "vault": "الخزنة (مشفّرة)",
        "female": "أنثى",
        "germany": "ألمانيا",
        "file": "تسجيل المصدر",
        "month_errors": ("أدخل شهرًا بين 1990 و2100.", "أدخل الشهر بصيغة YYYY-MM."),
        "find_link": "البحث بالمرجع",
        "find_title": "البحث عن سجل في الخزنة بمرجعه",
        "reference": "المرجع الخارجي",
        "find": "بحث",
        "not_found": "لا يوجد في الخزنة سجل بهذا المرجع.",
    },
}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_custodian_files_a_source_and_finds_one_by_reference(browser, live_server, language):
    """The browser's language (Accept-Language) picks the admin's, for a custodian who has
    not chosen one."""
    words = INTAKE_WORDS[language]
    UserFactory(username="t_custodian", role=CUSTODIAN, is_staff=True)
    filed = SourceRecord(narrative=NarrativeFactory(), external_ref="INT-FILED-7")
    filed.external_ref_index = blind_index("INT-FILED-7")
    filed.save()
    context = browser.new_context(
        base_url=live_server.url, locale=words["locale"], viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    admin_log_in(tab, "t_custodian")
    tab.goto("/admin/narratives/sourcerecord/add/")
    expect(tab.locator("html")).to_have_attribute("lang", language)
    expect(tab.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(tab.get_by_role("heading", name=words["title"])).to_be_visible()
    expect(tab.get_by_role("heading", name=words["vault"])).to_be_visible()
    # Nothing sensitive is pre-set, and the pickers speak the interface's language.
    expect(tab.locator("#id_gender")).to_have_value("")
    expect(tab.locator("#id_gender option", has_text=words["female"])).to_have_count(1)
    expect(tab.locator("#id_country option", has_text=words["germany"])).to_have_count(1)
    tab.locator("#id_external_ref").fill("INT-NEW-1")
    tab.locator("#id_left").evaluate("(input) => { input.type = 'text'; input.value = '2014-13'; }")
    tab.get_by_role("button", name=words["file"]).click()
    bad_month, bad_format = words["month_errors"]
    expect(tab.get_by_text(bad_month).or_(tab.get_by_text(bad_format))).to_be_visible()
    assert fits_its_width(tab)
    screenshot(tab, f"i18n-admin-intake-{language}")

    # Search by reference: case and spacing do not matter; an unknown one is said so.
    tab.goto("/admin/narratives/sourcerecord/")
    tab.get_by_role("link", name=words["find_link"]).click()
    expect(tab.get_by_role("heading", name=words["find_title"])).to_be_visible()
    tab.get_by_label(words["reference"]).fill("  int-filed-7 ")
    tab.get_by_role("button", name=words["find"], exact=True).click()
    expect(tab).to_have_url(re.compile(f"/admin/narratives/sourcerecord/{filed.pk}/change/$"))
    tab.goto("/admin/narratives/sourcerecord/find/")
    tab.get_by_label(words["reference"]).fill("INT-NOT-THERE")
    tab.get_by_role("button", name=words["find"], exact=True).click()
    expect(tab.get_by_role("alert")).to_contain_text(words["not_found"])
    expect(tab.get_by_label(words["reference"])).to_have_value("")
    screenshot(tab, f"i18n-admin-find-{language}")
    context.close()
