"""The vault's list of fields (narratives.vault.VAULT_FIELDS) is the model's."""

from __future__ import annotations

from narratives.fields import EncryptedTextField
from narratives.models import SourceRecord
from narratives.vault import IDENTIFIER_FIELDS, SOURCE_FIELDS, VAULT_FIELD_NAMES


def test_every_field_a_custodian_writes_is_on_the_list():
    model_fields = {f.name: f for f in SourceRecord._meta.concrete_fields}
    assert set(VAULT_FIELD_NAMES) <= set(model_fields)
    encrypted = {
        name for name, f in model_fields.items() if isinstance(f, EncryptedTextField) and f.editable
    }
    assert encrypted <= set(VAULT_FIELD_NAMES)
    assert set(SOURCE_FIELDS) <= set(VAULT_FIELD_NAMES)
    assert {name for name, _ in IDENTIFIER_FIELDS}.isdisjoint(SOURCE_FIELDS)


def test_identifiers_come_in_the_scanners_order():
    record = SourceRecord(
        real_name="N", aliases="A1\nA2", kunya="K", home_town="T", contacts="C", external_ref="R"
    )
    assert record.identifiers() == [
        ("name", "N"),
        ("alias", "A1"),
        ("alias", "A2"),
        ("kunya", "K"),
        ("town", "T"),
        ("contact", "C"),
        ("ref", "R"),
    ]
