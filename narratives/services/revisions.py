"""Reverting a narrative or a translation to one of its revisions (``core.revisions``).

A revert is an edit: it writes a new revision (marked as a revert), the person reverting
counts as having edited it (four eyes: another analyst approves), and an approved narrative
or translation goes back to review, where the leak scanner looks at the restored text again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import revisions
from core.models import Revision, User
from narratives.models import ExcerptTranslation, Narrative
from narratives.services.common import NarrativeError
from narratives.services.editing import _apply_edit, _lock_editable
from narratives.services.translations import record_translation_version
from narratives.translations import TranslationError


def _values_of(revision: Revision, obj: Narrative | ExcerptTranslation) -> dict[str, str]:
    if revisions.belongs_to(revision, obj):
        return revisions.values(revision)
    if isinstance(obj, Narrative):
        refusal = _(
            "That revision belongs to another narrative: open that narrative's history to "
            "revert to it."
        )
    else:
        refusal = _(
            "That revision belongs to another translation: open its excerpt's history to "
            "revert to it."
        )
    raise NarrativeError(refusal)


@transaction.atomic
def revert_narrative(*, user: User, narrative: Narrative, revision: Revision) -> Narrative:
    """Bring back a revision's title and text as a new revision; an approved narrative goes
    back to review (another analyst approves it)."""
    narrative = _lock_editable(user, narrative, "edited")
    saved = _values_of(revision, narrative)
    if saved.get("title") == narrative.title and saved.get("text") == narrative.text:
        raise NarrativeError(
            _("Revision %(number)s is the narrative as it is now: there is nothing to revert.")
            % {"number": revision.number}
        )
    return _apply_edit(
        user,
        narrative,
        title=saved.get("title"),
        text=saved.get("text"),
        reverted_from=revision.number,
    )


@transaction.atomic
def revert_translation(
    *, user: User, translation: ExcerptTranslation, revision: Revision
) -> ExcerptTranslation:
    """Bring back a revision's translated text as a new version awaiting approval (the leak
    check runs on it again)."""
    locked = ExcerptTranslation.objects.select_for_update().get(pk=translation.pk)
    saved = _values_of(revision, locked)
    if saved.get("text", "") == locked.text:
        raise TranslationError(
            _("Revision %(number)s is the translation as it is now: there is nothing to revert.")
            % {"number": revision.number},
            code="unchanged",
        )
    locked.text = saved.get("text", "")
    record_translation_version(user=user, translation=locked, reverted_from=revision.number)
    return locked
