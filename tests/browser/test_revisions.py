"""An analyst edits a narrative, compares two revisions and reverts, in a real Chromium, with
the interface in English, French and Arabic. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.i18n import set_interface_language
from narratives.models import Narrative
from tests.browser.test_review_flow import analysts, page, screenshot  # noqa: F401
from tests.factories import PASSWORD, NarrativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(tab: Page, username: str) -> None:
    tab.goto("/review/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).to_have_url(re.compile(r"/review/$"))


# The interface's words, as locale/*/LC_MESSAGES/django.po has them.
WORDS = {
    "en": {
        "edit": "Edit title and text",
        "text": "Text",
        "save": "Save",
        "saved": "Saved your changes.",
        "revisions_link": "Revisions and compare",
        "revisions": "Revisions",
        "earlier": "Earlier version",
        "compare_with": "Compare with revision 1",
        "compare": "Compare revisions",
        "no_identifier": "No possible identifier found.",
        "revert": "Revert to revision 1",
        "reverted_notice": "Reverted the narrative to revision 1",
        "reverted": "Reverted",
    },
    "fr": {
        "edit": "Modifier le titre et le texte",
        "text": "Texte",
        "save": "Enregistrer",
        "saved": "Vos modifications sont enregistrées.",
        "revisions_link": "Révisions et comparaison",
        "revisions": "Révisions",
        "earlier": "Version antérieure",
        "compare_with": "Comparer avec la révision 1",
        "compare": "Comparer des révisions",
        "no_identifier": "Aucun identifiant possible trouvé.",
        "revert": "Revenir à la révision 1",
        "reverted_notice": "Le récit est revenu à la révision 1",
        "reverted": "Rétablie",
    },
    "ar": {
        "edit": "تعديل العنوان والنص",
        "text": "النص",
        "save": "حفظ",
        "saved": "حُفظت تعديلاتك.",
        "revisions_link": "المراجعات والمقارنة",
        "revisions": "المراجعات",
        "earlier": "نسخة سابقة",
        "compare_with": "قارن بالمراجعة 1",
        "compare": "مقارنة المراجعات",
        "no_identifier": "لم يُعثر على أي معرّف محتمل.",
        "revert": "الرجوع إلى المراجعة 1",
        "reverted_notice": "أُعيد السرد إلى المراجعة 1",
        "reverted": "مُسترجَعة",
    },
}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_an_analyst_edits_compares_and_reverts(page, analysts, language):  # noqa: F811
    analyst, author = analysts
    words = WORDS[language]
    narrative = NarrativeFactory(
        author=author,
        language="fr",
        title="Les promesses vides",
        text="Je suis parti au printemps, seul, sans rien dire.",
    )
    set_interface_language(user=analyst, language=language)
    log_in(page, analyst.username)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    page.goto(f"/review/narratives/{narrative.public_id}/")
    page.get_by_role("link", name=words["edit"]).click()
    page.get_by_label(words["text"], exact=True).fill(
        "Je suis parti en hiver, seul, sans rien dire."
    )
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()

    page.get_by_role("link", name=words["revisions_link"]).click()
    expect(page.get_by_role("heading", name=words["revisions"], exact=True)).to_be_visible()
    narrative_panel = page.locator("#rev-narrative")
    expect(narrative_panel.get_by_text(words["earlier"])).to_be_visible()
    expect(narrative_panel.get_by_role("cell", name=analyst.username)).to_be_visible()
    screenshot(page, f"revisions-list-{language}")

    narrative_panel.get_by_role("link", name=words["compare_with"]).click()
    expect(page.get_by_role("heading", name=words["compare"])).to_be_visible()
    table = page.locator("table.revision-compare")
    expect(table.locator("del", has_text="printemps")).to_be_visible()
    expect(table.locator("ins", has_text="hiver")).to_be_visible()
    expect(table.get_by_text(words["no_identifier"]).first).to_be_visible()
    screenshot(page, f"revisions-compare-{language}")

    page.get_by_role("button", name=words["revert"]).click()
    expect(page.get_by_text(words["reverted_notice"])).to_be_visible()
    reverted = re.compile("^" + re.escape(words["reverted"]))
    expect(narrative_panel.get_by_role("cell", name=reverted)).to_be_visible()
    screenshot(page, f"revisions-reverted-{language}")
    narrative = Narrative.objects.get(pk=narrative.pk)
    assert narrative.text == "Je suis parti au printemps, seul, sans rien dire."
