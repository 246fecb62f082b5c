"""Revisions: the services keep one per change, compare marks the changed words, a revert
is a new revision that goes back through review, and erasure leaves none behind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import Message, MessageExcerpt
from core import revisions
from core.models import Revision
from narratives import services
from narratives.models import ExcerptTranslation, Narrative
from narratives.services import NarrativeError
from narratives.translations import TranslationError
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_word_diff_marks_only_the_changed_words():
    old, new = revisions.word_diff("I left in the spring.", "I left in the winter.")
    assert [p.text for p in old if p.changed] == ["spring"]
    assert [p.text for p in new if p.changed] == ["winter"]
    assert "".join(p.text for p in old) == "I left in the spring."
    assert "".join(p.text for p in new) == "I left in the winter."


def test_word_diff_of_arabic_words():
    _old, new = revisions.word_diff("غادرت في الربيع", "غادرت في الشتاء")
    assert [p.text for p in new if p.changed] == ["الشتاء"]


def test_an_edit_keeps_the_earlier_text_and_the_new_one(analyst):
    narrative = NarrativeFactory(text="The first words.")
    services.edit_narrative(user=analyst, narrative=narrative, text="The second words.")
    baseline, edited = reversed(list(revisions.revisions_of(narrative)))
    assert (baseline.number, baseline.kind, baseline.user) == (1, Revision.Kind.BASELINE, None)
    assert revisions.values(baseline)["text"] == "The first words."
    assert (edited.number, edited.kind, edited.user) == (2, Revision.Kind.EDITED, analyst)
    assert revisions.values(edited)["text"] == "The second words."
    assert edited.changed == ["text"]


def test_an_unchanged_save_writes_no_revision(analyst):
    narrative = NarrativeFactory(title="Same")
    services.edit_narrative(user=analyst, narrative=narrative, title="Other")
    services.edit_narrative(user=analyst, narrative=narrative, title="Other")
    assert revisions.revisions_of(narrative).count() == 2


def test_a_redaction_is_a_revision_of_the_narrative_and_of_the_excerpt_it_touches(analyst):
    narrative = NarrativeFactory(text="I met Karim Benali in the camp. He was kind to me.")
    SourceRecordFactory(narrative=narrative, real_name="Karim Benali")
    excerpt = services.mark_excerpt(user=analyst, narrative=narrative, start=0, end=31)
    start = narrative.text.index("Karim")
    services.redact_finding(user=analyst, narrative=narrative, start=start, end=start + 12)
    assert "[person]" in revisions.values(revisions.revisions_of(narrative).first())["text"]
    saved = [revisions.values(r)["text"] for r in revisions.revisions_of(excerpt)]
    assert saved == ["I met [person] in the camp.", "I met Karim Benali in the camp."]


def test_revert_of_an_approved_narrative_sends_it_back_to_review(analyst, analyst2):
    narrative = NarrativeFactory(approved=True, text="Old words.", author=analyst2)
    services.edit_narrative(user=analyst2, narrative=narrative, text="New words.")
    Narrative.objects.filter(pk=narrative.pk).update(  # approved again since
        status=Narrative.Status.APPROVED, approved_at=timezone.now()
    )
    baseline = revisions.revisions_of(narrative).last()

    services.revert_narrative(user=analyst, narrative=narrative, revision=baseline)

    narrative.refresh_from_db()
    assert narrative.text == "Old words."
    assert narrative.status == Narrative.Status.IN_REVIEW
    newest = revisions.revisions_of(narrative).first()
    assert (newest.kind, newest.reverted_from, newest.user) == ("reverted", 1, analyst)
    # Four eyes: whoever reverted it edited it, and may not approve it.
    with pytest.raises(NarrativeError, match="another analyst must approve"):
        services.approve_narrative(user=analyst, narrative=narrative)


def test_revert_refuses_another_narratives_revision(analyst):
    mine, other = NarrativeFactory(), NarrativeFactory()
    services.edit_narrative(user=analyst, narrative=other, text="Other words entirely.")
    with pytest.raises(NarrativeError, match="belongs to another narrative"):
        services.revert_narrative(
            user=analyst, narrative=mine, revision=revisions.revisions_of(other).last()
        )


def test_revert_to_the_current_text_is_refused(analyst):
    narrative = NarrativeFactory()
    services.edit_narrative(user=analyst, narrative=narrative, text="Changed words.")
    with pytest.raises(NarrativeError, match="nothing to revert"):
        services.revert_narrative(
            user=analyst, narrative=narrative, revision=revisions.revisions_of(narrative).first()
        )


def test_only_analysts_revert_narratives(analyst, editor):
    narrative = NarrativeFactory()
    services.edit_narrative(user=analyst, narrative=narrative, text="Changed words.")
    with pytest.raises(PermissionDenied):
        services.revert_narrative(
            user=editor, narrative=narrative, revision=revisions.revisions_of(narrative).last()
        )


def test_a_translation_revert_is_a_new_version_awaiting_approval(analyst, analyst2):
    excerpt = ExcerptFactory()
    services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="fr", text="Je suis parti."
    )
    translation = ExcerptTranslation.objects.get(excerpt=excerpt)
    services.approve_translation(user=analyst2, translation=translation)
    services.save_excerpt_translation(
        user=analyst2, excerpt=excerpt, language="fr", text="Je suis reparti."
    )
    first = revisions.revisions_of(translation).last()

    services.revert_translation(user=analyst, translation=translation, revision=first)

    translation.refresh_from_db()
    assert translation.text == "Je suis parti."
    assert translation.status == ExcerptTranslation.Status.IN_REVIEW
    assert translation.versions.count() == 3
    assert revisions.revisions_of(translation).first().kind == "reverted"
    # Four eyes: the analyst who reverted it may not approve it; one who did not touch it may.
    with pytest.raises(TranslationError, match="another analyst must"):
        services.approve_translation(user=analyst, translation=translation)
    third = UserFactory(username="t_analyst3", role="Analyst")
    services.approve_translation(user=third, translation=translation)


def _published(editor):
    excerpt = ExcerptFactory()
    message = MessageFactory(
        author=editor,
        headline="Old headline",
        status="published",
        publish_at=timezone.now() - timedelta(hours=1),
    )
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    return message, excerpt


def test_a_message_edit_is_a_revision_with_its_quotes(editor):
    message, excerpt = _published(editor)
    message.headline = "New headline"
    campaign_services.save_edited_message(user=editor, message=message, changed_fields=["headline"])
    newest, baseline = revisions.revisions_of(message)
    assert revisions.values(baseline)["headline"] == "Old headline"
    assert revisions.values(baseline)["excerpts"] == excerpt.public_id
    assert (newest.user, newest.changed) == (editor, ["headline"])


def test_reverting_a_live_message_takes_it_down_and_back_to_review(editor):
    editor2 = UserFactory(username="t_editor2", role="Editor", is_staff=True)
    message, _ = _published(editor)
    message.headline = "New headline"
    campaign_services.save_edited_message(user=editor, message=message, changed_fields=["headline"])
    message.refresh_from_db()
    Message.objects.filter(pk=message.pk).update(status="published")  # approved and live again
    baseline = revisions.revisions_of(message).last()

    campaign_services.revert_message(user=editor2, message=message, revision=baseline)

    message.refresh_from_db()
    assert message.headline == "Old headline"
    assert message.status == Message.Status.IN_REVIEW
    assert message.approved_by is None
    newest = revisions.revisions_of(message).first()
    assert (newest.kind, newest.reverted_from, newest.user) == ("reverted", 1, editor2)


def test_a_message_revert_brings_back_its_quotes(editor):
    message, excerpt = _published(editor)
    other = ExcerptFactory()
    message.excerpt_links.all().delete()
    MessageExcerpt.objects.create(message=message, excerpt=other)
    revisions.ensure_baseline(Message.objects.get(pk=message.pk))
    campaign_services.save_message(user=editor, message=message, excerpts_changed=True)
    first = revisions.revisions_of(message).last()
    assert revisions.values(first)["excerpts"] == other.public_id
    message.excerpt_links.all().delete()
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    campaign_services.save_message(user=editor, message=message, excerpts_changed=True)

    campaign_services.revert_message(user=editor, message=message, revision=first)

    assert [link.excerpt for link in message.excerpt_links.all()] == [other]


def test_a_message_revert_refuses_another_messages_revision_and_a_withdrawn_message(editor):
    message, _ = _published(editor)
    other, _ = _published(editor)
    campaign_services.save_message(user=editor, message=other, excerpts_changed=True)
    with pytest.raises(campaign_services.MessageError, match="belongs to another message"):
        campaign_services.revert_message(
            user=editor, message=message, revision=revisions.revisions_of(other).first()
        )
    campaign_services.withdraw_message(user=editor, message=other, reason="Out of date.")
    with pytest.raises(campaign_services.MessageError, match="withdrawn or expired"):
        campaign_services.revert_message(
            user=editor, message=other, revision=revisions.revisions_of(other).first()
        )


def test_analysts_may_not_revert_messages(editor, analyst):
    message, _ = _published(editor)
    campaign_services.save_message(user=editor, message=message, excerpts_changed=True)
    with pytest.raises(PermissionDenied):
        campaign_services.revert_message(
            user=analyst, message=message, revision=revisions.revisions_of(message).first()
        )


def test_consent_withdrawal_erases_every_revision_of_the_persons_words(
    analyst, analyst2, editor, custodian
):
    narrative = NarrativeFactory(approved=True, text="I left in the spring, after the siege.")
    record = SourceRecordFactory(narrative=narrative)
    excerpt = ExcerptFactory(narrative=narrative, start=0, end=19)
    services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="fr", text="Je suis parti au printemps."
    )
    message, _ = _published(editor)
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    campaign_services.save_message(user=editor, message=message, excerpts_changed=True)
    services.edit_narrative(user=analyst2, narrative=narrative, title="Another title")
    unrelated = NarrativeFactory()
    services.edit_narrative(user=analyst, narrative=unrelated, title="Kept")
    translation = ExcerptTranslation.objects.get(excerpt=excerpt)
    for obj in (narrative, translation, message):
        assert revisions.revisions_of(obj).exists()

    services.withdraw_consent(user=custodian, source_record=record)

    for obj in (narrative, excerpt, translation, message):
        assert not revisions.revisions_of(obj).exists(), obj
    assert revisions.revisions_of(unrelated).count() == 2
