"""Writes for excerpt translations: each one passes the leak scanner before it is saved.

A translation is a text that leaves the system (the partner API serves it, messages quote
it), so it is checked against the whole vault and the detectors like any other. A vault
match is refused outright; there is nothing to dismiss. Other findings are reported back:
a message quoting the translation is scanned again at its approval and its publication.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import User
from narratives.models import ExcerptTranslation
from narratives.selectors import vault_matches, vault_scanner

VAULT_MATCH_MESSAGE = _(
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


def findings_in(text: str) -> tuple[str, ...]:
    """The categories of the detectors' findings in a translation, for a warning."""
    return tuple(sorted({f.category for f in vault_scanner().scan(text or "")}))


def save_translation(*, user: User, translation: ExcerptTranslation) -> SavedTranslation:
    """Save a translation of an excerpt after the leak check, as a new version awaiting
    approval; refuse one matching the vault (``services.translations`` does the writing)."""
    from narratives.services.translations import record_translation_version

    return record_translation_version(user=user, translation=translation)
