"""Writes for campaigns and messages. Every state change that matters goes through here."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from campaigns.models import Message

logger = logging.getLogger(__name__)

FINAL_STATUSES = frozenset({Message.Status.WITHDRAWN, Message.Status.EXPIRED})


@transaction.atomic
def withdraw_messages_using_excerpts(*, excerpt_ids: Iterable[int], reason: str, actor=None) -> int:
    """Take down at once every message that quotes one of the excerpts; return how many."""
    excerpt_ids = list(excerpt_ids)
    if not excerpt_ids:
        return 0
    messages = (
        Message.objects.select_for_update()
        .filter(excerpt_links__excerpt_id__in=excerpt_ids)
        .exclude(status__in=FINAL_STATUSES)
        .distinct()
    )
    count = 0
    now = timezone.now()
    for message in messages:
        message.status = Message.Status.WITHDRAWN
        message.withdrawn_at = now
        message.withdrawal_reason = reason
        message.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
        logger.info(
            "message withdrawn",
            extra={"message_id": message.public_id, "why": "source narrative retired"},
        )
        count += 1
    return count
