"""The evidence dashboard fits its page at 1280 px and on a 390 px phone, and every chart
label is drawn whole: inside its chart, clear of the bars, and large enough to read.

Chromium comes from `make test`; screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import pytest

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
    UserFactory(username="t_analyst", role=ANALYST)
    seed_known_population()

    def open_at(width: int, height: int):
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
        return context, page

    return open_at


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_dashboard_fits_and_every_chart_label_shows(analyst_page, width, height):
    context, page = analyst_page(width, height)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{width}px.png"), full_page=True)
        assert page.evaluate(MEASURE) == []
    finally:
        context.close()
