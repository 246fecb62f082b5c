"""Short leases on claimed work, renewed from a background thread while the work runs.

A worker claims a row (a rendition, a webhook delivery) by setting its status and a lease
expiry in one conditional UPDATE. While it works, a ``LeaseKeeper`` pushes the expiry forward
every few seconds; if the worker dies, renewals stop, the lease runs out, and the row's
sweeper hands the work to another worker. The lease can be short (seconds, not the task's
time limit) because a live worker keeps renewing it however long the work takes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)


def lease_duration() -> timedelta:
    """How long a claim stays valid without renewal."""
    return timedelta(seconds=settings.WORK_LEASE_SECONDS)


def lease_expiry(now: datetime | None = None) -> datetime:
    """When a lease taken or renewed ``now`` runs out."""
    return (now or timezone.now()) + lease_duration()


def lease_run_out(now: datetime) -> Q:
    """Rows whose ``lease_expires_at`` has passed: their worker is presumed dead."""
    # No expiry at all: claimed before leases existed, so long ago.
    return Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True)


class LeaseKeeper:
    """Call ``renew`` every ``every`` seconds from a thread until the block ends.

    ``renew`` returns False once the lease is no longer ours (the row moved on); renewals then
    stop. A failed renewal (database away) is logged and tried again at the next tick. When the
    caller is inside a transaction, its claim is not visible to other connections yet, so there
    is nothing a second connection could renew and no thread is started.
    """

    def __init__(self, renew: Callable[[], bool], *, every: float | None = None) -> None:
        self.renew = renew
        self.every = settings.WORK_LEASE_RENEW_SECONDS if every is None else every
        self.renewals = 0
        self.renewed = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> LeaseKeeper:
        if not connection.in_atomic_block:
            self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread is not None:
            # A renewal stuck on a lock must not hold up the work's result; a late one only
            # touches a row that is no longer being worked on, and changes nothing then.
            self._thread.join(timeout=self.every)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                try:
                    still_ours = self.renew()
                except DatabaseError as exc:
                    logger.warning("lease renewal failed: %s", type(exc).__name__)
                    continue
                if not still_ours:
                    return
                self.renewals += 1
                self.renewed.set()
        finally:
            connections.close_all()  # this thread's own connections only
