"""Liveness of beat and the workers, kept in the shared cache.

Beat records a tick each time it publishes the heartbeat task; a worker records one each time
it runs it. So a stale beat tick means beat has stalled, and a fresh beat tick with a stale
worker tick means no worker is consuming.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

BEAT_KEY = "heartbeat:beat"
WORKER_KEY = "heartbeat:worker"
_KEEP_FOR = 7 * 24 * 3600


def record_beat_tick(now: datetime | None = None) -> None:
    cache.set(BEAT_KEY, (now or timezone.now()).isoformat(), _KEEP_FOR)


def record_worker_tick(hostname: str, now: datetime | None = None) -> None:
    cache.set(
        WORKER_KEY, {"at": (now or timezone.now()).isoformat(), "hostname": hostname}, _KEEP_FOR
    )


def _age(value: str | None, now: datetime) -> float | None:
    if not value:
        return None
    return round((now - datetime.fromisoformat(value)).total_seconds(), 3)


def heartbeat_status(now: datetime | None = None) -> dict[str, dict]:
    """Return ``{"beat": {...}, "worker": {...}}`` with each tick's time, age and verdict."""
    now = now or timezone.now()
    stale_after = settings.HEARTBEAT_STALE_AFTER
    beat_at = cache.get(BEAT_KEY)
    worker = cache.get(WORKER_KEY) or {}
    beat_age = _age(beat_at, now)
    worker_age = _age(worker.get("at"), now)
    return {
        "beat": {
            "ok": beat_age is not None and beat_age <= stale_after,
            "last_tick": beat_at,
            "age_s": beat_age,
        },
        "worker": {
            "ok": worker_age is not None and worker_age <= stale_after,
            "last_heartbeat": worker.get("at"),
            "age_s": worker_age,
            "hostname": worker.get("hostname"),
        },
    }
