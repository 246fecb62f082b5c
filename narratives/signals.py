"""Signals other apps listen to. Narratives imports no app above it: they connect here."""

from django.dispatch import Signal

# Sent after a vault write commits (a record added, or its fields or free text changed), with
# no argument but ``sender``. The vault knows more now: whatever was cleared against it
# before (approved messages, scheduled ones, live ones) must be checked again. Receivers
# queue that work; until it is done, what they serve must not rely on the old check.
vault_changed = Signal()
