"""Publishing and unpublishing on schedule, exactly once, whatever runs twice.

What is live is decided at query time from the schedule (``Message.objects.live``), so a
message is never late to go up or come down even with no worker running. The sweeper here
carries the side effects: the status change, the ``PublishEvent`` record, the partners'
outbox rows (via the ``message_event`` signal) and the cache purge.

Exactly once: each publish or unpublish is one transaction that claims one due message and
records its event. On PostgreSQL the claim is ``SELECT … FOR UPDATE SKIP LOCKED``, so
concurrent sweepers (two beats, several workers, a retried task) take different rows and
never wait on each other; on SQLite, which has no row locks, it is a conditional UPDATE
(``WHERE status = 'scheduled'``) inside an IMMEDIATE transaction, which only one writer can
win. A worker killed mid-publish rolls its transaction back, so its claim disappears with it
and the next sweep takes the message again: there is no claim left behind to reset. On top,
a unique constraint on (message, kind, scheduled_for) makes a second event impossible.
"""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from campaigns.models import Message, MessageEvent, PublishEvent
from campaigns.signals import message_event
from core import audit

logger = logging.getLogger(__name__)

Status = Message.Status
MAX_BACKOFF_S = 300
# More due than this at the start of a sweep wakes extra sweepers (see tasks.py).
FAN_OUT_ABOVE = 50


@dataclass
class SweepResult:
    published: int = 0
    unpublished: int = 0
    refused: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.published + self.unpublished + self.refused + self.failed


def _due_to_publish(now):  # the same conditions as the claim's SQL, for counting
    return Message.objects.filter(status=Status.SCHEDULED, publish_at__lte=now).filter(
        Q(publish_retry_at__isnull=True) | Q(publish_retry_at__lte=now)
    )


def _due_to_unpublish(now):
    return Message.objects.filter(status=Status.PUBLISHED, unpublish_at__lte=now).filter(
        Q(publish_retry_at__isnull=True) | Q(publish_retry_at__lte=now)
    )


@dataclass(frozen=True)
class _Claimed:
    pk: int
    public_id: str
    due_at: datetime
    leak_check_current: bool


_CLAIM_SQL = """
    SELECT id, public_id, {due}, leak_checked_at IS NOT NULL
           AND (%s IS NULL OR leak_checked_at >= %s)
    FROM campaigns_message
    WHERE status = %s AND {due} <= %s
      AND (publish_retry_at IS NULL OR publish_retry_at <= %s)
    ORDER BY {due}, id
    LIMIT 1
"""


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)
    parsed = parse_datetime(value)  # SQLite returns text
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


def _claim(status_from: str, now, vault_changed_at) -> _Claimed | None:
    """Inside a transaction: lock one due message for this sweeper, or return None.

    Plain SQL: this runs once per publication, and the ORM's query compilation would cost
    more than the database's work.
    """
    due_column = "publish_at" if status_from == Status.SCHEDULED else "unpublish_at"
    sql = _CLAIM_SQL.format(due=due_column)
    skip_locked = connection.features.has_select_for_update_skip_locked
    if skip_locked:
        sql += " FOR UPDATE SKIP LOCKED"
    adapt = connection.ops.adapt_datetimefield_value
    changed = adapt(vault_changed_at) if vault_changed_at is not None else None
    with connection.cursor() as cursor:
        cursor.execute(sql, [changed, changed, status_from, adapt(now), adapt(now)])
        row = cursor.fetchone()
        if row is None:
            return None
        if not skip_locked:
            # SQLite: the transaction already holds the database's write lock (IMMEDIATE
            # mode), so no other writer can change the row between the read and this
            # conditional update; a zero count means another sweeper got there first.
            cursor.execute(
                "UPDATE campaigns_message SET updated_at = %s WHERE id = %s AND status = %s",
                [adapt(timezone.now()), row[0], status_from],
            )
            if cursor.rowcount != 1:
                return None
    return _Claimed(row[0], row[1], _as_datetime(row[2]), bool(row[3]))


def _set_status(pk: int, status: str, stamp_column: str, occurred) -> None:
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE campaigns_message SET status = %s, {stamp_column} = %s, "  # noqa: S608 - fixed column names  # nosec B608
            "publish_attempts = 0, publish_error = '', publish_retry_at = NULL, updated_at = %s "
            "WHERE id = %s",
            [status, adapt(occurred), adapt(occurred), pk],
        )


def _insert_event(pk: int, kind: str, due_at, occurred, worker: str) -> None:
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO campaigns_publishevent "
            "(message_id, kind, scheduled_for, occurred_at, worker, reason, actor_id) "
            "VALUES (%s, %s, %s, %s, %s, '', NULL)",
            [pk, kind, adapt(due_at), adapt(occurred), worker[:200]],
        )
    audit.record_publish_event(kind=kind, message_pk=pk, occurred=occurred, worker=worker)


def _record_failure(message_id: int, error: Exception) -> None:
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message_id)
        message.publish_attempts += 1
        message.publish_error = f"{type(error).__name__}: {error}"[:2000]
        delay = min(2**message.publish_attempts, MAX_BACKOFF_S)
        message.publish_retry_at = timezone.now() + timedelta(seconds=delay)
        message.save(update_fields=["publish_attempts", "publish_error", "publish_retry_at"])
    logger.warning(
        "publish_failed message=%s attempts=%s",
        message.public_id,
        message.publish_attempts,
        extra={"event": "publish_failed", "message_id": message.public_id},
    )


def _log_event(kind: str, due: _Claimed, occurred, worker: str) -> None:
    lag = (occurred - due.due_at).total_seconds()
    logger.info(
        "publish_event kind=%s message=%s scheduled_for=%s occurred_at=%s lag_s=%.3f",
        kind,
        due.public_id,
        due.due_at.isoformat(),
        occurred.isoformat(),
        lag,
        extra={
            "event": kind,
            "message_id": due.public_id,
            "lag_s": round(lag, 3),
            "worker": worker,
        },
    )


def _guarded(step):
    """Run ``step``; if it fails after claiming a message, record the failure on that message
    (its transaction is rolled back) and report "failed" so the sweep goes on."""

    def run(now, worker: str, vault: _VaultVersion) -> str | None:
        claimed: list[int] = []
        try:
            return step(now, worker, claimed, vault)
        except Exception as exc:
            if not claimed:
                raise
            _record_failure(claimed[0], exc)
            return "failed"

    return run


class _VaultVersion:
    """When the vault last changed, read at most once a second during a sweep."""

    def __init__(self) -> None:
        self._value = None
        self._read_at = 0.0

    def get(self):
        from campaigns.selectors import vault_changed_at

        if self._read_at == 0.0 or time.monotonic() - self._read_at > 1.0:
            self._value, self._read_at = vault_changed_at(), time.monotonic()
        return self._value


def _announced(due: _Claimed) -> Message:
    """The message as listeners receive it: its ids only; they load what else they need."""
    return Message(pk=due.pk, public_id=due.public_id)


def _leaks(message_id: int) -> bool:
    from campaigns.selectors import message_findings

    return bool(message_findings(Message.objects.get(pk=message_id)))


@_guarded
def _publish_one(now, worker: str, claimed: list[int], vault: _VaultVersion) -> str | None:
    """Claim and publish one due message in one transaction; return what happened."""
    from campaigns import services

    with transaction.atomic():
        due = _claim(Status.SCHEDULED, now, vault.get())
        if due is None:
            return None
        claimed.append(due.pk)
        # The leak check runs again if the vault changed since the message was last found
        # clean (its texts cannot have changed: any edit sends it back to review).
        if not due.leak_check_current and _leaks(due.pk):
            message = Message.objects.get(pk=due.pk)
            services.withdraw_message(
                user=None,
                message=message,
                reason="Publishing refused: the leak check found identifying text.",
            )
            MessageEvent.objects.create(
                message=message,
                action=MessageEvent.Action.PUBLISH_FAILED,
                from_status=Status.SCHEDULED,
                to_status=Status.WITHDRAWN,
                comment="The leak check found identifying text at publish time.",
            )
            return "refused"
        occurred = timezone.now()
        _set_status(due.pk, Status.PUBLISHED, "published_at", occurred)
        _insert_event(due.pk, PublishEvent.Kind.PUBLISH, due.due_at, occurred, worker)
        if message_event.has_listeners(Message):
            services.announce(_announced(due), "message.published", purge=False)
    _log_event(PublishEvent.Kind.PUBLISH, due, occurred, worker)
    return "published"


@_guarded
def _unpublish_one(now, worker: str, claimed: list[int], vault: _VaultVersion) -> str | None:
    """Claim and unpublish one message whose schedule ended, in one transaction."""
    from campaigns import services

    with transaction.atomic():
        due = _claim(Status.PUBLISHED, now, vault.get())
        if due is None:
            return None
        claimed.append(due.pk)
        occurred = timezone.now()
        _set_status(due.pk, Status.EXPIRED, "unpublished_at", occurred)
        _insert_event(due.pk, PublishEvent.Kind.UNPUBLISH, due.due_at, occurred, worker)
        if message_event.has_listeners(Message):
            services.announce(_announced(due), "message.unpublished", purge=False)
    _log_event(PublishEvent.Kind.UNPUBLISH, due, occurred, worker)
    return "unpublished"


def sweep(*, now=None, budget_s: float = 25.0, worker: str = "") -> SweepResult:
    """Publish and unpublish everything due, one transaction each, within a time budget.

    Publishing goes first, so a message whose whole window passed while no worker ran gets
    both of its events, in order.
    """
    from campaigns.services import purge_public_caches

    worker = worker or socket.gethostname()
    result = SweepResult()
    vault = _VaultVersion()
    deadline = time.monotonic() + budget_s
    for step in (_publish_one, _unpublish_one):
        while time.monotonic() < deadline:
            outcome = step(now or timezone.now(), worker, vault)
            if outcome is None:
                break
            setattr(result, outcome, getattr(result, outcome) + 1)
            if result.total % 100 == 0:
                purge_public_caches()
    if result.total:
        # One purge for the batch: public caches are stale for at most the sweep's length.
        purge_public_caches()
    return result


def due_count(now=None) -> int:
    now = now or timezone.now()
    return _due_to_publish(now).count() + _due_to_unpublish(now).count()
