"""Erasure: when consent is withdrawn, the person's data is deleted everywhere it lives."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt, PublishEvent
from narratives import services
from narratives.models import (
    ExcerptTranslation,
    FindingDismissal,
    Narrative,
    NarrativeEvent,
    SourceRecord,
)
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    VisualTemplateFactory,
)

pytestmark = pytest.mark.django_db

CANARIES = {
    "vault": "CANARY-VAULT-q7x",
    "text": "CANARYTEXTz9k",
    "translation": "CANARYTRANSLATIONw2",
    "comment": "CANARYCOMMENTp5",
    "dismissal": "CANARYDISMISSALm3",
}


def all_table_text() -> str:
    """Every row of every table, as the database stores it."""
    chunks = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


@pytest.mark.parametrize("layout", [None, "carousel"])
def test_withdrawal_of_consent_erases_the_person_everywhere(
    custodian, analyst, editor, django_capture_on_commit_callbacks, layout
):
    narrative = NarrativeFactory(
        approved=True,
        text=f"I met {CANARIES['text']} at the depot. The promises were empty.",
        country="BE",
    )
    record = SourceRecordFactory(
        narrative=narrative,
        real_name=CANARIES["vault"],
        aliases=CANARIES["vault"] + "-alias",
        raw_text=CANARIES["vault"] + " raw",
        consent_notes=CANARIES["vault"] + " notes",
    )
    record.external_ref = "case-erasure-1"
    services.save_source_record(user=custodian, source_record=record)
    excerpt = ExcerptFactory(narrative=narrative, start=0, end=20)
    ExcerptTranslation.objects.create(excerpt=excerpt, language="fr", text=CANARIES["translation"])
    NarrativeEvent.objects.create(
        narrative=narrative, actor=analyst, action="edited", comment=CANARIES["comment"]
    )
    FindingDismissal.objects.create(
        narrative=narrative, fingerprint="f" * 64, category="person", reason=CANARIES["dismissal"]
    )
    # A carousel also holds the quote in its slide's alt text (Rendition.alt_text).
    template = VisualTemplateFactory(layout=layout, formats=["square"]) if layout else None
    message = MessageFactory(
        author=editor, status="published", publish_at="2026-01-01T00:00Z", template=template
    )
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    campaign_services.queue_renditions(message=message)
    if layout:
        assert CANARIES["text"] in message.renditions.get(slide=1).alt_text
    rendition = message.renditions.first()
    campaign_services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    rendition.refresh_from_db()
    image = rendition.file.name
    assert default_storage.exists(image)
    cache.set(campaign_services.CONTENT_VERSION_KEY, 41, None)
    before = all_table_text()
    assert CANARIES["text"] in before and CANARIES["translation"] in before

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_consent(user=custodian, source_record=record)

    after = all_table_text()
    for name, canary in CANARIES.items():
        assert canary not in after, name
    vault = SourceRecord.objects.get(pk=record.pk)
    assert (vault.real_name, vault.aliases, vault.raw_text, vault.consent_notes) == ("", "", "", "")
    assert vault.consent_withdrawn_at is not None
    narrative.refresh_from_db()
    assert (narrative.status, narrative.title, narrative.country, narrative.left_on) == (
        "retired",
        "[erased]",
        "",
        None,
    )
    message.refresh_from_db()
    assert message.status == "withdrawn"
    assert PublishEvent.objects.filter(message=message, kind="withdraw").exists()
    assert not message.renditions.exists()
    assert not default_storage.exists(image)
    assert cache.get(campaign_services.CONTENT_VERSION_KEY) > 41  # public caches purged
    # The tombstones that remain are the ids, statuses and logs.
    assert Narrative.objects.filter(public_id=narrative.public_id).exists()


def test_an_erased_source_cannot_be_imported_again(custodian):
    from narratives.intake import file_intake

    record = SourceRecordFactory(real_name="Someone")
    record.external_ref = "case-erasure-2"
    services.save_source_record(user=custodian, source_record=record)
    services.withdraw_consent(user=custodian, source_record=record)
    result = file_intake(
        user=custodian,
        data={
            "external_ref": "case-erasure-2",
            "title": "Again",
            "text": "Again",
            "language": "en",
            "source_kind": "interview",
            "reason_objects": [],
            "primary_reason": "",
        },
    )
    assert result.created is False
    assert Narrative.objects.count() == 1
