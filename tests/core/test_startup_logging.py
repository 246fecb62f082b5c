"""Start-up without false alarms: /healthz's 503 is a warning naming what is down (INFO while
the process starts), never Django's ERROR line; lapsed beat wake-ups are DEBUG."""

from __future__ import annotations

import logging
import time

import pytest

from core import views
from core.logfilters import DISCARDED, ExpiredWakeupFilter

pytestmark = pytest.mark.django_db


def test_a_503_from_healthz_is_no_error_line(client, caplog, monkeypatch):
    # No heartbeat yet: beat and worker are down, and this process has just started.
    monkeypatch.setattr(views, "STARTED", time.monotonic())
    with caplog.at_level(logging.DEBUG):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    mine = [r for r in caplog.records if r.name == "core.views"]
    assert len(mine) == 1 and "beat" in mine[0].getMessage() and "worker" in mine[0].getMessage()
    assert mine[0].levelno == logging.INFO and "starting up" in mine[0].getMessage()

    monkeypatch.setattr(views, "STARTED", views.STARTED - 10_000)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        client.get("/healthz")
    mine = [r for r in caplog.records if r.name == "core.views"]
    assert [r.levelno for r in mine] == [logging.WARNING]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def record(task: str) -> logging.LogRecord:
    return logging.LogRecord(
        "celery.worker.request", logging.INFO, __file__, 1, DISCARDED, (task, "id-1"), None
    )


def test_lapsed_wakeups_are_debug_and_other_discards_stay_info():
    wakeup = record("campaigns.tasks.publish_due_messages")
    logging.getLogger("celery.worker.request").setLevel(logging.INFO)
    assert ExpiredWakeupFilter().filter(wakeup) is False
    assert wakeup.levelno == logging.DEBUG
    other = record("narratives.tasks.retire_expired_consents")  # beat sends it with no expiry
    assert ExpiredWakeupFilter().filter(other) is True and other.levelno == logging.INFO


def test_the_filter_is_on_the_workers_request_logger():
    filters = logging.getLogger("celery.worker.request").filters
    assert any(isinstance(f, ExpiredWakeupFilter) for f in filters)
