"""The Celery application; its configuration is the ``CELERY_*`` Django settings."""

import atexit
import logging
import os

from celery import Celery, platforms
from celery.beat import PersistentScheduler
from celery.signals import (
    beat_init,
    before_task_publish,
    worker_ready,
    worker_shutdown,
)
from django.db import DatabaseError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

log = logging.getLogger(__name__)

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

HEARTBEAT_TASK = "core.tasks.heartbeat"


@before_task_publish.connect
def record_beat_tick(sender=None, body=None, **kwargs) -> None:
    """When beat publishes the heartbeat, note the tick, so a stalled beat is visible."""
    if sender != HEARTBEAT_TASK:
        return
    # Protocol 2 bodies are (args, kwargs, embed); only beat's schedule entry sets from_beat.
    task_kwargs = body[1] if isinstance(body, list | tuple) and len(body) > 1 else {}
    if task_kwargs.get("from_beat"):
        from core.heartbeat import record_beat_tick as record

        try:
            record()
        except DatabaseError as exc:  # the tick is lost, beat goes on: /healthz reports it
            log.warning("beat tick not recorded: %s", type(exc).__name__)


@worker_ready.connect
def record_worker_start(sender=None, **kwargs) -> None:
    """Note the worker's start; after a run that never stopped cleanly it is a restart."""
    from core.heartbeat import Kind, record_process_start

    if record_process_start(Kind.WORKER, sender.hostname):
        log.warning("worker %s restarted after an unclean stop", sender.hostname)


@worker_shutdown.connect
def record_worker_stop(sender=None, **kwargs) -> None:
    from core.heartbeat import record_process_stop

    try:
        record_process_stop(sender.hostname)
    except DatabaseError as exc:
        log.warning("worker stop not recorded: %s", type(exc).__name__)


@beat_init.connect
def record_beat_start(sender=None, **kwargs) -> None:
    """Note beat's start (a restart after an unclean stop is counted), and its clean exit."""
    from core.heartbeat import Kind, beat_name, record_process_start, record_process_stop

    name = beat_name()
    if record_process_start(Kind.BEAT, name):
        log.warning("beat %s restarted after an unclean stop", name)
    # Beat has no shutdown signal; SIGTERM and Ctrl-C end its loop (below), so atexit runs.
    atexit.register(record_process_stop, name)


class Scheduler(PersistentScheduler):
    """Celery's persistent scheduler, told apart while it sends a tick's tasks.

    Celery's own SIGTERM and Ctrl-C handler raises SystemExit wherever beat is. With the
    publishing sweep every half second beat is often in the middle of sending one; the broker
    client then swallows the SystemExit as a lost connection, beat logs the tick as failed with
    a traceback, goes on with its schedule file closed and dies with a second traceback. Here a
    stop that arrives mid-tick lets the tick finish and ends the loop right after it.
    """

    ticking = False
    stopping = False

    def tick(self, *args, **kwargs):
        self.ticking = True
        try:
            interval = super().tick(*args, **kwargs)
        finally:
            self.ticking = False
        return 0 if self.stopping else interval


@beat_init.connect
def stop_beat_between_ticks(sender=None, **kwargs) -> None:
    """SIGTERM and Ctrl-C end beat between two ticks: at once while it sleeps, else after the
    tick it is sending (``sender``: the beat service, which has saved its schedule on exit)."""
    scheduler = sender.scheduler

    def stop(signum, frame) -> None:
        sender.stop()
        if not isinstance(scheduler, Scheduler):
            raise SystemExit()  # another scheduler class: Celery's own behaviour
        scheduler.stopping = True
        if not scheduler.ticking:
            raise SystemExit()

    platforms.signals.update(SIGTERM=stop, SIGINT=stop)
