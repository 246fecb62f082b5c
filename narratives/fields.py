"""Model fields whose values are encrypted at rest."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldError
from django.db import models

from narratives import crypto

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.lookups import Lookup, Transform


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token; it cannot be filtered, ordered or searched."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt(str(value))

    def from_db_value(
        self, value: str | None, expression: object, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None:
            return None
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name != "isnull":
            raise FieldError(f"Encrypted field '{self.name}' does not support '{lookup_name}'.")
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise FieldError(f"Encrypted field '{self.name}' does not support '{lookup_name}'.")


class EncryptedJSONField(EncryptedTextField):
    """A JSON value stored as one Fernet token; an empty or missing value reads as ``None``.

    It is an ``EncryptedTextField`` as far as the vault's field list goes, so key rotation
    and erasure (which empties every encrypted field) reach it without a special case.
    """

    description = "JSON encrypted at rest"

    def get_prep_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def from_db_value(
        self, value: str | None, expression: object, connection: BaseDatabaseWrapper
    ) -> Any:
        if value is None:
            return None
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value:
            return json.loads(value)
        return value or None

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj))
