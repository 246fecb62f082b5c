"""Beat's SIGTERM and Ctrl-C handler (config/celery.py): a stop that lands while beat sends a
tick's tasks waits for the tick to end; a stop while it sleeps ends it at once. (The process
test in tests/reliability/test_celery_processes.py stops a real beat; the race itself is too
narrow to hit on purpose there.)"""

from __future__ import annotations

import signal
from unittest import mock

import pytest
from celery import platforms
from celery.beat import Service

from config.celery import Scheduler, stop_beat_between_ticks
from config.celery import app as celery_app


@pytest.fixture
def service(tmp_path):
    service = Service(
        app=celery_app, scheduler_cls=Scheduler, schedule_filename=str(tmp_path / "schedule")
    )
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield service
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        service.scheduler.close()


def _handler(service, sig):
    stop_beat_between_ticks(sender=service)
    return platforms.signals[sig]


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_stop_while_beat_sleeps_ends_it_at_once(service, sig):
    handler = _handler(service, sig)
    with pytest.raises(SystemExit):
        handler(getattr(signal, sig), None)
    assert service._is_shutdown.is_set()


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_stop_mid_tick_lets_the_tick_finish_and_then_ends_the_loop(service, sig):
    handler = _handler(service, sig)
    scheduler = service.scheduler

    def tick_interrupted(*args, **kwargs):
        handler(getattr(signal, sig), None)  # no SystemExit inside the broker client
        return 4.5

    with mock.patch("celery.beat.PersistentScheduler.tick", tick_interrupted):
        interval = scheduler.tick()
    # no sleep after the tick: the loop sees the shutdown at once and beat saves its schedule
    assert interval == 0
    assert service._is_shutdown.is_set()
    assert not scheduler.ticking


def test_an_ordinary_tick_keeps_its_interval(service):
    _handler(service, "SIGTERM")
    with mock.patch("celery.beat.PersistentScheduler.tick", return_value=0.5):
        assert service.scheduler.tick() == 0.5
    assert not service._is_shutdown.is_set()


def test_beat_uses_the_scheduler_that_stops_between_ticks():
    assert celery_app.conf.beat_scheduler == "config.celery:Scheduler"
