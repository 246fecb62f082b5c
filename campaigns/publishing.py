"""Publishing and unpublishing on schedule, exactly once, whatever runs twice.

What is live is decided at query time from the schedule (``Message.objects.live``), so a
message is never late to go up or come down even with no worker running. The sweeper here
carries the side effects: the status change, the ``PublishEvent`` record, the audit entry,
the partners' outbox rows (via the ``messages_event`` signal, once per batch) and the cache purge.

Throughput: due messages are taken in batches, one transaction per batch, and a batch is
claimed and moved to its new status by a single ``UPDATE … RETURNING``. On PostgreSQL the
rows it updates are picked by ``SELECT … FOR UPDATE SKIP LOCKED LIMIT n``, so concurrent
sweepers (two beats, several workers, a retried task) take different batches and never wait
on each other; on SQLite, which has no row locks, the transaction is IMMEDIATE, so one
writer at a time runs the conditional update (``WHERE status = 'scheduled'``). The events
and audit entries of a batch are one INSERT each.

Exactly once: a worker killed mid-batch rolls its transaction back, so its claim disappears
with it and the next sweep takes those messages again: there is no claim left behind to
reset. On top, a unique constraint on (message, kind, scheduled_for) makes a second event
impossible. If a batch fails, its messages are retried one by one at once, so only the one
at fault is held back (with backoff) and the others are not.

Messages whose leak check is no longer current (the vault changed since) are not batched:
each is checked again, then published or refused, one transaction each.
"""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from campaigns.changed import refresh_shown_changed_at
from campaigns.models import (
    Message,
    MessageEvent,
    PublishEvent,
    due_q,
    leak_check_current_q,
)
from campaigns.signals import messages_event
from core import audit

logger = logging.getLogger(__name__)

Status = Message.Status
MAX_BACKOFF_S = 300
# Messages per transaction (the default of settings.PUBLISH_BATCH_SIZE). Large enough that
# 1,000 due at once take a handful of transactions; small enough that concurrent sweepers on
# PostgreSQL share a burst.
BATCH_SIZE = 100


def batch_size() -> int:
    return max(1, int(getattr(settings, "PUBLISH_BATCH_SIZE", BATCH_SIZE)))


# At most this many extra sweepers for a burst (see tasks.py), one per further batch due.
FAN_OUT_SWEEPERS = 3


@dataclass
class SweepResult:
    published: int = 0
    unpublished: int = 0
    refused: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.published + self.unpublished + self.refused + self.failed

    def add(self, outcome: str, count: int = 1) -> None:
        setattr(self, outcome, getattr(self, outcome) + count)


@dataclass(frozen=True)
class _Step:
    """Publishing or unpublishing: where a message comes from and goes to."""

    kind: str
    status_from: str
    status_to: str
    due_column: str
    stamp_column: str
    announcement: str
    outcome: str


_PUBLISH = _Step(
    PublishEvent.Kind.PUBLISH,
    Status.SCHEDULED,
    Status.PUBLISHED,
    "publish_at",
    "published_at",
    "message.published",
    "published",
)
_UNPUBLISH = _Step(
    PublishEvent.Kind.UNPUBLISH,
    Status.PUBLISHED,
    Status.EXPIRED,
    "unpublish_at",
    "unpublished_at",
    "message.unpublished",
    "unpublished",
)


def _due_to_publish(now) -> QuerySet[Message]:
    return Message.objects.filter(due_q(Status.SCHEDULED, now))


def _due_to_unpublish(now) -> QuerySet[Message]:
    return Message.objects.filter(due_q(Status.PUBLISHED, now))


def _skip_locked() -> bool:
    return connection.features.has_select_for_update_skip_locked


def _due(status: str, now) -> QuerySet[Message]:
    """What a claim takes: the due messages, locked (PostgreSQL) and skipping rows another
    sweeper holds. SQLite, without row locks, relies on its IMMEDIATE transaction."""
    due = Message.objects.filter(due_q(status, now))
    return due.select_for_update(skip_locked=True) if _skip_locked() else due


def _compiled(queryset: QuerySet) -> tuple[str, tuple]:
    """The SQL and parameters the ORM would run for ``queryset``, to embed in a statement."""
    return queryset.query.get_compiler(connection=connection).as_sql()


@dataclass(frozen=True)
class _Claimed:
    pk: int
    public_id: str
    due_at: datetime
    leak_check_current: bool = True


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)
    parsed = parse_datetime(value)  # SQLite returns text
    if parsed is None:
        raise ValueError("not a datetime")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


_BATCH_CLAIM_SQL = """
    UPDATE campaigns_message
    SET status = %s, {stamp} = %s, publish_attempts = 0, publish_error = '',
        publish_retry_at = NULL, updated_at = %s
    WHERE status = %s AND id {among}
    RETURNING id, public_id, {due}
"""


def _claim_batch(
    step: _Step, now, occurred, *, limit: int, ids: list[int] | None = None, checked=False
) -> list[_Claimed]:
    """Inside a transaction: move up to ``limit`` due messages (of ``ids`` if given) to the
    step's new status in one statement and return them.

    Publishing takes only messages whose leak check is current, unless the caller has just
    ``checked`` them; the others go one by one through ``_publish_checked``.
    """
    from campaigns.selectors import vault_changed_at

    due = _due(step.status_from, now)
    if step is _PUBLISH and not checked:
        due = due.filter(leak_check_current_q(vault_changed_at()))
    if ids is not None:
        due = due.filter(pk__in=ids)
    due_sql, due_params = _compiled(due.order_by(step.due_column, "pk").values("pk")[:limit])
    # PostgreSQL: ARRAY() runs the locking subquery exactly once, whatever the plan.
    among = f"= ANY(ARRAY({due_sql}))" if _skip_locked() else f"IN ({due_sql})"
    sql = _BATCH_CLAIM_SQL.format(stamp=step.stamp_column, due=step.due_column, among=among)
    adapt = connection.ops.adapt_datetimefield_value
    params = [step.status_to, adapt(occurred), adapt(occurred), step.status_from, *due_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    claimed = [_Claimed(pk, public_id, _as_datetime(due)) for pk, public_id, due in rows]
    refresh_shown_changed_at(message_ids=[c.pk for c in claimed])
    return sorted(claimed, key=lambda c: (c.due_at, c.pk))


def _claim_to_check(now, vault_changed_at) -> _Claimed | None:
    """Inside a transaction: lock one message due to publish for this sweeper, or return None.

    SQLite: the transaction already holds the database's write lock (IMMEDIATE mode), so no
    other writer can change the row before the conditional update that publishes it.
    """
    current = ExpressionWrapper(leak_check_current_q(vault_changed_at), output_field=BooleanField())
    row = (
        _due(Status.SCHEDULED, now)
        .annotate(current=current)
        .order_by("publish_at", "pk")
        .values_list("pk", "public_id", "publish_at", "current")
        .first()
    )
    if row is None:
        return None
    return _Claimed(row[0], row[1], _as_datetime(row[2]), bool(row[3]))


_INSERT_EVENTS_SQL = """
    INSERT INTO campaigns_publishevent
        (message_id, kind, scheduled_for, occurred_at, worker, reason, actor_id)
    SELECT id, %s, {due}, %s, %s, '', NULL FROM campaigns_message WHERE id IN ({marks})
"""


def _insert_events(step: _Step, ids: list[int], occurred, worker: str) -> None:
    """One publish event and one audit entry per message, one INSERT each for the batch."""
    if not ids:
        return
    adapt = connection.ops.adapt_datetimefield_value
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_EVENTS_SQL.format(due=step.due_column, marks=marks),
            [step.kind, adapt(occurred), worker[:200], *ids],
        )
    audit.record_publish_events(kind=step.kind, message_pks=ids, occurred=occurred, worker=worker)


def _record(step: _Step, claimed: list[_Claimed], occurred, worker: str) -> None:
    """Inside the claim's transaction: the events, audit entries and announcements."""
    _insert_events(step, [c.pk for c in claimed], occurred, worker)
    if claimed and messages_event.has_listeners(Message):
        announced = [_announced(due) for due in claimed]
        messages_event.send(sender=Message, messages=announced, event=step.announcement)


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


def _announced(due: _Claimed) -> Message:
    """The message as listeners receive it: its ids only; they load what else they need."""
    return Message(pk=due.pk, public_id=due.public_id)


def _leaks(message_id: int) -> bool:
    from campaigns.selectors import message_findings

    return bool(message_findings(Message.objects.get(pk=message_id)))


class _Batch:
    """One transaction's worth of work, with what it claimed and whether it committed."""

    def __init__(self) -> None:
        self.claimed: list[_Claimed] = []
        self.committed = False

    def mark_committed(self) -> None:
        self.committed = True


def _run_batch(
    step: _Step, now, worker: str, result: SweepResult, ids: list[int] | None = None
) -> bool:
    """Claim and record one batch in one transaction; return False when nothing was due."""
    batch = _Batch()
    try:
        with transaction.atomic():
            # First in line, so a failing after-commit callback cannot hide the commit.
            transaction.on_commit(batch.mark_committed)
            occurred = timezone.now()
            limit = len(ids) if ids else batch_size()
            batch.claimed = _claim_batch(step, now, occurred, limit=limit, ids=ids)
            if batch.claimed:
                _record(step, batch.claimed, occurred, worker)
    except Exception as exc:
        if batch.committed:
            # Queueing follow-up work failed (the broker is away, say): the sweepers that
            # deliver it find it in the database again.
            logger.warning(
                "publish_after_commit_failed error=%s",
                type(exc).__name__,
                extra={"event": "publish_after_commit_failed"},
            )
        elif not batch.claimed:
            raise
        elif len(batch.claimed) == 1:
            _record_failure(batch.claimed[0].pk, exc)
            result.add("failed")
            return True
        else:
            # Which message is at fault is unknown: take them again one by one, so only
            # that one waits for a retry.
            for due in batch.claimed:
                _run_batch(step, now, worker, result, ids=[due.pk])
            return True
    if not batch.claimed:
        return False
    result.add(step.outcome, len(batch.claimed))
    for due in batch.claimed:
        _log_event(step.kind, due, occurred, worker)
    _purge_public_caches()
    return True


def _publish_checked(now, worker: str, result: SweepResult) -> bool:
    """Claim one due message, check it for leaks again if the vault changed since it was last
    found clean, and publish or refuse it, in one transaction. False when nothing was due."""
    from campaigns.selectors import vault_changed_at
    from campaigns.services.workflow import withdraw_message

    claimed: list[int] = []
    # A clean check holds for the vault as it was when the check began, not when it ended.
    checked_at = timezone.now()
    try:
        with transaction.atomic():
            due = _claim_to_check(now, vault_changed_at())
            if due is None:
                return False
            claimed.append(due.pk)
            if not due.leak_check_current and _leaks(due.pk):
                message = Message.objects.get(pk=due.pk)
                withdraw_message(
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
                result.add("refused")
                return True
            occurred = timezone.now()
            if not due.leak_check_current:
                # Found clean against the vault as it is now: ``live`` may serve it.
                Message.objects.filter(pk=due.pk).update(leak_checked_at=checked_at)
            published = _claim_batch(_PUBLISH, now, occurred, limit=1, ids=[due.pk], checked=True)
            _record(_PUBLISH, published, occurred, worker)
    except Exception as exc:
        if not claimed:
            raise
        _record_failure(claimed[0], exc)
        result.add("failed")
        return True
    result.add("published", len(published))
    for row in published:
        _log_event(PublishEvent.Kind.PUBLISH, row, occurred, worker)
    _purge_public_caches()
    return True


def _purge_public_caches() -> None:
    """Purge after each batch: public caches are stale for at most a batch's length."""
    from campaigns.services.workflow import purge_public_caches

    try:
        purge_public_caches()
    except Exception as exc:
        # The cache is away (a Redis restart): publishing goes on; the next batch purges.
        logger.warning(
            "publish_purge_failed error=%s",
            type(exc).__name__,
            extra={"event": "publish_purge_failed"},
        )


def sweep(*, now=None, budget_s: float = 25.0, worker: str = "") -> SweepResult:
    """Publish and unpublish everything due, a batch per transaction, within a time budget.

    Publishing goes first, so a message whose whole window passed while no worker ran gets
    both of its events, in order.
    """
    worker = worker or socket.gethostname()
    result = SweepResult()
    deadline = time.monotonic() + budget_s
    steps = [
        (_due_to_publish, lambda: _run_batch(_PUBLISH, now or timezone.now(), worker, result)),
        (_due_to_publish, lambda: _publish_checked(now or timezone.now(), worker, result)),
        (_due_to_unpublish, lambda: _run_batch(_UNPUBLISH, now or timezone.now(), worker, result)),
    ]
    for due, step in steps:
        # A plain read first: most wake-ups find nothing due, and on SQLite a claim would
        # take the database's write lock (from the web server too) to find that out.
        if not due(now or timezone.now()).exists():
            continue
        while time.monotonic() < deadline and step():
            pass
    return result


def due_count(now=None) -> int:
    now = now or timezone.now()
    return _due_to_publish(now).count() + _due_to_unpublish(now).count()


def extra_sweepers_wanted(now=None) -> int:
    """How many more sweepers would shorten a burst: one per further batch due, on a database
    with row locks; none on SQLite, where one writer at a time does the work anyway."""
    if not _skip_locked():
        return 0
    return min(FAN_OUT_SWEEPERS, max(0, due_count(now) - 1) // batch_size())
