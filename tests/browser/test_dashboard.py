"""An analyst reads the evidence dashboard in a real Chromium and sees the seeded figures.

Chromium comes from `make test` (scripts/provision_browser.py); the test fails, not skips,
without it. The screenshot goes to ``test-artifacts/dashboard.png`` at the repository's root.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.roles import ANALYST
from tests.conftest import ARTIFACTS
from tests.evidence.dashboard_data import seed_known_population
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def population(reasons, settings):
    settings.DISCLOSURE_K = 5
    UserFactory(username="t_analyst", role=ANALYST)
    return seed_known_population()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def cell(page: Page, table: str, row: str, column: int = 0):
    return page.locator(f'#table-{table} tr[data-key="{row}"] td').nth(column)


def test_analyst_reads_the_seeded_figures(page, population):
    page.goto("/review/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/review/dashboard/$"))
    page.get_by_label("Username").fill("t_analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/review/dashboard/$"))
    expect(page.get_by_role("heading", name="Evidence dashboard", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")

    expect(page.locator("#total-approved")).to_have_text("18")

    # Visible cells, and suppressed ones marked for sight and for screen readers.
    expect(cell(page, "gender", "male")).to_have_text("12")
    female = cell(page, "gender", "female")
    expect(female).to_contain_text("[c]")
    expect(female.locator(".visually-hidden")).to_have_text("suppressed")
    expect(female).not_to_contain_text("2")
    expect(cell(page, "reasons", "brutality")).to_have_text("12")
    expect(cell(page, "reasons", "corruption")).to_contain_text("[c]")
    expect(cell(page, "region_quarter", "northern_africa", 0)).to_contain_text("[c]")
    expect(cell(page, "region_quarter", "total", 3)).to_have_text("18")
    expect(page.locator("#table-region_quarter caption")).to_have_text(
        "Approved narratives by region of origin and quarter the person left"
    )

    # Charts: images with a name, values as text.
    gender_chart = page.get_by_role("img", name="Approved narratives by gender")
    expect(gender_chart).to_be_visible()
    expect(gender_chart.locator("text.value")).to_have_text(["12", "[c]", "[c]"])

    # Coverage: the gaps, pointing at the excerpts waiting in the admin.
    gaps = page.locator("#table-gaps")
    expect(gaps.locator('tr[data-key="qol_promises"] a').first).to_have_attribute(
        "href",
        re.compile(r"^/admin/narratives/excerpt/\?reasons__id__exact=\d+&status__exact=approved$"),
    )
    expect(page.locator("#no-metrics")).to_have_text("No partner metrics yet.")
    expect(page.locator("script")).to_have_count(0)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    # A filter, then a bad one: a clear message, no figures.
    page.get_by_label("Language", exact=True).select_option("fr")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#total-approved")).to_have_text("12")
    page.get_by_label("Period from").fill("2014-Q5")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("alert")).to_contain_text("“2014-Q5” is neither a quarter nor a date")
    expect(page.locator("#total-approved")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "dashboard-bad-filter.png"), full_page=True)
