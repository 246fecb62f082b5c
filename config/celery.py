"""The Celery application; its configuration is the ``CELERY_*`` Django settings."""

import os

from celery import Celery
from celery.signals import before_task_publish, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

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

        record()


@worker_init.connect
def preload_scanner(**kwargs) -> None:
    """Load the leak scanner's gazetteer in the worker's parent, so forked children share it."""
    from django.conf import settings

    if settings.SCANNER_PRELOAD:
        from narratives.anonymize import gazetteer_stats

        gazetteer_stats()
