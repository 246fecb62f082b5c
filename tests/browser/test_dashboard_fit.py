"""The evidence dashboard fits its page at 1280 px and on a 390 px phone, and every chart
label is drawn whole: inside its chart, clear of the bars, and large enough to read; with the
interface in English, French and Arabic (right to left, with its longer labels).

Chromium comes from `make test`; screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.i18n import set_interface_language
from core.roles import ANALYST
from tests.conftest import ARTIFACTS
from tests.evidence.dashboard_data import seed_known_population
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every problem the page shows, measured in the browser's own layout.
MEASURE = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    problems.push(`the page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  const charts = document.querySelectorAll('svg.chart');
  if (!charts.length) problems.push('no charts');
  for (const svg of charts) {
    const vb = svg.viewBox.baseVal;
    const box = svg.getBoundingClientRect();
    const figure = svg.closest('figure').getBoundingClientRect();
    if (box.right > figure.right + 1 || box.left < figure.left - 1) {
      problems.push(`${svg.id} is wider than its figure`);
    }
    const scale = box.width / vb.width;
    const plotX = parseFloat(svg.dataset.plotX);
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox();
      const what = `${svg.id}: “${text.textContent}”`;
      if (b.x < -0.5 || b.x + b.width > vb.width + 0.5 || b.y < -0.5 || b.y + b.height > vb.height + 0.5) {
        problems.push(`${what} is cut off by the chart's edge`);
      }
      if (text.classList.contains('label') && b.x + b.width > plotX) {
        problems.push(`${what} runs into the bars`);
      }
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 9) problems.push(`${what} is drawn at ${size.toFixed(1)}px`);
    }
  }
  return problems;
}"""


@pytest.fixture
def analyst_page(browser, live_server, reasons, settings):
    settings.DISCLOSURE_K = 5
    analyst = UserFactory(username="t_analyst", role=ANALYST)
    seed_known_population()

    def open_at(width: int, height: int, language: str):
        set_interface_language(user=analyst, language=language)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto("/accounts/login/?next=/review/dashboard/")
        page.get_by_label("Username").fill("t_analyst")
        from tests.factories import PASSWORD

        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/review/dashboard/")
        assert page.locator("html").get_attribute("lang") == language
        return context, page

    return open_at


# The dashboard's heading, as locale/*/LC_MESSAGES/django.po words it.
HEADING = {"en": "Evidence dashboard", "fr": "Tableau de bord des preuves", "ar": "لوحة الأدلة"}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_dashboard_fits_and_every_chart_label_shows(analyst_page, width, height, language):
    context, page = analyst_page(width, height, language)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        expect(page.get_by_role("heading", name=HEADING[language], level=1)).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{width}px-{language}.png"), full_page=True)
        assert page.evaluate(MEASURE) == []
    finally:
        context.close()
