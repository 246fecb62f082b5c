"""The vault: custodians' access and writes, rechecks when it knows more, key rotation."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from core import audit
from narratives.models import (
    ExcerptTranslation,
    Narrative,
    SourceRecord,
    VaultAccess,
)
from narratives.services.common import Status
from narratives.services.editing import _return_to_review_if_approved

if TYPE_CHECKING:
    from core.models import User

logger = logging.getLogger(__name__)

# --- Vault ---------------------------------------------------------------------------------


def record_vault_access(*, user: User, source_record: SourceRecord, action: str) -> VaultAccess:
    """Append one line to the vault access log."""
    audit.record(action=f"vault.{action}", actor=user, target=source_record.narrative)
    return VaultAccess.objects.create(
        source_record=source_record,
        narrative_public_id=source_record.narrative.public_id,
        user=user,
        username=user.get_username(),
        action=action,
    )


def find_source_record(*, user: User, reference: str) -> SourceRecord | None:
    """The vault record filed under ``reference`` (compared through its keyed hash), or None.

    Every lookup is written to the audit trail, found or not, with the record it led to but
    never the reference itself: custodians can see who searched the vault and how often.
    """
    from narratives.crypto import blind_index

    record = (
        SourceRecord.objects.filter(external_ref_index=blind_index(reference))
        .select_related("narrative")
        .only("pk", "narrative__public_id")
        .first()
    )
    audit.record(
        action=audit.Action.VAULT_LOOKUP,
        actor=user,
        target=record.narrative if record is not None else None,
        detail={"found": record is not None},
    )
    return record


@transaction.atomic
def save_source_record(*, user: User, source_record: SourceRecord) -> SourceRecord:
    """Save a vault record, keep its reference's blind index current, and log the write."""
    from narratives.crypto import blind_index

    creating = source_record.pk is None
    source_record.external_ref_index = (
        blind_index(source_record.external_ref) if source_record.external_ref else None
    )
    if creating and source_record.created_by_id is None:
        source_record.created_by = user
    # What the detectors find in the free text is part of the vault from now on.
    source_record.derive_identifiers()
    source_record.save()
    # New identifiers may now appear in texts already approved, scheduled or live: the
    # narratives here, and (through ``vault_changed``) whatever other apps built on them.
    transaction.on_commit(functools.partial(_announce_vault_change, source_record.pk))
    record_vault_access(
        user=user,
        source_record=source_record,
        action=VaultAccess.Action.CREATE if creating else VaultAccess.Action.CHANGE,
    )
    return source_record


RECHECK_QUEUED_KEY = "vault-recheck-queued:narratives"


def _announce_vault_change(pk: int) -> None:
    """After a vault write commits: recheck the approved narratives, tell the other apps.

    The record's ``updated_at`` is stamped again first, now that the write is visible: a
    leak check that began before this moment may have read the vault without it (the write
    was not committed yet), and it must count as older than the vault, whatever its clock.

    One recheck is queued for a burst of writes (an import). Until it has run, partners are
    still safe: the API checks every narrative, excerpt and translation against the vault
    as it is at serve time.
    """
    from django.core.cache import cache

    from narratives.signals import vault_changed
    from narratives.tasks import recheck_narratives_against_vault

    SourceRecord.objects.filter(pk=pk).update(updated_at=timezone.now())
    try:
        if cache.add(RECHECK_QUEUED_KEY, 1, timeout=600):
            recheck_narratives_against_vault.delay()
    except Exception as exc:  # the broker or the cache is away: serve-time checks still hold
        cache.delete(RECHECK_QUEUED_KEY)
        logger.warning(
            "vault_recheck_not_queued error=%s",
            type(exc).__name__,
            extra={"event": "vault_recheck_not_queued"},
        )
    vault_changed.send(sender=SourceRecord)


def recheck_narratives_against_vault() -> int:
    """The vault changed: scan every approved narrative again; return how many came down.

    One whose title, text or a translation of one of its excerpts now holds a vault value
    goes back to review (its excerpts stop being reusable with it). The event and the audit
    entry name the narrative and the fields, never the value. Each narrative is handled in
    its own transaction, so a long rescan never holds locks on all of them.
    """
    from narratives.selectors import vault_match_check

    matches = vault_match_check()
    returned = 0
    approved = Narrative.objects.filter(status=Status.APPROVED).order_by("pk")
    for pk in approved.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            narrative = Narrative.objects.select_for_update().filter(pk=pk).first()
            if narrative is None or narrative.status != Status.APPROVED:
                continue
            fields = [name for name in ("title", "text") if matches(getattr(narrative, name))]
            translations = ExcerptTranslation.objects.filter(excerpt__narrative=narrative)
            if any(matches(text) for text in translations.values_list("text", flat=True)):
                fields.append("translation")
            if not fields:
                continue
            _return_to_review_if_approved(narrative, actor=None, why="vault match", fields=fields)
            audit.record(
                action=audit.Action.NARRATIVE_RETURNED_TO_REVIEW, actor=None, target=narrative
            )
            returned += 1
    if returned:
        logger.info(
            "vault_recheck narratives_returned=%s",
            returned,
            extra={"event": "vault_recheck", "narratives_returned": returned},
        )
    return returned


def reencrypt_vault(batch_size: int = 500) -> int:
    """Re-encrypt every vault record under the newest key; return how many were rewritten.

    Loading decrypts with whichever key fits, and saving encrypts with the newest one. The
    blind index is keyed by the newest key too, so it is recomputed on the way, and so is a
    derivation of the free text that is missing or out of date.
    """
    from narratives.crypto import blind_index
    from narratives.vault import is_current

    fields = SourceRecord.encrypted_field_names()
    count = 0
    pks = list(SourceRecord.objects.order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(pks), batch_size):
        with transaction.atomic():
            records = list(
                SourceRecord.objects.select_for_update().filter(
                    pk__in=pks[offset : offset + batch_size]
                )
            )
            for record in records:
                record.external_ref_index = (
                    blind_index(record.external_ref) if record.external_ref else None
                )
                if not is_current(record.derived_identifiers, record.source_texts()):
                    record.derive_identifiers()
            SourceRecord.objects.bulk_update(records, [*fields, "external_ref_index"])
            count += len(records)
    return count
