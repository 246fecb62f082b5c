"""The translation workflow: analysts add and edit excerpt translations; another approves them.

Every text passes the leak scanner against the whole vault before it is saved and again
before it is approved (a vault match is refused outright). Each saved text is kept as a
version; an edit sends an approved translation back to review, and the messages quoting the
excerpt go back to review too (``campaigns`` handles the translation's ``post_save``). Only
an approved translation is ever quoted (``narratives.selectors.quote_in_language``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import revisions
from core.models import Revision, User
from narratives.models import Excerpt, ExcerptTranslation, ExcerptTranslationVersion
from narratives.translations import (
    SavedTranslation,
    TranslationError,
    check_translation_text,
    findings_in,
)

APPROVE_PERMISSION = "narratives.approve_narrative"


@transaction.atomic
def save_excerpt_translation(
    *, user: User, excerpt: Excerpt, language: str, text: str
) -> SavedTranslation:
    """Add the excerpt's translation into ``language``, or edit the one there is.

    A changed text is a new version, awaiting approval; an unchanged one changes nothing.
    """
    text = (text or "").strip()
    if not text:
        raise TranslationError(_("Write the translation before saving it."), code="empty")
    if language == excerpt.narrative.language:
        raise TranslationError(
            _("The excerpt is already in that language: choose another one."),
            code="same_language",
        )
    translation = (
        ExcerptTranslation.objects.select_for_update()
        .filter(excerpt=excerpt, language=language)
        .first()
    ) or ExcerptTranslation(excerpt=excerpt, language=language)
    if translation.pk is not None and translation.text == text:
        return SavedTranslation(translation, findings_in(text))
    translation.text = text
    return record_translation_version(user=user, translation=translation)


@transaction.atomic
def record_translation_version(
    *, user: User, translation: ExcerptTranslation, reverted_from: int | None = None
) -> SavedTranslation:
    """Save ``translation`` as it stands (after the leak check) as its newest version, back in
    review: the one place a translation's text is written (the admin's form comes here too).
    ``reverted_from``: the revision whose text this is, when it is a revert."""
    needed = "change" if translation.pk else "add"
    if not user.has_perm(f"narratives.{needed}_excerpttranslation"):
        raise PermissionDenied(_("You may not edit translations."))
    if translation.excerpt.status != Excerpt.Status.APPROVED:
        raise TranslationError(
            _("Only an excerpt approved for reuse can be translated."),
            code="excerpt_not_approved",
        )
    check_translation_text(translation.text)
    if translation.pk is not None:  # as it stood before this change, if nothing kept it yet
        revisions.ensure_baseline(ExcerptTranslation.objects.get(pk=translation.pk))
    translation.translated_by = user
    translation.status = ExcerptTranslation.Status.IN_REVIEW
    translation.approved_by, translation.approved_at = None, None
    translation.save()
    ExcerptTranslationVersion.objects.create(
        translation=translation,
        number=_current_number(translation) + 1,
        text=translation.text,
        edited_by=user,
    )
    revisions.record(
        translation,
        user=user,
        kind=Revision.Kind.EDITED if reverted_from is None else Revision.Kind.REVERTED,
        reverted_from=reverted_from,
    )
    return SavedTranslation(translation, findings_in(translation.text))


@transaction.atomic
def approve_translation(*, user: User, translation: ExcerptTranslation) -> SavedTranslation:
    """Approve a translation awaiting review: four eyes, and a clean vault check now."""
    if not user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("You may not approve translations."))
    locked = ExcerptTranslation.objects.select_for_update().get(pk=translation.pk)
    if locked.status == ExcerptTranslation.Status.APPROVED:
        raise TranslationError(_("This translation is already approved."), code="approved")
    if translation.text != locked.text:
        raise TranslationError(
            _("The translation changed since you opened it: reload the page and read it again."),
            code="stale",
        )
    if _edited_since_approval(locked, user):
        raise TranslationError(
            _(
                "You wrote or edited this version of the translation, so another analyst must "
                "approve it."
            ),
            code="four_eyes",
        )
    check_translation_text(locked.text)
    locked.status = ExcerptTranslation.Status.APPROVED
    locked.approved_by, locked.approved_at = user, timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    locked.versions.filter(number=_current_number(locked)).update(approved_at=locked.approved_at)
    return SavedTranslation(locked, findings_in(locked.text))


def _edited_since_approval(translation: ExcerptTranslation, user: User) -> bool:
    """Whether ``user`` wrote any version since the last approved one (or any version, if
    none was approved): the text awaiting approval is theirs, in part at least."""
    versions = translation.versions.all()
    last_approved = versions.filter(approved_at__isnull=False).aggregate(n=Max("number"))["n"] or 0
    return versions.filter(number__gt=last_approved, edited_by=user).exists()


def _current_number(translation: ExcerptTranslation) -> int:
    return translation.versions.aggregate(n=Max("number"))["n"] or 0
