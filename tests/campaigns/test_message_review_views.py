"""The analysts' message review pages: access for every role, and the workflow through them."""

from __future__ import annotations

import pytest

from campaigns.models import MessageExcerpt
from narratives.models import NarrativeEvent
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(editor):
    message = MessageFactory(author=editor, status="in_review", headline="The promises were empty.")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    return message


def urls(message):
    base = f"/review/messages/{message.public_id}/"
    return {
        "get": ["/review/messages/", base],
        "post": [base + "approve/", base + "request-changes/", base + "dismiss/"],
    }


@pytest.mark.parametrize("role", ["anonymous", "partner_user", "editor", "custodian"])
def test_only_analysts_reach_message_review(client, request, message, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for url in urls(message)["get"]:
        response = client.get(url)
        assert response.status_code == (302 if role == "anonymous" else 403), url
    for url in urls(message)["post"]:
        response = client.post(url, {"comment": "x"})
        assert response.status_code == (302 if role == "anonymous" else 403), url
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    message.refresh_from_db()
    assert message.status == "in_review"


def test_analyst_sees_queue_texts_renditions_and_narratives(client, analyst, message):
    client.force_login(analyst)
    queue = client.get("/review/messages/").content.decode()
    assert message.headline in queue
    excerpt = message.excerpt_links.get().excerpt
    assert excerpt.narrative.public_id in queue
    page = client.get(f"/review/messages/{message.public_id}/").content.decode()
    assert excerpt.text in page
    assert "No finding" in page
    assert f"/review/narratives/{excerpt.narrative.public_id}/" in page


def test_analyst_approves_in_the_review_ui(client, analyst, message):
    client.force_login(analyst)
    response = client.post(f"/review/messages/{message.public_id}/approve/", follow=True)
    assert "Approved" in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.approved_by) == ("approved", analyst)


def test_the_author_is_refused_on_screen(client, message):
    author = message.author
    author.groups.add(*UserFactory(username="role_source", role="Analyst").groups.all())
    client.force_login(author)
    response = client.post(f"/review/messages/{message.public_id}/approve/", follow=True)
    assert "another person must approve" in response.content.decode()
    message.refresh_from_db()
    assert message.status == "in_review"


def test_request_changes_needs_a_comment(client, analyst, message):
    client.force_login(analyst)
    response = client.post(
        f"/review/messages/{message.public_id}/request-changes/", {"comment": ""}, follow=True
    )
    assert "required" in response.content.decode()
    client.post(
        f"/review/messages/{message.public_id}/request-changes/", {"comment": "Too specific."}
    )
    message.refresh_from_db()
    assert message.status == "changes_requested"
    assert message.events.get(action="changes_requested").comment == "Too specific."


def test_vault_match_is_shown_without_vault_data_and_blocks_approval(client, analyst, message):
    record = SourceRecordFactory(
        narrative=NarrativeFactory(), aliases="nightowl77", real_name="Canary Realname Zq"
    )
    message.body = "Ask nightowl77 about it."
    message.save()
    client.force_login(analyst)
    page = client.get(f"/review/messages/{message.public_id}/").content.decode()
    assert "matches the vault" in page
    assert record.real_name not in page  # only the message's own words are shown
    response = client.post(f"/review/messages/{message.public_id}/approve/", follow=True)
    assert "1 matching the vault" in response.content.decode()
    assert NarrativeEvent.objects.count() == 0


def test_generic_finding_is_dismissed_from_the_page(client, analyst, message):
    message.headline = "Abu Suhaib al-Masri lied to them."
    message.save()
    client.force_login(analyst)
    from campaigns.selectors import message_findings

    finding = message_findings(message)[0]
    response = client.post(
        f"/review/messages/{message.public_id}/dismiss/",
        {
            "field": finding.field,
            "start": finding.start,
            "end": finding.end,
            "reason": "Public leader.",
        },
        follow=True,
    )
    assert "Finding dismissed" in response.content.decode()
    client.post(f"/review/messages/{message.public_id}/approve/")
    message.refresh_from_db()
    assert message.status == "approved"


@pytest.mark.parametrize(
    "query", ["?status=nonsense", "?page=abc", "?language=' OR 1=1 --", "?page=-4", "?status="]
)
def test_bad_queue_filters_never_500(client, analyst, message, query):
    client.force_login(analyst)
    assert client.get("/review/messages/" + query).status_code == 200


def test_queue_query_count_is_constant(client, analyst, django_assert_max_num_queries, editor):
    client.force_login(analyst)
    for _ in range(3):
        m = MessageFactory(author=editor, status="in_review")
        MessageExcerpt.objects.create(message=m, excerpt=ExcerptFactory())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/review/messages/")
    for _ in range(20):
        m = MessageFactory(author=editor, status="in_review")
        MessageExcerpt.objects.create(message=m, excerpt=ExcerptFactory())
    with CaptureQueriesContext(connection) as many:
        client.get("/review/messages/")
    assert len(many) == len(few)


@pytest.mark.parametrize(("status", "reviewable"), [("in_review", True), ("approved", False)])
def test_the_review_buttons_follow_the_messages_status(client, analyst, status, reviewable):
    client.force_login(analyst)
    message = MessageFactory(status=status)
    page = client.get(f"/review/messages/{message.public_id}/").content.decode()
    assert (">Approve</button>" in page) is reviewable
    assert (">Request changes</button>" in page) is reviewable
    assert ("only messages in review can be approved" in page) is not reviewable
