"""Campaigns' handlers of narratives' events: quoted excerpts changed or retired, the vault changed."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from campaigns.models import (
    Message,
)
from campaigns.services.workflow import (
    FINAL_STATUSES,
    RETURNABLE,
    MStatus,
    _return_to_review,
    withdraw_message,
)

if TYPE_CHECKING:
    from core.models import User

logger = logging.getLogger(__name__)


@transaction.atomic
def withdraw_messages_using_excerpts(
    *, excerpt_ids: Iterable[int], reason: str, actor: User | None = None
) -> int:
    """Take down at once every message that quotes one of the excerpts; return how many."""
    excerpt_ids = list(excerpt_ids)
    if not excerpt_ids:
        return 0
    # PostgreSQL refuses FOR UPDATE with DISTINCT: find the ids, then lock those rows.
    ids = (
        Message.objects.filter(excerpt_links__excerpt_id__in=excerpt_ids)
        .exclude(status__in=FINAL_STATUSES)
        .values("pk")
    )
    count = 0
    for message in Message.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        withdraw_message(user=None, message=message, reason=reason)
        count += 1
    return count


RECHECK_QUEUED_KEY = "vault-recheck-queued:campaigns"


def queue_vault_recheck() -> None:
    """Queue one recheck of the messages; a burst of vault writes (an import) queues one.

    If the broker is away the messages stay out of ``live`` (fail closed) until the
    publisher's sweep finds them stale and queues the recheck again.
    """
    from django.core.cache import cache

    from campaigns.tasks import recheck_messages_against_vault

    try:
        if cache.add(RECHECK_QUEUED_KEY, 1, timeout=600):
            recheck_messages_against_vault.delay()
    except Exception as exc:
        cache.delete(RECHECK_QUEUED_KEY)
        logger.warning(
            "vault_recheck_not_queued error=%s",
            type(exc).__name__,
            extra={"event": "vault_recheck_not_queued"},
        )


RECHECK_REQUEUE_KEY = "vault-recheck-requeued:campaigns"
RECHECK_REQUEUE_EVERY_S = 120


def requeue_lost_vault_recheck() -> bool:
    """Queue the recheck again if a published message waits for one; at most every two
    minutes, so a recheck still running is not piled on. True if it queued one."""
    from django.core.cache import cache

    from campaigns.selectors import messages_awaiting_recheck

    try:
        if not messages_awaiting_recheck().exists():
            return False
        if not cache.add(RECHECK_REQUEUE_KEY, 1, timeout=RECHECK_REQUEUE_EVERY_S):
            return False
        cache.delete(RECHECK_QUEUED_KEY)
    except Exception as exc:
        logger.warning(
            "vault_recheck_not_requeued error=%s",
            type(exc).__name__,
            extra={"event": "vault_recheck_not_requeued"},
        )
        return False
    queue_vault_recheck()
    return True


@transaction.atomic
def recheck_messages_against_vault() -> int:
    """The vault changed: scan every approved, scheduled or live message again.

    One that now matches a vault record is withdrawn if it was scheduled or live (it may be
    visible right now), or sent back to review if it was only approved. Returns how many.
    """
    from campaigns.selectors import message_findings

    acted = 0
    checked_at = timezone.now()  # the clean checks hold for the vault as it is from here
    for message in Message.objects.select_for_update().filter(status__in=RETURNABLE):
        findings = [f for f in message_findings(message) if f.vault]
        if not findings:
            message.leak_checked_at = checked_at
            message.save(update_fields=["leak_checked_at"])
            continue
        if message.status == MStatus.APPROVED:
            _return_to_review(message, actor=None, comment="The vault now holds text it uses.")
        else:
            withdraw_message(
                user=None,
                message=message,
                reason="Withdrawn automatically: the vault now holds text this message uses.",
            )
        acted += 1
    return acted
