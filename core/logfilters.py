"""Logging filters named in ``config/settings/logging.py``."""

from __future__ import annotations

import logging

from django.conf import settings

DISCARDED = "Discarding revoked task: %s[%s]"


def expiring_wakeups() -> frozenset[str]:
    """The tasks beat sends with an ``expires``: wake-ups that lapse by design when no worker
    takes them in time (a worker restarting, the stack starting)."""
    names = {
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if "expires" in (entry.get("options") or {})
    }
    # The publisher's own fan-out wake-ups (campaigns.tasks) expire the same way.
    return frozenset(names | {"campaigns.tasks.publish_due_messages"})


class ExpiredWakeupFilter(logging.Filter):
    """Celery's worker says "Discarding revoked task" at INFO for every task it drops, and an
    expired wake-up is one: beat sends the publisher's every half second with a 10 s expiry,
    so a worker that starts (or restarts) under a running beat drops a screenful of them.
    Nothing in this project revokes a task by id, so for these tasks the line only ever means
    "a wake-up lapsed, as designed": it is logged at DEBUG. Other tasks keep the INFO line."""

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        self._names: frozenset[str] | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != DISCARDED or not isinstance(record.args, tuple) or not record.args:
            return True
        if self._names is None:
            self._names = expiring_wakeups()
        if record.args[0] not in self._names:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
