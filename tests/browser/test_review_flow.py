"""Two analysts review a narrative in a real Chromium, through the review UI.

Chromium comes from `make test` (scripts/provision_browser.py); the tests fail, not skip,
without it. Screenshots go to ``test-artifacts/`` at the repository's root.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.roles import ANALYST
from narratives.models import Narrative
from tests.conftest import ARTIFACTS
from tests.factories import PASSWORD, NarrativeFactory, SourceRecordFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "I met Karim Benali in Lunel before we crossed over.\n\n"
    "I left because the promises were empty and the leaders were corrupt."
)
ARABIC_TEXT = "😀 غادرت لأن الوعود كانت فارغة، ولم تكن هناك كهرباء."


@pytest.fixture
def analysts(reasons):
    return (
        UserFactory(username="t_analyst", role=ANALYST),
        UserFactory(username="t_analyst2", role=ANALYST),
    )


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


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Page, username: str) -> None:
    page.goto("/review/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/review/$"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def select_text(page: Page, needle: str) -> None:
    """Select ``needle`` in the narrative's text with a real DOM Range over its text nodes."""
    page.evaluate(
        """(needle) => {
            const container = document.getElementById("narrative-text");
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let text = "";
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                nodes.push([node, text.length]);
                text += node.data;
            }
            const at = text.indexOf(needle);
            if (at < 0) throw new Error("needle not in the text");
            const locate = (offset, preferNext) => {
                for (const [node, begin] of nodes) {
                    const end = begin + node.data.length;
                    if (offset < end || (!preferNext && offset === end)) {
                        return [node, offset - begin];
                    }
                }
                const [last] = nodes[nodes.length - 1];
                return [last, last.data.length];
            };
            const range = document.createRange();
            range.setStart(...locate(at, true));
            range.setEnd(...locate(at + needle.length, false));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        needle,
    )


def test_two_analysts_review_a_narrative(page, analysts):
    narrative = NarrativeFactory(title="The empty promises", text=TEXT)
    SourceRecordFactory(narrative=narrative, real_name="Karim Benali", home_town="Lunel")

    log_in(page, "t_analyst")
    screenshot(page, "01-queue")
    page.get_by_role("link", name="The empty promises").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The empty promises")
    text = page.locator("#narrative-text")
    expect(text.locator("mark")).to_have_count(2)
    screenshot(page, "02-narrative")

    # Redact the name: one click.
    page.get_by_role("button", name="Redact as [person]").click()
    expect(page.get_by_role("status").filter(has_text="Redacted the finding.")).to_be_visible()
    expect(text).to_contain_text("I met [person] in Lunel")
    expect(text.locator("mark")).to_have_count(1)

    # Tag the reasons, one of them primary.
    page.get_by_label("Promised goods never came", exact=True).check()
    page.get_by_label("Corruption and un-Islamic behaviour", exact=True).check()
    page.get_by_label("primary: Promised goods never came").check()
    page.get_by_role("button", name="Save reasons").click()
    expect(page.get_by_text("Saved the reasons for leaving.")).to_be_visible()
    expect(page.get_by_label("primary: Promised goods never came")).to_be_checked()

    # Mark an excerpt by selecting it in the page.
    narrative.refresh_from_db()
    needle = "the promises were empty"
    start = narrative.text.index(needle)
    select_text(page, needle)
    expect(page.get_by_label("From character")).to_have_value(str(start))
    expect(page.get_by_label("To character")).to_have_value(str(start + len(needle)))
    expect(page.locator("#selection-feedback")).to_contain_text(f"“{needle}”")
    page.locator("#excerpt-form").get_by_label(
        "Quality of life › Promised goods never came"
    ).check()
    screenshot(page, "03-excerpt-selected")
    page.get_by_role("button", name="Mark excerpt").click()
    expect(page.get_by_text("Marked the excerpt.")).to_be_visible()
    expect(page.locator(".excerpt blockquote")).to_have_text(needle)
    excerpt = narrative.excerpts.get()
    assert (excerpt.start, excerpt.end, excerpt.text) == (start, start + len(needle), needle)

    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))

    # The second analyst: approval is refused while the town is still an open finding.
    log_in(page, "t_analyst2")
    page.get_by_role("link", name="In review").first.click()
    page.get_by_role("link", name="The empty promises").click()
    page.get_by_role("button", name="Approve").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("1 scanner finding still open")
    expect(refusal).to_be_visible()
    screenshot(page, "04-approval-refused")
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.IN_REVIEW

    # The town is a vault value: it cannot be dismissed, only redacted.
    page.get_by_label("Why it is not identifying").fill("A town of 26,000 people.")
    page.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be dismissed")
    narrative.refresh_from_db()
    assert "Lunel" in narrative.text
    page.get_by_role("button", name="Redact as [place]").click()
    expect(page.get_by_role("status").filter(has_text="Redacted the finding.")).to_be_visible()
    expect(text).to_contain_text("I met [person] in [place]")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved the narrative.")).to_be_visible()
    history = page.locator("#history")
    expect(history).to_contain_text("t_analyst2")
    expect(history).to_contain_text("UTC")
    screenshot(page, "05-approved")
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.APPROVED
    assert narrative.approved_by.username == "t_analyst2"


def test_arabic_excerpt_offsets_are_code_points(page, analysts):
    narrative = NarrativeFactory(title="شهادة", language="ar", text=ARABIC_TEXT)
    log_in(page, "t_analyst")
    page.goto(f"/review/narratives/{narrative.public_id}/")
    text = page.locator("#narrative-text")
    expect(text).to_have_attribute("dir", "rtl")
    expect(text).to_have_attribute("lang", "ar")

    # The emoji before it is two UTF-16 units but one code point.
    needle = "الوعود كانت فارغة"
    start = ARABIC_TEXT.index(needle)
    select_text(page, needle)
    expect(page.get_by_label("From character")).to_have_value(str(start))
    expect(page.get_by_label("To character")).to_have_value(str(start + len(needle)))
    screenshot(page, "06-arabic-selection")
    page.get_by_role("button", name="Mark excerpt").click()
    expect(page.get_by_text("Marked the excerpt.")).to_be_visible()
    assert narrative.excerpts.get().text == needle


def test_keyboard_user_selects_and_marks_an_excerpt(page, analysts):
    narrative = NarrativeFactory(title="Keyboard", text="We had no power. The food ran out.")
    log_in(page, "t_analyst")
    page.goto(f"/review/narratives/{narrative.public_id}/")

    # The skip link is the first stop and takes focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()

    text = page.locator("#narrative-text")
    text.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")  # past "We had no "
    for _ in range(5):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.get_by_label("From character")).to_have_value("10")
    expect(page.get_by_label("To character")).to_have_value("15")
    expect(page.locator("#selection-feedback")).to_contain_text("“power”")

    # Pressing "Mark excerpt" without a selection explains what to do instead of posting.
    page.get_by_label("From character").fill("")
    page.get_by_role("button", name="Mark excerpt").click()
    expect(page.locator("#selection-feedback")).to_contain_text("Select part of the text first")
    expect(text).to_be_focused()

    page.get_by_label("From character").fill("10")
    page.get_by_label("To character").fill("15")
    page.get_by_role("button", name="Mark excerpt").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Marked the excerpt.")).to_be_visible()
    assert narrative.excerpts.get().text == "power"
