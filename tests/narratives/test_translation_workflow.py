"""The translation workflow: four eyes, the vault gate, versions, back to review on an edit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt
from narratives import services
from narratives.models import ExcerptTranslation, SourceRecord
from narratives.selectors import quote_in_language
from narratives.translations import TranslationError
from tests.factories import ExcerptFactory, MessageFactory, NarrativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def excerpt(db):
    return ExcerptFactory(narrative=NarrativeFactory(approved=True, language="fr"))


def test_a_new_translation_awaits_approval_and_is_not_quoted(analyst, excerpt):
    saved = services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="ar", text="ترجمة"
    )
    translation = saved.translation
    assert translation.status == ExcerptTranslation.Status.IN_REVIEW
    assert [v.number for v in translation.versions.all()] == [1]
    excerpt = type(excerpt).objects.get(pk=excerpt.pk)
    assert quote_in_language(excerpt, "ar") is None
    assert quote_in_language(excerpt, "fr") == excerpt.text


def test_the_translator_cannot_approve_their_own_translation(analyst, analyst2, excerpt):
    saved = services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="ar", text="ترجمة"
    )
    with pytest.raises(TranslationError, match="another analyst must approve it"):
        services.approve_translation(user=analyst, translation=saved.translation)
    services.approve_translation(user=analyst2, translation=saved.translation)
    saved.translation.refresh_from_db()
    assert saved.translation.status == ExcerptTranslation.Status.APPROVED
    assert saved.translation.approved_by == analyst2
    excerpt = type(excerpt).objects.get(pk=excerpt.pk)
    assert quote_in_language(excerpt, "ar") == "ترجمة"


def test_an_editor_may_not_approve_translations(editor, analyst, excerpt):
    saved = services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="ar", text="ترجمة"
    )
    with pytest.raises(PermissionDenied):
        services.approve_translation(user=editor, translation=saved.translation)
    with pytest.raises(PermissionDenied):
        services.save_excerpt_translation(user=editor, excerpt=excerpt, language="en", text="x")


def test_an_edit_is_a_new_version_back_in_review_and_the_editor_of_it_cannot_approve(
    analyst, analyst2, excerpt
):
    first = services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="ar", text="ترجمة أولى"
    ).translation
    services.approve_translation(user=analyst2, translation=first)
    edited = services.save_excerpt_translation(
        user=analyst2, excerpt=excerpt, language="ar", text="ترجمة ثانية"
    ).translation
    assert edited.pk == first.pk
    assert edited.status == ExcerptTranslation.Status.IN_REVIEW
    assert [(v.number, v.text) for v in edited.versions.all()] == [
        (2, "ترجمة ثانية"),
        (1, "ترجمة أولى"),
    ]
    # analyst2 approved version 1 but wrote version 2: only analyst may approve it now.
    with pytest.raises(TranslationError, match="another analyst"):
        services.approve_translation(user=analyst2, translation=edited)
    services.approve_translation(user=analyst, translation=edited)
    # Saving the same text again changes nothing.
    same = services.save_excerpt_translation(
        user=analyst2, excerpt=excerpt, language="ar", text="ترجمة ثانية"
    ).translation
    assert same.status == ExcerptTranslation.Status.APPROVED
    assert same.versions.count() == 2


def test_a_translation_matching_the_vault_is_refused_and_never_stored(analyst, excerpt, custodian):
    record = SourceRecord(narrative=excerpt.narrative, real_name="Zakariya Canaryname")
    services.save_source_record(user=custodian, source_record=record)
    with pytest.raises(TranslationError, match="matches a vault record"):
        services.save_excerpt_translation(
            user=analyst, excerpt=excerpt, language="en", text="Zakariya Canaryname told me"
        )
    assert not ExcerptTranslation.objects.filter(excerpt=excerpt).exists()


def test_approval_scans_again_against_the_vault_as_it_is_now(analyst, analyst2, excerpt, custodian):
    saved = services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="en", text="Ask Yunus Latecomer about it"
    )
    record = SourceRecord(narrative=excerpt.narrative, real_name="Yunus Latecomer")
    services.save_source_record(user=custodian, source_record=record)
    with pytest.raises(TranslationError, match="matches a vault record"):
        services.approve_translation(user=analyst2, translation=saved.translation)
    saved.translation.refresh_from_db()
    assert saved.translation.status == ExcerptTranslation.Status.IN_REVIEW


def test_an_empty_or_same_language_translation_is_refused(analyst, excerpt):
    with pytest.raises(TranslationError, match="Write the translation"):
        services.save_excerpt_translation(user=analyst, excerpt=excerpt, language="ar", text=" ")
    with pytest.raises(TranslationError, match="already in that language"):
        services.save_excerpt_translation(user=analyst, excerpt=excerpt, language="fr", text="x")


def test_editing_an_approved_translation_sends_a_live_message_back_to_review(
    editor, analyst, analyst2, excerpt
):
    translation = services.save_excerpt_translation(
        user=analyst, excerpt=excerpt, language="en", text="The promises were empty."
    ).translation
    services.approve_translation(user=analyst2, translation=translation)
    message = MessageFactory(author=editor, language="en", status="in_review")
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    campaign_services.approve_message(user=analyst, message=message)
    message.refresh_from_db()
    assert message.status == "approved"
    services.save_excerpt_translation(
        user=analyst2, excerpt=excerpt, language="en", text="Every promise was empty."
    )
    message.refresh_from_db()
    assert message.status == "in_review"
    with pytest.raises(campaign_services.MessageError, match="no approved English translation"):
        campaign_services.approve_message(user=analyst, message=message)


def test_a_translation_into_another_language_leaves_a_live_message_alone(editor, analyst, analyst2):
    english = ExcerptFactory(narrative=NarrativeFactory(approved=True, language="en"))
    message = MessageFactory(author=editor, language="en", status="in_review")
    MessageExcerpt.objects.create(message=message, excerpt=english)
    campaign_services.approve_message(user=analyst, message=message)
    saved = services.save_excerpt_translation(
        user=analyst, excerpt=english, language="ar", text="ترجمة"
    )
    services.approve_translation(user=analyst2, translation=saved.translation)
    message.refresh_from_db()
    assert message.status == "approved"  # it quotes the English words, not the Arabic ones
