"""In a real Chromium: an editor plans an experiment in the admin with two variants and submits
it; an analyst (another person) approves it on the review pages; the editor starts it in the
admin; the analyst follows it from the publishing calendar to its review page and reads it
running, with its plan and history; and once a partner has reported counts, reads its report.
Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from campaigns.experiments.models import Experiment
from campaigns.experiments.services import record_experiment_counts
from core.roles import ANALYST, EDITOR
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, CampaignFactory, MessageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Does the carousel bring more help-line clicks than the single card?"


def new_page(browser, live_server) -> tuple[BrowserContext, Page, list[str]]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 1000}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def admin_log_in(page: Page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def review_log_in(page: Page, username: str) -> None:
    page.goto("/review/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def take_step(page: Page, label: str, status: str) -> None:
    """On the experiment's change page: open the step's page and take it."""
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"The experiment is now {status}.")


@pytest.mark.timeout(300)
def test_an_editor_plans_and_starts_an_experiment_an_analyst_approves_and_reads_it(
    browser, live_server, reasons
):
    UserFactory(username="t_editor", role=EDITOR, is_staff=True)
    UserFactory(username="t_analyst", role=ANALYST)
    campaign = CampaignFactory(name="Browser campaign")
    control = MessageFactory(campaign=campaign, status="approved", headline="One quote")
    carousel = MessageFactory(campaign=campaign, status="approved", headline="Three voices")
    MessageFactory(campaign=campaign, status="draft", headline="Not approved yet")

    editor_context, editor, editor_errors = new_page(browser, live_server)
    analyst_context, analyst, analyst_errors = new_page(browser, live_server)
    try:
        # The editor plans it in the admin: the campaign, the question, the numbers, and two
        # variants (only approved messages are offered).
        admin_log_in(editor, "t_editor")
        editor.goto("/admin/campaigns/experiment/add/")
        editor.locator(".field-campaign .select2-selection").click()
        editor.locator(".select2-search__field").fill("Browser")
        editor.locator(".select2-results__option", has_text="Browser campaign").click()
        editor.locator("#id_question").fill(QUESTION)
        editor.locator("#id_hypothesis").fill("Three voices are harder to dismiss than one.")
        editor.locator("#id_primary_outcome").select_option("cta_clicks")
        editor.locator("#id_baseline_rate").fill("0.02")
        editor.locator("#id_min_effect").fill("0.3")
        add_row = editor.locator("#variants-group .add-row a")
        add_row.click()
        add_row.click()
        first = editor.locator("#id_variants-0-message")
        expect(first.locator("option", has_text="Not approved yet")).to_have_count(0)
        first.select_option(str(control.pk))
        editor.locator("#id_variants-1-message").select_option(str(carousel.pk))
        editor.locator("input[name=_continue]").click()
        expect(editor.locator(".messagelist")).to_be_visible()
        experiment = Experiment.objects.get()
        assert experiment.status == "draft" and experiment.planned_units
        assert list(experiment.variants.values_list("message", flat=True)) == [
            control.pk,
            carousel.pk,
        ]
        take_step(editor, "Submit for approval", "in review")
        screenshot(editor, "experiment-submitted")

        # The analyst finds it among the experiments to review and approves it.
        review_log_in(analyst, "t_analyst")
        analyst.goto("/review/messages/experiments/")
        analyst.get_by_role("link", name=experiment.public_id).click()
        expect(analyst.get_by_role("heading", name=QUESTION, level=1)).to_be_visible()
        analyst.get_by_role("button", name="Approve", exact=True).click()
        expect(
            analyst.get_by_text("Approved. The editor can now start the experiment.")
        ).to_be_visible()
        experiment.refresh_from_db()
        assert experiment.status == "approved"
        assert experiment.approved_by.username == "t_analyst"

        # The editor starts it: the plan is pre-registered and read-only.
        editor.reload()
        take_step(editor, "Start the experiment", "running")
        expect(editor.locator("#id_question")).to_have_count(0)
        screenshot(editor, "experiment-started")

        # The analyst sees it running on today's calendar, named by its id only, and follows
        # it to its review page: running, with its plan, variants and history.
        analyst.goto("/review/messages/calendar/?span=day")
        row = analyst.locator(f'tr[data-experiment="{experiment.public_id}"]')
        expect(row).to_contain_text("Experiment starts")
        expect(row).to_contain_text(campaign.public_id)
        expect(analyst.get_by_text(QUESTION)).to_have_count(0)
        screenshot(analyst, "experiment-calendar")
        row.get_by_role("link", name=experiment.public_id).click()
        expect(analyst).to_have_url(
            re.compile(rf"/review/messages/experiments/{experiment.public_id}/$")
        )
        expect(analyst.locator(".status--running").first).to_have_text("Running")
        plan = analyst.locator("#plan-heading + dl")
        expect(plan).to_contain_text("Call-to-action clicks")
        expect(plan).to_contain_text(str(experiment.planned_units))
        expect(plan).to_contain_text("Three voices are harder to dismiss than one.")
        variants = analyst.locator("table.queue tbody tr")
        expect(variants).to_have_count(2)
        expect(variants.first).to_contain_text(control.public_id)
        expect(variants.last).to_contain_text(carousel.public_id)
        history = analyst.locator("#history")
        expect(history).to_contain_text("Approved the plan by t_analyst")
        expect(history).to_contain_text("Started by t_editor")
        expect(analyst.get_by_role("button", name="Approve")).to_have_count(0)
        screenshot(analyst, "experiment-running")

        # A partner reports two days of counts (as POST /api/v1/experiments/{id}/metrics/
        # does); the analyst reads the report: verdict, chart, tables and the CSV link.
        experiment.refresh_from_db()
        Experiment.objects.filter(pk=experiment.pk).update(
            started_at=timezone.now() - timedelta(days=3)
        )
        experiment.refresh_from_db()
        keys = [v.key for v in experiment.variants.order_by("position")]
        days = [(timezone.now() - timedelta(days=n)).date() for n in (2, 1)]
        record_experiment_counts(
            experiment=experiment,
            source="ptn_browser",
            rows=[
                {"variant": key, "day": day, "impressions": 400, "reach": 300, "cta_clicks": 12}
                for key in keys
                for day in days
            ],
        )
        analyst.get_by_role("link", name="Read the report").click()
        expect(analyst.get_by_role("heading", name=QUESTION, level=1)).to_be_visible()
        expect(analyst.locator("#verdict-heading")).to_contain_text("Verdict")
        chart = analyst.locator("svg[role=img]").first
        expect(chart).to_be_visible()
        expect(chart.locator("title")).not_to_be_empty()
        expect(analyst.locator("table caption").first).to_be_visible()
        expect(analyst.get_by_role("link", name="Download the daily counts (CSV)")).to_be_visible()
        screenshot(analyst, "experiment-report")
    finally:
        editor_context.close()
        analyst_context.close()
    assert not editor_errors, f"JavaScript errors: {editor_errors}"
    assert not analyst_errors, f"JavaScript errors: {analyst_errors}"
