"""Signals other apps listen to; sent inside the transaction that made the change."""

from django.dispatch import Signal

# Sent with ``message`` and ``event`` ("message.published", "message.updated",
# "message.withdrawn", "message.unpublished") when a message's public state changes.
# Receivers write to their own outbox tables in the same transaction.
message_event = Signal()

# Sent with ``messages`` (a list) and ``event`` when the publisher changes a batch of messages
# at once, in place of one ``message_event`` each, so receivers can do their lookups once.
messages_event = Signal()

# Sent with ``experiment`` and ``event`` ("experiment.started", "experiment.stopped") when an
# experiment starts or stops: partners that serve its variants hear of it.
experiment_event = Signal()
