"""Signals other apps listen to. Narratives imports no app above it: they connect here."""

from django.dispatch import Signal

# Sent after a vault write commits (a record added, or its fields or free text changed), with
# no argument but ``sender``. The vault knows more now: whatever was cleared against it
# before (approved messages, scheduled ones, live ones) must be checked again. Receivers
# queue that work; until it is done, what they serve must not rely on the old check.
vault_changed = Signal()

# Sent inside the transaction, with ``excerpt_ids``, ``actor`` and ``why`` (fixed wording,
# never text), when the words of excerpts changed (a redaction inside them): whatever quotes
# them was reviewed with other words and must be reviewed again.
excerpts_changed = Signal()

# Sent inside the transaction, with ``excerpt_ids``, ``actor`` and ``reason`` (fixed
# wording), when excerpts were retired with their narrative: whatever quotes them comes down
# at once. Receivers return how many things they took down.
excerpts_retired = Signal()
