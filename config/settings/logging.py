"""Logging: one plain line per record on the console."""

from __future__ import annotations

from config.settings.environment import env

# --- Logging --------------------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        # Lapsed beat wake-ups are DEBUG, not a screenful of INFO at worker start (the
        # filter says why).
        "expired_wakeups": {"()": "core.logfilters.ExpiredWakeupFilter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's request logger would print request bodies on errors; keep it to the line.
        "django.request": {"level": "WARNING", "propagate": True},
        # Beat wakes the publisher every second: one line per wake-up would drown the rest.
        "celery.beat": {"level": env.str("CELERY_BEAT_LOG_LEVEL", default="WARNING")},
        "celery.app.trace": {"level": env.str("CELERY_TASK_LOG_LEVEL", default="WARNING")},
        "celery.worker.strategy": {"level": env.str("CELERY_TASK_LOG_LEVEL", default="WARNING")},
        "celery.worker.request": {"filters": ["expired_wakeups"]},
    },
}
