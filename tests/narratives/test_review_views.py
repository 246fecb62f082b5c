"""The analysts' review UI through the Django test client: access, workflow, bad input."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import revisions
from narratives.models import Excerpt, Narrative, NarrativeEvent, NarrativeReason, Reason
from narratives.selectors import open_findings
from tests.factories import (
    ExcerptFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "I met Karim Benali in Lunel before we crossed over. "
    "I left because the promises were empty and the leaders were corrupt."
)


@pytest.fixture
def narrative(db):
    narrative = NarrativeFactory(title="The empty promises", text=TEXT)
    SourceRecordFactory(
        narrative=narrative,
        real_name="Karim Benali",
        kunya="Abu Talha",
        home_town="Lunel",
        contacts="+33 6 12 34 56 78",
    )
    return narrative


@pytest.fixture
def excerpt(narrative):
    start = narrative.text.index("the promises")
    return ExcerptFactory(
        narrative=narrative, start=start, end=start + 22, status=Excerpt.Status.PROPOSED
    )


def reason(code: str) -> Reason:
    return Reason.objects.get(code=code)


def shown(response) -> str:
    """The page as a user reads it: HTML entities decoded."""
    return html.unescape(response.content.decode())


def finding_of(narrative: Narrative, category: str):
    narrative.refresh_from_db()
    return next(f for f in open_findings(narrative) if f.category == category)


# --- Every URL against every role ---------------------------------------------------------

ROUTES = [
    ("GET", "queue"),
    ("GET", "narrative"),
    ("GET", "edit"),
    ("POST", "edit"),
    ("POST", "redact"),
    ("POST", "dismiss"),
    ("POST", "tag"),
    ("POST", "mark_excerpt"),
    ("POST", "remove_excerpt"),
    ("POST", "submit"),
    ("POST", "approve"),
    ("POST", "request_changes"),
    ("POST", "assign"),
    ("POST", "save_translation"),
    ("POST", "approve_translation"),
    ("GET", "revisions"),
    ("GET", "compare_revisions"),
    ("POST", "revert_revision"),
]
ROUTE_IDS = [f"{method}-{name}" for method, name in ROUTES]


def url_of(name: str, narrative: Narrative, excerpt: Excerpt) -> str:
    if name == "queue":
        return reverse("review:queue")
    if name == "remove_excerpt":
        return reverse("review:remove_excerpt", args=[narrative.public_id, excerpt.public_id])
    if name == "save_translation":
        return reverse("review:save_translation", args=[narrative.public_id, excerpt.public_id])
    if name == "approve_translation":
        args = [narrative.public_id, excerpt.public_id, "ar"]
        return reverse("review:approve_translation", args=args)
    if name in {"compare_revisions", "revert_revision"}:
        # Two revisions of the narrative: as it is, and an earlier title (rows only).
        first = revisions.ensure_baseline(narrative) or revisions.revisions_of(narrative).last()
        earlier = Narrative(pk=narrative.pk, title="An earlier title", text=narrative.text)
        second = revisions.record(earlier, user=None) or revisions.revisions_of(narrative).first()
        if name == "revert_revision":
            return reverse("review:revert_revision", args=[narrative.public_id, second.pk])
        url = reverse("review:compare_revisions", args=[narrative.public_id])
        return f"{url}?a={first.pk}&b={second.pk}"
    return reverse(f"review:{name}", args=[narrative.public_id])


def test_every_route_is_covered():
    from narratives.urls import urlpatterns

    # The dashboard's routes are covered by tests/evidence/test_dashboard_views.py.
    names = {p.name for p in urlpatterns if not p.name.startswith("dashboard")}
    assert names == {name for _, name in ROUTES}


@pytest.mark.parametrize(("method", "name"), ROUTES, ids=ROUTE_IDS)
def test_anonymous_user_is_sent_to_log_in(client, narrative, excerpt, method, name):
    url = url_of(name, narrative, excerpt)
    response = client.get(url) if method == "GET" else client.post(url, {"start": 0, "end": 5})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    narrative.refresh_from_db()
    assert narrative.text == TEXT


@pytest.mark.parametrize("role", ["partner_user", "editor", "custodian"])
@pytest.mark.parametrize(("method", "name"), ROUTES, ids=ROUTE_IDS)
def test_other_roles_are_refused(request, client, narrative, excerpt, method, name, role):
    client.force_login(request.getfixturevalue(role))
    url = url_of(name, narrative, excerpt)
    finding = finding_of(narrative, "person")
    data = {"start": finding.start, "end": finding.end, "reason": "not identifying"}
    response = client.get(url) if method == "GET" else client.post(url, data)
    assert response.status_code == 403
    assert "Not allowed" in shown(response)
    narrative.refresh_from_db()
    assert narrative.text == TEXT
    assert not narrative.events.exists()
    assert Excerpt.objects.filter(pk=excerpt.pk).exists()


@pytest.mark.parametrize("role", ["analyst", "superuser"])
@pytest.mark.parametrize(("method", "name"), ROUTES, ids=ROUTE_IDS)
def test_analysts_may_use_every_route(request, client, narrative, excerpt, method, name, role):
    client.force_login(request.getfixturevalue(role))
    url = url_of(name, narrative, excerpt)
    if method == "GET":
        assert client.get(url).status_code == 200
    else:
        data = {"title": "The empty promises", "text": TEXT} if name == "edit" else {}
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith(
            reverse("review:narrative", args=[narrative.public_id])
        )


def test_post_only_routes_refuse_get(client, analyst, narrative):
    client.force_login(analyst)
    assert client.get(reverse("review:approve", args=[narrative.public_id])).status_code == 405


def test_unknown_narrative_or_excerpt_is_not_found(client, analyst, narrative):
    client.force_login(analyst)
    assert client.get(reverse("review:narrative", args=["nar_nope"])).status_code == 404
    url = reverse("review:remove_excerpt", args=[narrative.public_id, "exc_nope"])
    assert client.post(url).status_code == 404


def test_login_page_signs_an_analyst_in_and_logout_is_a_post(client, analyst):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "t_analyst", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/review/").status_code == 302


# --- The workflow through the views -------------------------------------------------------


def test_narrative_page_highlights_findings_and_escapes_text(client, analyst):
    narrative = NarrativeFactory(text="<script>alert(1)</script> We met Karim Benali there.")
    SourceRecordFactory(narrative=narrative, real_name="Karim Benali")
    client.force_login(analyst)
    response = client.get(reverse("review:narrative", args=[narrative.public_id]))
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    start = narrative.text.index("Karim")
    assert f'data-start="{start}" data-end="{start + 12}" data-finding="1"' in body
    assert ">Karim Benali</mark>" in body
    assert 'lang="en" dir="auto"' in body


def test_arabic_narrative_is_right_to_left(client, analyst):
    narrative = NarrativeFactory(language="ar", title="شهادة", text="غادرت لأن الوعود كانت فارغة.")
    client.force_login(analyst)
    body = client.get(reverse("review:narrative", args=[narrative.public_id])).content.decode()
    assert 'id="narrative-text" class="narrative-text" lang="ar" dir="rtl"' in body


def test_whole_workflow_through_the_views(client, analyst, analyst2, narrative):
    page = reverse("review:narrative", args=[narrative.public_id])
    client.force_login(analyst)

    name = finding_of(narrative, "person")
    response = client.post(
        reverse("review:redact", args=[narrative.public_id]),
        {"start": name.start, "end": name.end},
        follow=True,
    )
    assert "Redacted the finding." in shown(response)
    narrative.refresh_from_db()
    assert "I met [person] in Lunel" in narrative.text

    town = finding_of(narrative, "place")
    response = client.post(
        reverse("review:dismiss", args=[narrative.public_id]),
        {"start": town.start, "end": town.end, "reason": "A large town; many people."},
        follow=True,
    )
    # Lunel is the person's home town in the vault: it can only be redacted.
    assert "matches a vault record and cannot be dismissed" in shown(response)
    assert "A large town" not in shown(response)
    response = client.post(
        reverse("review:redact", args=[narrative.public_id]),
        {"start": town.start, "end": town.end},
        follow=True,
    )
    assert "Redacted the finding." in shown(response)
    narrative.refresh_from_db()
    assert open_findings(narrative) == []

    response = client.post(
        reverse("review:tag", args=[narrative.public_id]),
        {
            "reasons": [reason("corruption").pk, reason("qol_promises").pk],
            "primary": reason("qol_promises").pk,
        },
        follow=True,
    )
    assert "Saved the reasons for leaving." in shown(response)
    assert narrative.primary_reason == reason("qol_promises")

    start = narrative.text.index("the promises")
    response = client.post(
        reverse("review:mark_excerpt", args=[narrative.public_id]),
        {"start": start, "end": start + 27, "reasons": [reason("qol_promises").pk]},
        follow=True,
    )
    assert "Marked the excerpt." in shown(response)
    excerpt = narrative.excerpts.get()
    assert excerpt.text == "the promises were empty and"
    assert list(excerpt.reasons.all()) == [reason("qol_promises")]

    response = client.post(reverse("review:submit", args=[narrative.public_id]), follow=True)
    assert "Submitted for review." in shown(response)
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.IN_REVIEW

    # The author cannot approve their own narrative; the refusal is shown, not a 500.
    response = client.post(reverse("review:approve", args=[narrative.public_id]), follow=True)
    assert response.status_code == 200
    assert "another analyst must approve it" in shown(response)
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.IN_REVIEW

    client.force_login(analyst2)
    response = client.post(reverse("review:approve", args=[narrative.public_id]), follow=True)
    assert "Approved the narrative." in shown(response)
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.APPROVED
    assert narrative.approved_by == analyst2
    excerpt.refresh_from_db()
    assert excerpt.status == Excerpt.Status.APPROVED

    history = shown(client.get(page))
    for words in ("Redacted a finding", "Tagged reasons", "Approved"):
        assert words in history
    assert "Dismissed a finding" not in history
    assert "UTC" in history  # times carry their zone


def test_approval_is_refused_while_a_finding_is_open(client, analyst, analyst2, narrative):
    NarrativeReason.objects.create(narrative=narrative, reason=reason("brutality"), is_primary=True)
    narrative.status = Narrative.Status.IN_REVIEW
    narrative.author = analyst
    narrative.save()
    client.force_login(analyst2)
    response = client.post(reverse("review:approve", args=[narrative.public_id]), follow=True)
    assert "2 scanner findings still open" in shown(response)
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.IN_REVIEW


def test_request_changes_needs_a_comment_and_shows_it(client, analyst, analyst2, narrative):
    narrative.status = Narrative.Status.IN_REVIEW
    narrative.author = analyst
    narrative.save()
    url = reverse("review:request_changes", args=[narrative.public_id])
    client.force_login(analyst2)
    response = client.post(url, {"comment": "  "}, follow=True)
    assert "Say what needs to change." in shown(response)
    response = client.post(url, {"comment": "Generalise the second paragraph."}, follow=True)
    assert "Sent the narrative back for changes." in shown(response)
    assert "Generalise the second paragraph." in shown(response)
    narrative.refresh_from_db()
    assert narrative.status == Narrative.Status.CHANGES_REQUESTED


def test_remove_excerpt(client, analyst, narrative, excerpt):
    client.force_login(analyst)
    url = reverse("review:remove_excerpt", args=[narrative.public_id, excerpt.public_id])
    response = client.post(url, follow=True)
    assert "Removed the excerpt." in shown(response)
    assert not Excerpt.objects.filter(pk=excerpt.pk).exists()


def test_edit_changes_text_and_ignores_line_break_style(client, analyst, narrative):
    narrative.text = "First paragraph.\n\nSecond paragraph."
    narrative.save()
    url = reverse("review:edit", args=[narrative.public_id])
    client.force_login(analyst)
    # A browser sends the unchanged textarea back with CRLF line breaks: not an edit.
    response = client.post(
        url, {"title": narrative.title, "text": "First paragraph.\r\n\r\nSecond paragraph."}
    )
    assert response.status_code == 302
    assert not narrative.events.filter(action=NarrativeEvent.Action.EDITED).exists()
    response = client.post(
        url,
        {"title": "A new title", "text": "First paragraph.\r\n\r\nA better second one."},
        follow=True,
    )
    assert "Saved your changes." in shown(response)
    narrative.refresh_from_db()
    assert (narrative.title, narrative.text) == (
        "A new title",
        "First paragraph.\n\nA better second one.",
    )
    assert narrative.author == analyst


def test_edit_with_empty_fields_shows_errors(client, analyst, narrative):
    client.force_login(analyst)
    response = client.post(reverse("review:edit", args=[narrative.public_id]), {"title": ""})
    assert response.status_code == 200
    assert "This field is required." in shown(response)


# --- Bad input: a message, never a 500 ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "redact",
            {"start": 1, "end": 4},
            "That finding is no longer in the text; reload the page.",
        ),
        ("redact", {"start": "abc", "end": 4}, "Start: Enter a whole number."),
        ("redact", {"start": -1, "end": 99999999999}, "Start: Ensure this value"),
        ("dismiss", {"start": 1, "end": 4, "reason": "because"}, "That finding is no longer"),
        ("tag", {"reasons": [999999]}, "Choose the primary reason for leaving."),
        ("tag", {"primary": "x"}, "Select a valid choice."),
        ("mark_excerpt", {"start": 10, "end": 10}, "Select a part of the narrative's text first."),
        ("mark_excerpt", {"start": 10, "end": 100000}, "Select a part of the narrative's text."),
        ("mark_excerpt", {"start": 6, "end": 7}, "An excerpt needs at least a few words."),
        ("mark_excerpt", {}, "From character: This field is required."),
        ("approve", {}, "A narrative that is draft cannot be approved."),
        ("request_changes", {"comment": "x"}, "A narrative that is draft cannot be sent back"),
    ],
)
def test_bad_input_gives_a_message(client, analyst, narrative, name, data, message):
    client.force_login(analyst)
    response = client.post(reverse(f"review:{name}", args=[narrative.public_id]), data, follow=True)
    assert response.status_code == 200
    assert message in shown(response)
    assert 'class="message message--error" role="alert"' in response.content.decode()


def test_dismissal_needs_a_reason(client, analyst, narrative):
    town = finding_of(narrative, "place")
    client.force_login(analyst)
    response = client.post(
        reverse("review:dismiss", args=[narrative.public_id]),
        {"start": town.start, "end": town.end, "reason": " "},
        follow=True,
    )
    assert "Say why this finding does not identify anyone." in shown(response)
    assert len(open_findings(narrative)) == 2


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("status=bogus", "The status given was not understood"),
        ("reason=nope", "The reason given was not understood"),
        ("language=xx", "The language given was not understood"),
        ("page=abc", "The page number given was not understood"),
        ("page=0", "The page number given was not understood"),
        ("page=-3", "The page number given was not understood"),
        ("page=1e99", "The page number given was not understood"),
        ("status=draft'%20OR%201=1--", "The status given was not understood"),
        ("q=" + "x" * 300, "The search given was not understood"),
        ("q=%00", "The search given was not understood"),
    ],
)
def test_bad_queue_filters_are_ignored_with_a_notice(client, analyst, narrative, query, notice):
    client.force_login(analyst)
    response = client.get(f"/review/?{query}")
    assert response.status_code == 200
    assert notice in shown(response)
    assert narrative.public_id in shown(response)  # the filter was ignored, not applied


@pytest.mark.parametrize(
    "query",
    [
        "q=%27%3B%20DROP%20TABLE%20narratives_narrative%3B--",
        "q=%25%25%25",
        "page=99999",
        "status=approved&reason=qol_shortages&language=ar&q=nothing",
    ],
)
def test_odd_but_valid_queue_queries_just_find_nothing(client, analyst, narrative, query):
    client.force_login(analyst)
    response = client.get(f"/review/?{query}")
    assert response.status_code == 200
    assert narrative.public_id not in shown(response)
    assert Narrative.objects.filter(pk=narrative.pk).exists()


# --- The queue ---------------------------------------------------------------------------


def test_queue_filters_by_status_reason_language_and_search(client, analyst):
    french = NarrativeFactory(title="Les promesses", language="fr")
    NarrativeReason.objects.create(narrative=french, reason=reason("qol_promises"), is_primary=True)
    arabic = NarrativeFactory(
        title="شهادة", language="ar", status=Narrative.Status.IN_REVIEW, author=analyst
    )
    NarrativeReason.objects.create(narrative=arabic, reason=reason("brutality"), is_primary=True)
    client.force_login(analyst)

    def ids(query: str) -> set[str]:
        body = shown(client.get(f"/review/?{query}"))
        return {n.public_id for n in (french, arabic) if n.public_id in body}

    assert ids("") == {french.public_id, arabic.public_id}
    assert ids("status=in_review") == {arabic.public_id}
    assert ids("language=fr") == {french.public_id}
    assert ids("reason=quality_of_life") == {french.public_id}  # a sub-reason's parent
    assert ids("reason=qol_promises") == {french.public_id}
    assert ids("reason=brutality") == {arabic.public_id}
    assert ids("q=promesses") == {french.public_id}
    assert ids(f"q={arabic.public_id}") == {arabic.public_id}
    body = shown(client.get("/review/?status=in_review"))
    assert "Brutality against Sunni Muslims" in body
    assert "t_analyst" in body


def test_queue_pages_without_counting(client, analyst):
    NarrativeFactory.create_batch(51)
    client.force_login(analyst)
    first = shown(client.get("/review/"))
    assert "Showing 1–50" in first
    assert "Next →" in first
    second = shown(client.get("/review/?page=2"))
    assert "Showing 51–51" in second
    assert "Next →" not in second
    assert "← Previous" in second


def _queue_queries(client, query: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/review/?{query}")
    assert response.status_code == 200
    assert response.content.decode().count("<td><code>nar_") == rows
    return len(queries)


def _add_narratives(count: int, authors) -> None:
    reasons = list(Reason.objects.filter(parent__isnull=False).exclude(parent__code="corruption"))
    for index in range(count):
        narrative = NarrativeFactory(author=authors[index % len(authors)])
        NarrativeReason.objects.create(
            narrative=narrative, reason=reasons[index % len(reasons)], is_primary=True
        )
        # Every narrative also gives two sub-reasons of one reason (the reason filter's join).
        for code in ("corruption_favouritism", "corruption_leaders"):
            NarrativeReason.objects.create(narrative=narrative, reason=reason(code))


@pytest.mark.parametrize("query", ["", "reason=corruption", "status=draft&q=Account&page=1"])
def test_queue_query_count_does_not_grow_with_narratives(client, analyst, analyst2, query):
    client.force_login(analyst)
    _add_narratives(5, [analyst, analyst2])
    few = _queue_queries(client, query, rows=5)
    _add_narratives(55, [analyst2, analyst, UserFactory()])
    many = _queue_queries(client, query, rows=50)
    assert few == many
    # The queue (and its reasons), the session and user, the analysts a row may be assigned
    # to, and the header's counts (unread notices, narratives and messages waiting).
    assert many <= 12


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        ("draft", ["Submit for review"]),
        ("changes_requested", ["Submit for review"]),
        ("in_review", ["Approve", "Request changes"]),
        ("approved", []),
        ("retired", []),
    ],
)
def test_the_review_buttons_follow_the_narratives_status(client, analyst, status, buttons):
    client.force_login(analyst)
    stamps = {"approved": "approved_at", "retired": "retired_at"}
    extra = {stamps[status]: timezone.now()} if status in stamps else {}
    narrative = NarrativeFactory(status=status, **extra)
    page = shown(client.get(reverse("review:narrative", args=[narrative.public_id])))
    workflow = page[page.index('id="workflow-heading"') :]
    for label in ("Submit for review", "Approve", "Request changes"):
        assert (f">{label}</button>" in workflow) is (label in buttons), label
