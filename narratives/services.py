"""Writes for narratives and the vault. Every state change that matters goes through here."""

from __future__ import annotations

from django.db import transaction

from narratives.models import SourceRecord, VaultAccess


def record_vault_access(*, user, source_record: SourceRecord, action: str) -> VaultAccess:
    """Append one line to the vault access log."""
    return VaultAccess.objects.create(
        source_record=source_record,
        narrative_public_id=source_record.narrative.public_id,
        user=user,
        username=user.get_username(),
        action=action,
    )


@transaction.atomic
def save_source_record(*, user, source_record: SourceRecord) -> SourceRecord:
    """Save a vault record, keep its reference's blind index current, and log the write."""
    from narratives.crypto import blind_index

    creating = source_record.pk is None
    source_record.external_ref_index = (
        blind_index(source_record.external_ref) if source_record.external_ref else None
    )
    if creating and source_record.created_by_id is None:
        source_record.created_by = user
    source_record.save()
    record_vault_access(
        user=user,
        source_record=source_record,
        action=VaultAccess.Action.CREATE if creating else VaultAccess.Action.CHANGE,
    )
    return source_record
