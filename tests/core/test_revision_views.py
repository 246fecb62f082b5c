"""The revision pages: the review UI's for narratives and their translations, the admin's
history pages for messages and excerpts; compare, revert, and answers to bad ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import Message, MessageExcerpt
from core import revisions
from narratives import services
from narratives.models import ExcerptTranslation, Narrative
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
)

pytestmark = pytest.mark.django_db


def _notices(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def edited(analyst2):
    narrative = NarrativeFactory(title="Spring", text="I left in the spring, alone.")
    services.edit_narrative(user=analyst2, narrative=narrative, text="I left in the winter, alone.")
    return narrative


def test_the_list_names_who_changed_what_and_when(client, analyst, edited):
    client.force_login(analyst)
    page = client.get(f"/review/narratives/{edited.public_id}/revisions/").content.decode()
    assert "t_analyst2" in page
    assert "Edited" in page and "Earlier version" in page
    assert "Compare with revision 1" in page
    assert "Revert to revision 1" in page


def test_compare_marks_the_changed_words_side_by_side(client, analyst, edited):
    client.force_login(analyst)
    old, new = reversed(list(revisions.revisions_of(edited)))
    response = client.get(
        f"/review/narratives/{edited.public_id}/revisions/compare/?a={old.pk}&b={new.pk}"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<del>spring</del>" in page
    assert "<ins>winter</ins>" in page
    assert "No possible identifier found." in page


def test_compare_shows_what_the_gate_finds_in_an_earlier_revision(client, analyst, analyst2):
    narrative = NarrativeFactory(text="I met Karim Benali in the camp.")
    SourceRecordFactory(narrative=narrative, real_name="Karim Benali")
    start = narrative.text.index("Karim")
    services.redact_finding(user=analyst2, narrative=narrative, start=start, end=start + 12)
    old, new = reversed(list(revisions.revisions_of(narrative)))
    client.force_login(analyst)
    page = client.get(
        f"/review/narratives/{narrative.public_id}/revisions/compare/?a={old.pk}&b={new.pk}"
    ).content.decode()
    assert "1 matching the vault" in page


@pytest.mark.parametrize("query", ["?a=x&b=1", "?a=999999&b=999998", "", "?a=1"])
def test_bad_revision_ids_are_not_found(client, analyst, edited, query):
    client.force_login(analyst)
    response = client.get(f"/review/narratives/{edited.public_id}/revisions/compare/{query}")
    assert response.status_code == 404


def test_compare_of_another_narratives_revision_is_not_found(client, analyst, analyst2, edited):
    other = NarrativeFactory()
    services.edit_narrative(user=analyst2, narrative=other, text="Something else.")
    mine = revisions.revisions_of(edited).first()
    theirs = revisions.revisions_of(other).first()
    client.force_login(analyst)
    response = client.get(
        f"/review/narratives/{edited.public_id}/revisions/compare/?a={mine.pk}&b={theirs.pk}"
    )
    assert response.status_code == 404


def test_revert_restores_the_text_and_says_it_goes_through_review(client, analyst, edited):
    client.force_login(analyst)
    first = revisions.revisions_of(edited).last()
    response = client.post(f"/review/narratives/{edited.public_id}/revisions/{first.pk}/revert/")
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.text == "I left in the spring, alone."
    assert any("goes through review again" in n for n in _notices(response))


def test_revert_of_another_narratives_revision_is_refused_with_a_reason(
    client, analyst, analyst2, edited
):
    other = NarrativeFactory(text="Other words here.")
    services.edit_narrative(user=analyst2, narrative=other, text="Other words there.")
    theirs = revisions.revisions_of(other).last()
    client.force_login(analyst)
    response = client.post(f"/review/narratives/{edited.public_id}/revisions/{theirs.pk}/revert/")
    assert response.status_code == 302
    assert any("belongs to another narrative" in n for n in _notices(response))
    other.refresh_from_db()
    edited.refresh_from_db()
    assert other.text == "Other words there." and edited.text == "I left in the winter, alone."


def test_revert_of_a_missing_revision_is_not_found(client, analyst, edited):
    client.force_login(analyst)
    response = client.post(f"/review/narratives/{edited.public_id}/revisions/999999/revert/")
    assert response.status_code == 404


def test_editors_do_not_see_the_review_revisions(client, editor, edited):
    client.force_login(editor)
    assert client.get(f"/review/narratives/{edited.public_id}/revisions/").status_code == 403


def test_an_approved_narrative_reverted_goes_back_to_review(client, analyst, analyst2):
    narrative = NarrativeFactory(approved=True, text="Words one.")
    services.edit_narrative(user=analyst2, narrative=narrative, text="Words two.")
    Narrative.objects.filter(pk=narrative.pk).update(status="approved", approved_at=timezone.now())
    client.force_login(analyst)
    first = revisions.revisions_of(narrative).last()
    client.post(f"/review/narratives/{narrative.public_id}/revisions/{first.pk}/revert/")
    narrative.refresh_from_db()
    assert (narrative.status, narrative.text) == ("in_review", "Words one.")


def test_a_translation_is_reverted_from_the_review_page(client, analyst, analyst2):
    excerpt = ExcerptFactory()
    for text in ("Je suis parti.", "Je suis reparti."):
        services.save_excerpt_translation(user=analyst2, excerpt=excerpt, language="fr", text=text)
    translation = ExcerptTranslation.objects.get(excerpt=excerpt)
    first = revisions.revisions_of(translation).last()
    client.force_login(analyst)
    page = client.get(f"/review/narratives/{excerpt.narrative.public_id}/revisions/")
    assert "Translation of" in page.content.decode()
    response = client.post(
        f"/review/narratives/{excerpt.narrative.public_id}/revisions/{first.pk}/revert/"
    )
    translation.refresh_from_db()
    assert translation.text == "Je suis parti."
    assert any("awaits another analyst" in n for n in _notices(response))


# --- The admin: messages and excerpts -----------------------------------------------------


@pytest.fixture
def live_message(editor):
    message = MessageFactory(
        author=editor,
        headline="They promised a salary",
        status="published",
        publish_at=timezone.now() - timedelta(hours=1),
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    message.headline = "They promised a wage"
    campaign_services.save_edited_message(user=editor, message=message, changed_fields=["headline"])
    return message


def test_the_message_history_lists_revisions_and_compares_them(client, editor, live_message):
    client.force_login(editor)
    history = client.get(f"/admin/campaigns/message/{live_message.pk}/history/")
    page = history.content.decode()
    assert history.status_code == 200
    assert "Revert to revision 1" in page and "t_editor" in page
    old, new = reversed(list(revisions.revisions_of(live_message)))
    compare = client.get(
        f"/admin/campaigns/message/{live_message.pk}/history/compare/?a={old.pk}&b={new.pk}"
    ).content.decode()
    assert "<del>salary</del>" in compare and "<ins>wage</ins>" in compare
    assert live_message.campaign.name in compare  # a related row by its name, not its id


def test_a_message_revert_in_the_admin_goes_back_to_review(client, editor, live_message):
    Message.objects.filter(pk=live_message.pk).update(status="scheduled")
    client.force_login(editor)
    first = revisions.revisions_of(live_message).last()
    response = client.post(f"/admin/campaigns/message/{live_message.pk}/history/{first.pk}/revert/")
    live_message.refresh_from_db()
    assert (live_message.headline, live_message.status) == ("They promised a salary", "in_review")
    assert any("goes through review again" in n for n in _notices(response))


def test_the_admin_refuses_another_messages_revision_and_bad_ids(client, editor, live_message):
    other = MessageFactory(author=editor)
    campaign_services.save_message(user=editor, message=other, excerpts_changed=True)
    client.force_login(editor)
    theirs = revisions.revisions_of(other).first()
    base = f"/admin/campaigns/message/{live_message.pk}/history"
    response = client.post(f"{base}/{theirs.pk}/revert/")
    assert response.status_code == 302
    assert any("belongs to another message" in n for n in _notices(response))
    assert client.post(f"{base}/999999/revert/").status_code == 404
    assert client.get(f"{base}/compare/?a=1;DROP&b=2").status_code == 404
    assert client.get(f"{base}/compare/?a={theirs.pk}&b={theirs.pk}").status_code == 404
    assert client.get(f"{base}/{theirs.pk}/revert/").status_code == 405
    for bad in (f"{base}/abc/revert/", f"{base}/-1/revert/", f"{base}/compare/?a=&b="):
        assert client.post(bad).status_code in {302, 404}, bad


def test_excerpt_history_masks_vault_values_from_before_a_redaction(client, editor, analyst):
    narrative = NarrativeFactory(text="I met Karim Benali in the camp.")
    SourceRecordFactory(narrative=narrative, real_name="Karim Benali")
    excerpt = services.mark_excerpt(user=analyst, narrative=narrative, start=0, end=31)
    start = narrative.text.index("Karim")
    services.redact_finding(user=analyst, narrative=narrative, start=start, end=start + 12)
    Narrative.objects.filter(pk=narrative.pk).update(status="approved", approved_at=timezone.now())
    excerpt.status = "approved"
    excerpt.save()
    old, new = reversed(list(revisions.revisions_of(excerpt)))
    client.force_login(editor)
    compare = client.get(
        f"/admin/narratives/excerpt/{excerpt.pk}/history/compare/?a={old.pk}&b={new.pk}"
    ).content.decode()
    assert "Karim" not in compare and "Benali" not in compare
    assert "I met [<del>withheld</del>] in the camp." in compare
    assert "I met [<ins>person</ins>] in the camp." in compare
    assert "1 matching the vault." in compare  # the leak check's count, never the value


def test_narrative_admin_history_lists_revisions_without_a_revert(client, superuser, edited):
    client.force_login(superuser)
    page = client.get(f"/admin/narratives/narrative/{edited.pk}/history/").content.decode()
    assert "Compare with revision 1" in page
    assert "Revert to revision" not in page
    first = revisions.revisions_of(edited).last()
    response = client.post(f"/admin/narratives/narrative/{edited.pk}/history/{first.pk}/revert/")
    assert any("cannot be reverted here" in n for n in _notices(response))
    edited.refresh_from_db()
    assert edited.text == "I left in the winter, alone."
