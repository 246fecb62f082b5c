"""Writes for excerpt translations: each one passes the leak scanner before it is saved.

A translation is a text that leaves the system (the partner API serves it, messages quote
it), so it is checked against the whole vault and the detectors like any other. A vault
match is refused outright; there is nothing to dismiss. Other findings are reported back:
a message quoting the translation is scanned again at its approval and its publication.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.models import User
from narratives.models import ExcerptTranslation
from narratives.selectors import vault_matches, vault_scanner

VAULT_MATCH_MESSAGE = (
    "This translation matches a vault record (a name, place, contact or something from the "
    "source notes) and was not saved: rewrite or redact that part."
)


class TranslationError(ValidationError):
    """A translation the rules do not allow; the message is for users and holds no text."""


@dataclass(frozen=True)
class SavedTranslation:
    translation: ExcerptTranslation
    findings: tuple[str, ...]  # categories of the detectors' findings, for a warning


def check_translation_text(text: str) -> None:
    """Raise ``TranslationError`` if the text matches any vault record."""
    if vault_matches(text or ""):
        raise TranslationError(VAULT_MATCH_MESSAGE, code="vault_match")


@transaction.atomic
def save_translation(*, user: User, translation: ExcerptTranslation) -> SavedTranslation:
    """Save a translation of an excerpt after the leak check; refuse one matching the vault."""
    needed = "change" if translation.pk else "add"
    if not user.has_perm(f"narratives.{needed}_excerpttranslation"):
        raise PermissionDenied("You may not edit translations.")
    check_translation_text(translation.text)
    if translation.translated_by_id is None:
        translation.translated_by = user
    translation.save()
    findings = tuple(sorted({f.category for f in vault_scanner().scan(translation.text)}))
    return SavedTranslation(translation, findings)
