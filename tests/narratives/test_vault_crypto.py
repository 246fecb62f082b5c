"""The vault's fields are encrypted at rest, rotate across keys, and never leak in errors."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.db import connection

from narratives import crypto
from narratives.models import SourceRecord
from tests.factories import SourceRecordFactory

pytestmark = pytest.mark.django_db

CANARY = "Canary-Zubair-7731"


def _raw_column(pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM narratives_sourcerecord WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_values_are_stored_encrypted_and_read_back_in_clear():
    record = SourceRecordFactory(real_name=CANARY, home_town="Canarytown")
    raw = _raw_column(record.pk, "real_name")
    assert CANARY not in raw
    assert raw.startswith("gAAAA")  # a Fernet token
    assert SourceRecord.objects.get(pk=record.pk).real_name == CANARY


def test_str_and_repr_never_show_vault_content():
    record = SourceRecordFactory(real_name=CANARY)
    assert CANARY not in str(record)
    assert CANARY not in repr(record)


def test_encrypted_fields_refuse_lookups():
    with pytest.raises(FieldError, match="does not support 'exact'"):
        list(SourceRecord.objects.filter(real_name=CANARY))
    with pytest.raises(FieldError):
        list(SourceRecord.objects.filter(real_name__icontains="Can"))


def test_rotation_keeps_old_rows_readable_and_reencrypts_under_the_newest(settings):
    old_key = settings.FIELD_ENCRYPTION_KEY[0]
    record = SourceRecordFactory(real_name=CANARY)
    old_token = _raw_column(record.pk, "real_name")

    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = [new_key, old_key]
    assert SourceRecord.objects.get(pk=record.pk).real_name == CANARY
    rotated = crypto.rotate(old_token)
    assert Fernet(new_key.encode()).decrypt(rotated.encode()).decode() == CANARY

    settings.FIELD_ENCRYPTION_KEY = [new_key]
    with pytest.raises(crypto.VaultDecryptionError):
        crypto.decrypt(old_token)


def test_decryption_error_names_no_value(settings):
    record = SourceRecordFactory(real_name=CANARY)
    settings.FIELD_ENCRYPTION_KEY = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.VaultDecryptionError) as info:
        SourceRecord.objects.get(pk=record.pk)
    assert CANARY not in str(info.value)
    assert "gAAAA" not in str(info.value)


def test_blind_index_matches_despite_spacing_and_case():
    assert crypto.blind_index("Ref  42") == crypto.blind_index("ref 42")
    assert crypto.blind_index("ref 42") != crypto.blind_index("ref 43")
    digest = crypto.blind_index("ref 42")
    assert len(digest) == 64
    assert int(digest, 16) >= 0  # hexadecimal: the reference itself is not in it
    assert "ref" not in digest


def test_rotate_command_reencrypts_everything_under_the_newest_key(settings):
    from django.core.management import call_command

    from narratives.services import save_source_record
    from tests.factories import NarrativeFactory, UserFactory

    old_key = settings.FIELD_ENCRYPTION_KEY[0]
    custodian = UserFactory(username="rot_custodian")
    record = SourceRecord(narrative=NarrativeFactory(), real_name=CANARY, external_ref="case-17")
    save_source_record(user=custodian, source_record=record)
    others = SourceRecordFactory.create_batch(3)

    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_vault_keys", stdout=out)
    assert "Re-encrypted 4 vault records" in out.getvalue()

    settings.FIELD_ENCRYPTION_KEY = [new_key]  # the old key is gone now
    assert SourceRecord.objects.get(pk=record.pk).real_name == CANARY
    assert all(SourceRecord.objects.get(pk=o.pk).real_name == o.real_name for o in others)
    assert (
        SourceRecord.objects.get(external_ref_index=crypto.blind_index("case-17")).pk == record.pk
    )
