"""Language integrity: a message quotes only words in its own language, never the original
in another one without a word."""

from __future__ import annotations

import pytest

from campaigns import services
from campaigns.models import MessageExcerpt
from campaigns.services.renditions import card_specs
from narratives.models import ExcerptTranslation
from tests.factories import ExcerptFactory, MessageFactory, NarrativeFactory

pytestmark = pytest.mark.django_db

WHAT_TO_DO = "add and approve a translation into Arabic in the review UI"


def arabic_message_quoting_french(editor, status="draft"):
    narrative = NarrativeFactory(approved=True, language="fr", text="Les promesses étaient vides.")
    excerpt = ExcerptFactory(narrative=narrative, start=0, end=13)
    message = MessageFactory(author=editor, language="ar", status=status, headline="عنوان")
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    return message, excerpt


def test_submission_is_refused_naming_the_excerpt_the_language_and_what_to_do(editor):
    message, excerpt = arabic_message_quoting_french(editor)
    with pytest.raises(services.MessageError) as info:
        services.submit_message(user=editor, message=message)
    text = info.value.messages[0]
    assert excerpt.public_id in text
    assert "in French" in text
    assert WHAT_TO_DO in text
    message.refresh_from_db()
    assert message.status == "draft"


def test_approval_is_refused_without_an_approved_translation(editor, analyst):
    message, excerpt = arabic_message_quoting_french(editor, status="in_review")
    ExcerptTranslation.objects.create(excerpt=excerpt, language="ar", text="كانت الوعود فارغة")
    with pytest.raises(services.MessageError, match=WHAT_TO_DO):
        services.approve_message(user=analyst, message=message)
    ExcerptTranslation.objects.filter(excerpt=excerpt).update(status="approved")
    services.approve_message(user=analyst, message=message)
    message.refresh_from_db()
    assert message.status == "approved"


def test_the_card_never_falls_back_to_the_original_language(editor):
    message, excerpt = arabic_message_quoting_french(editor)
    specs = card_specs(message)
    assert all(excerpt.text not in spec.quote for spec in specs.values())
    ExcerptTranslation.objects.create(
        excerpt=excerpt, language="ar", text="كانت الوعود فارغة", status="approved"
    )
    specs = card_specs(message)
    assert all(spec.quote == "كانت الوعود فارغة" for spec in specs.values())


def test_a_quote_in_the_message_language_needs_no_translation(editor, analyst):
    narrative = NarrativeFactory(approved=True, language="ar", text="كانت الوعود فارغة تماما")
    excerpt = ExcerptFactory(narrative=narrative, start=0, end=17)
    message = MessageFactory(author=editor, language="ar", headline="عنوان")
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    services.submit_message(user=editor, message=message)
    services.approve_message(user=analyst, message=message)
    assert card_specs(message)[("square", 0)].quote == excerpt.text


def test_the_preview_says_which_quote_has_no_translation(editor, client):
    message, excerpt = arabic_message_quoting_french(editor)
    client.force_login(editor)
    response = client.post(
        "/admin/campaigns/message/preview/",
        {
            "campaign": message.campaign_id,
            "template": message.template_id,
            "language": "ar",
            "headline": "عنوان",
            "excerpt_links-TOTAL_FORMS": "1",
            "excerpt_links-0-excerpt": str(excerpt.pk),
            "excerpt_links-0-position": "0",
        },
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert excerpt.public_id in error and WHAT_TO_DO in error


def test_the_message_review_page_says_which_quote_lacks_a_translation(editor, analyst, client):
    message, excerpt = arabic_message_quoting_french(editor, status="in_review")
    client.force_login(analyst)
    response = client.get(f"/review/messages/{message.public_id}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert excerpt.public_id in body and WHAT_TO_DO in body
