"""Under the enforced Content-Security-Policy, the pages still work in a real Chromium.

Chromium reports every blocked script, style, image or connection as a console error that
names the policy; the test fails on any of them, and checks each page's script did its job.
"""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from core import enrolment
from core.roles import ANALYST
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, MessageFactory, NarrativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Operations the partner API documents (tests/api/test_schema.py counts the same).
OPERATIONS = 18


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations: list[str] = []
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not violations, f"CSP violations: {violations}"
    assert not errors, f"JavaScript errors: {errors}"


def _log_in(page, path: str, username: str) -> None:
    page.goto(path)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")  # the login form's, not the language switcher's


def test_review_ui_scripts_run_under_the_policy(page):
    analyst = UserFactory(username="t_csp_analyst", role=ANALYST)
    narrative = NarrativeFactory(
        author=UserFactory(username="t_other"),
        status="in_review",
        text="I left because the promises were empty and the leaders were corrupt.",
    )
    _log_in(page, "/accounts/login/?next=/review/", analyst.username)
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.goto(f"/review/narratives/{narrative.public_id}/")
    expect(page.locator("#narrative-text")).to_be_visible()
    # review.js runs: selecting text fills in the excerpt form and says so.
    page.evaluate(
        """() => {
            const node = document.querySelector("#narrative-text span").firstChild;
            const range = document.createRange();
            range.setStart(node, 2);
            range.setEnd(node, 20);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )
    expect(page.locator("#selection-feedback")).not_to_have_text("No text selected yet.")
    expect(page.locator("#excerpt-start")).to_have_value("2")


def test_admin_and_its_live_preview_work_under_the_policy(page):
    UserFactory(username="t_csp_root", is_staff=True, is_superuser=True)
    message = MessageFactory(headline="The promises were empty.")
    _log_in(page, "/admin/login/?next=/admin/", "t_csp_root")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/campaigns/message/{message.pk}/change/")
    expect(page.locator("#message-live-preview")).to_be_visible()
    page.locator("#id_headline").fill("The promises were empty, all of them.")
    # message_preview.js fetched the preview and showed it as a blob: image.
    expect(page.locator("#message-live-preview img")).to_have_attribute(
        "src", re.compile(r"^blob:")
    )


def test_swagger_ui_at_api_docs_renders_the_operations_under_the_policy(page):
    # The real URLconf (config.urls): /api/docs/ as partners are sent to it.
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Counter-messaging content API"
    )
    # Swagger UI fetched the schema and drew its operations, not just the page frame.
    operation = page.locator("#operations-messages-messages_list")
    expect(operation).to_be_visible()
    expect(operation.locator(".opblock-summary-path")).to_contain_text("/api/v1/messages/")
    expect(page.locator(".opblock")).to_have_count(OPERATIONS)
    operation.locator(".opblock-summary").click()
    expect(operation.locator(".opblock-body")).to_be_visible()


def test_two_factor_enrolment_in_a_browser(page, settings):
    settings.REQUIRE_2FA = True
    user = UserFactory(username="t_csp_editor", role="Editor", is_staff=True)
    _log_in(page, "/admin/login/?next=/admin/", "t_csp_editor")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/\?next=%2Fadmin%2F$"))
    # The password alone does not enrol: open the one-time link an administrator issued.
    expect(page.get_by_text("one-time enrolment link")).to_be_visible()
    page.goto(f"{enrolment.issue(issuer=None, user=user)}?next=/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/\?next=%2Fadmin%2F$"))
    expect(page.locator("svg.segno")).to_be_visible()
    expect(page.locator(".otp-secret")).to_have_text(re.compile(r"^[A-Z2-7 ]{20,}$"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "otp-setup.png"), full_page=True)
    device = TOTPDevice.objects.get(user__username="t_csp_editor")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Six-digit code").fill(f"{code:06d}")
    page.get_by_role("button", name="Confirm").click()
    # The recovery codes are shown once, then the way on.
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#site-name")).to_be_visible()
