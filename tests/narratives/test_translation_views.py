"""The review UI's translation forms: add, edit, approve, and each refusal said on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from narratives.models import ExcerptTranslation
from tests.factories import ExcerptFactory, NarrativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def excerpt(db):
    narrative = NarrativeFactory(approved=True, language="fr", text="Les promesses étaient vides.")
    return ExcerptFactory(narrative=narrative, start=0, end=13)


def urls(excerpt, language="ar"):
    args = [excerpt.narrative.public_id, excerpt.public_id]
    return (
        reverse("review:narrative", args=args[:1]),
        reverse("review:save_translation", args=args),
        reverse("review:approve_translation", args=[*args, language]),
    )


def test_an_analyst_adds_a_translation_and_another_approves_it(client, analyst, analyst2, excerpt):
    _page, save, approve = urls(excerpt)
    client.force_login(analyst)
    response = client.post(save, {"language": "ar", "text": "كانت الوعود"}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Another analyst must approve it" in body
    assert "كانت الوعود" in body and "Awaiting approval" in body
    response = client.post(approve, {"version": "1"}, follow=True)
    assert "another analyst must approve it" in response.content.decode()
    client.force_login(analyst2)
    response = client.post(approve, {"version": "1"}, follow=True)
    assert "Approved the translation" in response.content.decode()
    translation = ExcerptTranslation.objects.get(excerpt=excerpt, language="ar")
    assert translation.status == "approved" and translation.approved_by == analyst2


def test_an_edit_shows_the_earlier_version_and_a_stale_approval_is_refused(
    client, analyst, analyst2, excerpt
):
    page, save, approve = urls(excerpt)
    client.force_login(analyst)
    client.post(save, {"language": "ar", "text": "النص الأول"})
    client.post(save, {"language": "ar", "text": "النص الثاني"})
    client.force_login(analyst2)
    response = client.get(page)
    body = response.content.decode()
    assert "Earlier versions (1)" in body and "النص الأول" in body
    response = client.post(approve, {"version": "1"}, follow=True)
    assert "changed since you opened it" in response.content.decode()
    assert ExcerptTranslation.objects.get(excerpt=excerpt).status == "in_review"


def test_bad_input_is_a_message_not_an_error_page(client, analyst, excerpt):
    _page, save, approve = urls(excerpt)
    client.force_login(analyst)
    response = client.post(save, {"language": "xx", "text": ""}, follow=True)
    assert response.status_code == 200
    assert "Language:" in response.content.decode()
    response = client.post(approve, {"version": "nope"}, follow=True)
    assert "no translation in that language to approve" in response.content.decode()
    response = client.post(save, {"language": "fr", "text": "même langue"}, follow=True)
    assert "already in that language" in response.content.decode()


def test_editors_cannot_reach_the_translation_forms(client, editor, excerpt):
    _page, save, _approve = urls(excerpt)
    client.force_login(editor)
    assert client.post(save, {"language": "ar", "text": "x"}).status_code == 403
    assert not ExcerptTranslation.objects.exists()


def test_the_approver_sees_the_scanners_findings_in_a_translation(client, analyst, excerpt):
    page, save, _approve = urls(excerpt, "en")
    client.force_login(analyst)
    client.post(save, {"language": "en", "text": "Write to karim.b@example.org about it"})
    body = client.get(page).content.decode()
    assert "The leak scanner sees possible identifiers (" in body
