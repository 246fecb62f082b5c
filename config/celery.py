"""The Celery application; its configuration is the ``CELERY_*`` Django settings."""

import atexit
import logging
import os

from celery import Celery
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
    # Beat has no shutdown signal; SIGTERM and Ctrl-C end it through SystemExit, so atexit runs.
    atexit.register(record_process_stop, name)
