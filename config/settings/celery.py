"""The broker, the cache, Celery and its beat schedule, and the work leases."""

from __future__ import annotations

from config.settings.environment import VAR_DIR, env

# --- Broker and cache -----------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
# Without REDIS_URL, `make run` supervises an embedded Redis (core/embedded_redis.py) on a unix
# socket in var/: the same broker and cache code as production, with nothing to install.
EMBEDDED_REDIS = not REDIS_URL
if EMBEDDED_REDIS:
    from core.embedded_redis import socket_path as _embedded_socket

    _socket = _embedded_socket(VAR_DIR)
    CELERY_BROKER_URL = f"redis+socket://{_socket}"
    _cache_location = f"unix://{_socket}?db=1"
else:
    CELERY_BROKER_URL = REDIS_URL
    _cache_location = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the hard time limit, so a running task is never redelivered.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CACHES = {
    "default": {
        # Shared by every web, worker and beat process; INCR is atomic across them.
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_location,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cms"),
    }
}

# --- Celery ---------------------------------------------------------------------------------

CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True  # tasks write their outcome to the database
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Celery's persistent scheduler that Ctrl-C and SIGTERM stop between ticks (config/celery.py).
CELERY_BEAT_SCHEDULER = "config.celery:Scheduler"

# A worker holds a rendition or webhook delivery under a lease it renews while it works;
# a lease that has run out means the worker died, and the sweeper hands the work out again.
WORK_LEASE_SECONDS = env.float("WORK_LEASE_SECONDS", default=15.0)
# Messages one publishing transaction claims (campaigns/publishing.py).
PUBLISH_BATCH_SIZE = env.int("PUBLISH_BATCH_SIZE", default=100)
WORK_LEASE_RENEW_SECONDS = env.float("WORK_LEASE_RENEW_SECONDS", default=5.0)

HEARTBEAT_INTERVAL = env.float("HEARTBEAT_INTERVAL", default=10.0)
# How old the last beat tick or worker heartbeat may be before /healthz calls it down.
HEARTBEAT_STALE_AFTER = env.float("HEARTBEAT_STALE_AFTER", default=HEARTBEAT_INTERVAL * 4)


def _sweep(
    task: str, interval_env: str, default: float, *, expires: int | None = None
) -> dict[str, object]:
    """A beat entry waking ``task`` every ``interval_env`` seconds (``default`` if unset)."""
    entry: dict[str, object] = {"task": task, "schedule": env.float(interval_env, default=default)}
    if expires is not None:
        entry["options"] = {"expires": expires}
    return entry


CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "core.tasks.heartbeat",
        "schedule": HEARTBEAT_INTERVAL,
        "kwargs": {"from_beat": True},
        "options": {"expires": HEARTBEAT_INTERVAL * 3},
    },
    # The database holds the schedule; beat only wakes the sweeper. Expiring quickly keeps a
    # backlog of wake-ups from piling up while workers are down.
    "publish-due-messages": _sweep(
        "campaigns.tasks.publish_due_messages", "PUBLISH_SWEEP_INTERVAL", 0.5, expires=10
    ),
    # With WORK_LEASE_SECONDS, work whose worker died is taken up again within
    # lease + sweep interval (about 25 s).
    "sweep-renditions": _sweep(
        "campaigns.tasks.sweep_renditions", "RENDITION_SWEEP_INTERVAL", 10.0, expires=30
    ),
    "sweep-webhook-deliveries": _sweep(
        "partners.tasks.sweep_webhook_deliveries", "WEBHOOK_SWEEP_INTERVAL", 10.0, expires=30
    ),
    # SQLite's planner statistics (PostgreSQL's autovacuum keeps its own): see core.planner.
    "refresh-planner-statistics": _sweep(
        "core.tasks.refresh_planner_statistics", "PLANNER_STATISTICS_INTERVAL", 3600.0, expires=600
    ),
    # Notice e-mails the broker lost are queued again (core.notices).
    "resend-pending-notice-emails": _sweep(
        "core.tasks.resend_pending_notice_emails", "NOTICE_EMAIL_SWEEP_INTERVAL", 300.0, expires=600
    ),
    # Custodians hear once per record and expiry date of a consent ending within 30 days.
    "notify-expiring-consents": _sweep(
        "narratives.tasks.notify_expiring_consents", "CONSENT_NOTICE_INTERVAL", 3600.0
    ),
    "retire-expired-consents": _sweep(
        "narratives.tasks.retire_expired_consents", "CONSENT_SWEEP_INTERVAL", 3600.0
    ),
}
