"""Signals other apps listen to; sent inside the transaction that made the change."""

from django.dispatch import Signal

# Sent with ``message`` and ``event`` ("message.published", "message.updated",
# "message.withdrawn", "message.unpublished") when a message's public state changes.
# Receivers write to their own outbox tables in the same transaction.
message_event = Signal()
