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


def reencrypt_vault(batch_size: int = 500) -> int:
    """Re-encrypt every vault record under the newest key; return how many were rewritten.

    Loading decrypts with whichever key fits, and saving encrypts with the newest one. The
    blind index is keyed by the newest key too, so it is recomputed on the way.
    """
    from narratives.crypto import blind_index
    from narratives.fields import EncryptedTextField

    fields = [
        f.name for f in SourceRecord._meta.concrete_fields if isinstance(f, EncryptedTextField)
    ]
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
            SourceRecord.objects.bulk_update(records, [*fields, "external_ref_index"])
            count += len(records)
    return count
