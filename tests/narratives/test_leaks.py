"""Nothing from the vault reaches a page an analyst, an editor or a partner can open.

Every field of every vault record holds a unique canary string. The test crawls every page
each role can reach (the review UI with every filter, every narrative page, the login page,
and the admin pages an editor can reach) and looks for any trace of a canary in the pages and
in the log records written meanwhile. A custodian's vault page is the positive control: the
canaries are real, decryptable values that do show where they are allowed.
"""

from __future__ import annotations

import html
import logging
import re
from collections import deque
from urllib.parse import urldefrag, urljoin

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import MessageExcerpt
from core.languages import CONTENT_LANGUAGES
from narratives.models import Excerpt, Narrative, NarrativeReason, Reason, SourceRecord
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
)

pytestmark = pytest.mark.django_db

MARK = "canary"  # every canary contains it; nothing else in the system does
VAULT_FIELDS = (
    "external_ref",
    "raw_text",
    "real_name",
    "aliases",
    "kunya",
    "home_town",
    "contacts",
    "consent_scope",
    "consent_notes",
)

ORDINARY_TEXTS = [
    ("en", "We were promised houses and salaries. In the spring of 2015 nothing came."),
    ("en", "The emir kept the best food for the foreign fighters, so I decided to leave."),
    ("fr", "On nous avait promis une vie meilleure, mais il n'y avait pas d'électricité."),
    ("ar", "وعدونا بحياة كريمة لكن لم يكن هناك كهرباء ولا طعام، فقررت الرحيل."),
]


def canary(field: str, n: int, variant: str = "") -> str:
    return f"CANARY-{field.upper().replace('_', '')}{variant}-7f3a-{n}"


def _plant_vault(narrative: Narrative, n: int) -> dict[str, str]:
    values = {field: canary(field, n) for field in VAULT_FIELDS}
    values["aliases"] = f"{canary('aliases', n, 'A')}\n{canary('aliases', n, 'B')}"
    values["contacts"] = f"{canary('contacts', n)}\ncanary{n}-7f3a@example.invalid\n+1 555 0100 {n}"
    SourceRecordFactory(narrative=narrative, **values)
    return values


@pytest.fixture
def world(analyst, editor):
    """Narratives in every status, with canaries in their vault, excerpts, and a message."""
    reasons = list(Reason.objects.filter(parent__isnull=False))
    narratives = []
    for n, status in enumerate(Narrative.Status.values):
        for language, text in ORDINARY_TEXTS[n % 2 :: 2]:
            extra = {"approved_at": timezone.now()} if status == "approved" else {}
            if status == "retired":
                extra = {"retired_at": timezone.now(), "retired_reason": "editorial"}
            narrative = NarrativeFactory(
                title=f"Account {len(narratives)}",
                text=text,
                language=language,
                status=status,
                author=analyst,
                **extra,
            )
            NarrativeReason.objects.create(
                narrative=narrative, reason=reasons[len(narratives) % len(reasons)], is_primary=True
            )
            _plant_vault(narrative, len(narratives))
            narratives.append(narrative)
    # Excerpts of the approved narratives, quoted in a message the editor can open.
    message = MessageFactory()
    for position, narrative in enumerate(n for n in narratives if n.status == "approved"):
        excerpt = ExcerptFactory(narrative=narrative, start=0, end=20, status="approved")
        MessageExcerpt.objects.create(message=message, excerpt=excerpt, position=position)
    # A narrative without a vault record of its own, whose text holds ordinary words only.
    narratives.append(NarrativeFactory(title="No vault", text="Ordinary words only."))
    assert SourceRecord.objects.count() == len(narratives) - 1 >= 10
    return narratives


def _leaks(text: str) -> list[str]:
    found = []
    for view in (text, html.unescape(text)):
        lowered = view.lower()
        at = lowered.find(MARK)
        while at != -1:
            found.append(view[max(0, at - 20) : at + 40])
            at = lowered.find(MARK, at + 1)
    return found


SKIP = ("logout", "?o=", "_changelist_filters", "_facets", "_popup", "_to_field")
HREF = re.compile(r"""href=["']([^"']+)["']""")


def crawl(client, starts: list[str], *, prefixes: tuple[str, ...], limit: int = 600):
    """GET every page reachable by links from ``starts`` under ``prefixes``; yield them."""
    seen: set[str] = set()
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        assert response.status_code in {200, 403, 404, 405}, (url, response.status_code)
        body = response.content.decode()
        yield url, response.status_code, body
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(body):
            target, _ = urldefrag(urljoin(url, html.unescape(href)))
            # One filter at a time: combinations of filters, and the admin's variants of a page
            # that remember them, repeat the same rows.
            single = target.count("&") == 0 and not any(skip in target for skip in SKIP)
            if target.startswith(prefixes) and single:
                queue.append(target)
    assert len(seen) < limit, "the crawl hit its limit; raise it or narrow the prefixes"


def assert_no_leaks(pages, caplog) -> set[str]:
    visited = set()
    for url, _status, body in pages:
        visited.add(url)
        assert not _leaks(body), f"vault data on {url}: {_leaks(body)}"
    for record in caplog.records:
        line = f"{record.getMessage()} {record.__dict__!r}"
        assert not _leaks(line), f"vault data in a log record: {record.name}"
    return visited


def review_urls(narratives: list[Narrative]) -> list[str]:
    queue = reverse("review:queue")
    urls = [queue, reverse("login"), f"{queue}?page=2", f"{queue}?status=bogus"]
    urls += [f"{queue}?status={status}" for status in Narrative.Status.values]
    urls += [f"{queue}?reason={code}" for code in Reason.objects.values_list("code", flat=True)]
    urls += [f"{queue}?language={code}" for code, _ in CONTENT_LANGUAGES]
    urls += [f"{queue}?q={word}" for word in ("promised", "Account 3", "كهرباء", "7f3a", "abu")]
    for narrative in narratives:
        urls.append(reverse("review:narrative", args=[narrative.public_id]))
        urls.append(reverse("review:edit", args=[narrative.public_id]))
    urls.append(reverse("review:narrative", args=["nar_does_not_exist"]))
    return urls


def test_analyst_pages_show_no_vault_data(client, analyst, world, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(analyst)
    visited = assert_no_leaks(crawl(client, review_urls(world), prefixes=("/review/",)), caplog)
    for narrative in world:
        assert reverse("review:narrative", args=[narrative.public_id]) in visited
    # The pages that follow an action, its refusal included, are clean too.
    draft = world[0]
    for name, data in (
        ("dismiss", {"start": 0, "end": 3, "reason": "x"}),
        ("approve", {}),
        ("request_changes", {"comment": ""}),
        ("mark_excerpt", {"start": 0, "end": 15}),
        ("tag", {"primary": "nope"}),
        ("submit", {}),
    ):
        response = client.post(reverse(f"review:{name}", args=[draft.public_id]), data, follow=True)
        assert response.status_code == 200
        assert not _leaks(response.content.decode()), name
    in_review = next(n for n in world if n.status == "in_review")
    response = client.post(reverse("review:approve", args=[in_review.public_id]), follow=True)
    assert "another analyst must approve it" in html.unescape(response.content.decode())
    assert not _leaks(response.content.decode())


def test_findings_in_a_text_never_name_the_vault_value_they_matched(client, analyst):
    # The text mentions a person only by a spelling variant of their vault name: the page shows
    # the text's own words and the category, never the vault's spelling.
    narrative = NarrativeFactory(text="Later I met Mohamed al-Masri in the market.")
    SourceRecordFactory(
        narrative=narrative,
        real_name="Muhammad Al Masri",
        kunya="Abu Canary",
        home_town="Canarytown",
        contacts="canary@example.invalid",
    )
    client.force_login(analyst)
    body = client.get(reverse("review:narrative", args=[narrative.public_id])).content.decode()
    assert ">Mohamed al-Masri</mark>" in body
    assert "Muhammad" not in body
    assert "Al Masri" not in body
    assert not _leaks(body)


def test_editor_admin_pages_show_no_vault_data(client, editor, world, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(editor)
    excerpt = Excerpt.objects.first()
    starts = [
        "/admin/",
        "/admin/narratives/excerpt/",
        "/admin/narratives/narrative/",
        "/admin/campaigns/message/",
        "/admin/campaigns/campaign/",
        "/admin/narratives/reason/",
        "/admin/autocomplete/?app_label=campaigns&model_name=messageexcerpt&field_name=excerpt",
        f"/admin/narratives/excerpt/{excerpt.pk}/change/",
        *review_urls(world)[:3],
    ]
    pages = list(crawl(client, starts, prefixes=("/admin/", "/review/"), limit=800))
    visited = assert_no_leaks(pages, caplog)
    reached = {url for url, status, _ in pages if status == 200}
    # The crawl did open the pages that quote narratives: excerpts and the message.
    assert f"/admin/narratives/excerpt/{excerpt.pk}/change/" in reached
    assert any(re.fullmatch(r"/admin/campaigns/message/\d+/change/", url) for url in reached)
    assert any(excerpt.text in html.unescape(body) for _, _, body in pages)  # quoted text shows
    assert not any(url.startswith("/admin/narratives/sourcerecord/") for url in reached)
    assert "/admin/" in visited


def test_partner_and_anonymous_pages_show_no_vault_data(client, partner_user, world, caplog):
    caplog.set_level(logging.DEBUG)
    starts = ["/accounts/login/", "/admin/", *review_urls(world)]
    assert_no_leaks(crawl(client, starts, prefixes=("/review/", "/admin/", "/accounts/")), caplog)
    client.force_login(partner_user)
    assert_no_leaks(crawl(client, starts, prefixes=("/review/", "/admin/", "/accounts/")), caplog)


def test_canaries_are_visible_to_custodians_so_the_check_can_fail(client, custodian, world):
    record = SourceRecord.objects.first()
    client.force_login(custodian)
    body = client.get(f"/admin/narratives/sourcerecord/{record.pk}/change/").content.decode()
    assert _leaks(body)
    n = world.index(record.narrative)
    for field in ("real_name", "raw_text", "kunya", "home_town", "consent_notes", "external_ref"):
        assert canary(field, n) in body
