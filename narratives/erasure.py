"""What narratives holds of a person's words, and how it is erased (see ``core.erasure``).

The vault record keeps only its reference's keyed hash (so the same source cannot be
imported again by mistake); the narrative keeps its public id, status, reason tags and
timestamps; excerpts keep their ids as tombstones. Everything else the person said, and
everything analysts wrote about it, goes.
"""

from __future__ import annotations

from django.utils import timezone

from core import revisions
from core.erasure import ERASED, ErasureSubject, register, scrub_admin_history
from narratives.models import (
    Excerpt,
    ExcerptTranslation,
    ExcerptTranslationVersion,
    FindingDismissal,
    Narrative,
    NarrativeEvent,
    SourceRecord,
)
from narratives.selectors import forget_disclosure_index


def erase_admin_history(subject: ErasureSubject) -> None:
    # Before the translations go (their ids are needed to find their history).
    record_ids = SourceRecord.objects.filter(narrative_id=subject.narrative_id).values_list(
        "pk", flat=True
    )
    translation_ids = ExcerptTranslation.objects.filter(
        excerpt_id__in=subject.excerpt_ids
    ).values_list("pk", flat=True)
    scrub_admin_history(Narrative, [subject.narrative_id])
    scrub_admin_history(SourceRecord, list(record_ids))
    scrub_admin_history(Excerpt, subject.excerpt_ids)
    scrub_admin_history(ExcerptTranslation, list(translation_ids))


def erase_revisions(subject: ErasureSubject) -> None:
    # Before the translations go (their ids are needed to find their revisions).
    translation_ids = ExcerptTranslation.objects.filter(
        excerpt_id__in=subject.excerpt_ids
    ).values_list("pk", flat=True)
    revisions.erase(Narrative, [subject.narrative_id])
    revisions.erase(Excerpt, subject.excerpt_ids)
    revisions.erase(ExcerptTranslation, list(translation_ids))


def erase_vault_record(subject: ErasureSubject) -> None:
    record = SourceRecord.objects.select_for_update().get(narrative_id=subject.narrative_id)
    for name in SourceRecord.encrypted_field_names():
        setattr(record, name, "")
    record.consent_expires_on = None
    record.save()


def erase_narrative_text(subject: ErasureSubject) -> None:
    Narrative.objects.filter(pk=subject.narrative_id).update(
        title=ERASED,
        text=ERASED,
        gender=Narrative.Gender.UNKNOWN,
        age_band=Narrative.AgeBand.UNKNOWN,
        country="",
        left_on=None,
        made_public_on=None,
        updated_at=timezone.now(),
    )
    forget_disclosure_index()  # an update() sends no signal: the release changes here now


def erase_excerpts(subject: ErasureSubject) -> None:
    # Every earlier text of every translation too (the versions would cascade; said here).
    ExcerptTranslationVersion.objects.filter(
        translation__excerpt_id__in=subject.excerpt_ids
    ).delete()
    ExcerptTranslation.objects.filter(excerpt_id__in=subject.excerpt_ids).delete()
    Excerpt.objects.filter(pk__in=subject.excerpt_ids).update(
        text=ERASED,
        start=0,
        end=len(ERASED),
        status=Excerpt.Status.RETIRED,
        updated_at=timezone.now(),
    )


def erase_review_history(subject: ErasureSubject) -> None:
    # Comments are free text about the person's words; the steps themselves (who, when,
    # which status) stay, and ``detail`` holds only categories, offsets and codes.
    NarrativeEvent.objects.filter(narrative_id=subject.narrative_id).update(comment="")
    FindingDismissal.objects.filter(narrative_id=subject.narrative_id).delete()


def register_handlers() -> None:
    register(
        name="narratives.admin_history",
        holds="the admin's history rows (django_admin_log) of the narrative, its vault record, "
        "excerpts and translations: object names and change messages",
        handler=erase_admin_history,
    )
    register(
        name="narratives.revisions",
        holds="every revision of the narrative (title and text), of its excerpts and of "
        "their translations",
        handler=erase_revisions,
    )
    register(
        name="narratives.vault",
        holds="the vault record: raw text, names, aliases, kunya, home town, contacts, consent",
        handler=erase_vault_record,
    )
    register(
        name="narratives.narrative",
        holds="the anonymized narrative's title, text and attributes",
        handler=erase_narrative_text,
    )
    register(
        name="narratives.excerpts",
        holds="excerpts of the narrative, their translations and every saved version of each "
        "translation's text",
        handler=erase_excerpts,
    )
    register(
        name="narratives.review",
        holds="analysts' review comments and finding-dismissal reasons on the narrative",
        handler=erase_review_history,
    )
