"""An analyst working in French edits a narrative, compares two revisions and reverts, in a
real Chromium. Screenshots go to ``test-artifacts/``."""

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


def test_an_analyst_edits_compares_and_reverts_in_french(page, analysts):  # noqa: F811
    analyst, author = analysts
    narrative = NarrativeFactory(
        author=author,
        language="fr",
        title="Les promesses vides",
        text="Je suis parti au printemps, seul, sans rien dire.",
    )
    set_interface_language(user=analyst, language="fr")
    log_in(page, analyst.username)
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.goto(f"/review/narratives/{narrative.public_id}/")
    page.get_by_role("link", name="Modifier le titre et le texte").click()
    page.get_by_label("Texte").fill("Je suis parti en hiver, seul, sans rien dire.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Vos modifications sont enregistrées.")).to_be_visible()

    page.get_by_role("link", name="Révisions et comparaison").click()
    expect(page.get_by_role("heading", name="Révisions", exact=True)).to_be_visible()
    narrative_panel = page.locator("#rev-narrative")
    expect(narrative_panel.get_by_text("Version antérieure")).to_be_visible()
    expect(narrative_panel.get_by_role("cell", name=analyst.username)).to_be_visible()
    screenshot(page, "revisions-list-fr")

    narrative_panel.get_by_role("link", name="Comparer avec la révision 1").click()
    expect(page.get_by_role("heading", name="Comparer des révisions")).to_be_visible()
    table = page.locator("table.revision-compare")
    expect(table.locator("del", has_text="printemps")).to_be_visible()
    expect(table.locator("ins", has_text="hiver")).to_be_visible()
    expect(table.get_by_text("Aucun identifiant possible trouvé.").first).to_be_visible()
    screenshot(page, "revisions-compare-fr")

    page.get_by_role("button", name="Revenir à la révision 1").click()
    expect(page.get_by_text("Le récit est revenu à la révision 1")).to_be_visible()
    expect(narrative_panel.get_by_text("Rétablie")).to_be_visible()
    screenshot(page, "revisions-reverted-fr")
    narrative = Narrative.objects.get(pk=narrative.pk)
    assert narrative.text == "Je suis parti au printemps, seul, sans rien dire."
