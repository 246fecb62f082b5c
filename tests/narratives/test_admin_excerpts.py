"""Editors see in the admin only the excerpts they may use: approved for reuse, from
narratives that are still approved. Proposed spans of unredacted drafts stay out of the
list, its search, the change and history pages, and the message form's autocomplete."""

from __future__ import annotations

import html

import pytest

from narratives.models import Excerpt, Narrative
from tests.factories import ExcerptFactory, NarrativeFactory, UserFactory

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Abu ZQXDRAFTKUNYA met me at the Qarat guest house."


@pytest.fixture
def excerpts():
    usable = ExcerptFactory(text="The promises were empty.")
    draft = NarrativeFactory(status=Narrative.Status.DRAFT, text=DRAFT_TEXT)
    proposed = ExcerptFactory(
        narrative=draft, start=0, end=len(DRAFT_TEXT), text=DRAFT_TEXT, status="proposed"
    )
    back_in_review = NarrativeFactory(status=Narrative.Status.IN_REVIEW, text=DRAFT_TEXT)
    approved_of_unapproved = ExcerptFactory(
        narrative=back_in_review, start=0, end=len(DRAFT_TEXT), text=DRAFT_TEXT
    )
    retired = ExcerptFactory(text=DRAFT_TEXT, status=Excerpt.Status.RETIRED)
    return usable, [proposed, approved_of_unapproved, retired]


def _page(client, url) -> tuple[int, str]:
    response = client.get(url, follow=True)
    return response.status_code, html.unescape(response.content.decode())


def test_the_excerpt_list_shows_an_editor_only_reusable_excerpts(client, editor, excerpts):
    usable, hidden = excerpts
    client.force_login(editor)
    _, body = _page(client, "/admin/narratives/excerpt/")
    assert usable.public_id in body
    assert "ZQXDRAFTKUNYA" not in body
    for excerpt in hidden:
        assert excerpt.public_id not in body


@pytest.mark.parametrize("term", ["ZQXDRAFTKUNYA", "Qarat", "exc_"])
def test_search_finds_no_unapproved_excerpt_for_an_editor(client, editor, excerpts, term):
    _, hidden = excerpts
    client.force_login(editor)
    _, body = _page(client, f"/admin/narratives/excerpt/?q={term}")
    assert "guest house" not in body  # the search box echoes the term, never the excerpt
    for excerpt in hidden:
        assert excerpt.public_id not in body


def test_the_change_and_history_pages_of_an_unapproved_excerpt_are_closed_to_editors(
    client, editor, excerpts
):
    usable, hidden = excerpts
    client.force_login(editor)
    assert client.get(f"/admin/narratives/excerpt/{usable.pk}/change/").status_code == 200
    for excerpt in hidden:
        for suffix in ("change/", "history/"):
            response = client.get(f"/admin/narratives/excerpt/{excerpt.pk}/{suffix}")
            assert response.status_code != 200
            _, body = _page(client, f"/admin/narratives/excerpt/{excerpt.pk}/{suffix}")
            assert "ZQXDRAFTKUNYA" not in body


def test_the_message_form_autocomplete_offers_only_reusable_excerpts(client, editor, excerpts):
    client.force_login(editor)
    for term in ("", "ZQXDRAFTKUNYA", "promises"):
        response = client.get(
            "/admin/autocomplete/",
            {
                "app_label": "campaigns",
                "model_name": "messageexcerpt",
                "field_name": "excerpt",
                "term": term,
            },
        )
        assert response.status_code == 200
        assert "ZQXDRAFTKUNYA" not in response.content.decode()
    assert (
        "promises"
        in client.get(
            "/admin/autocomplete/",
            {"app_label": "campaigns", "model_name": "messageexcerpt", "field_name": "excerpt"},
        ).content.decode()
    )


def test_a_superuser_who_is_not_a_custodian_sees_only_reusable_excerpts(client, excerpts):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    _, body = _page(client, "/admin/narratives/excerpt/?q=Qarat")
    assert "guest house" not in body


def test_a_custodian_superuser_sees_every_excerpt(client, excerpts):
    _, hidden = excerpts
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="Custodian"))
    _, body = _page(client, "/admin/narratives/excerpt/")
    for excerpt in hidden:
        assert excerpt.public_id in body
