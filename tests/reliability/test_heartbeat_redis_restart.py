"""Heartbeats survive a Redis restart: /healthz does not call a live worker dead after it."""

from __future__ import annotations

import os

import pytest
from django.utils import timezone

from core.heartbeat import heartbeat_status
from tests.reliability.process import ThrowawayRedis, celery_beat, celery_worker, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]


def test_worker_and_beat_stay_alive_in_healthz_across_a_redis_restart(tmp_path, settings):
    redis = ThrowawayRedis(tmp_path)
    redis.start()
    # This process reads its cache from the same Redis the worker and beat use.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": os.environ["CACHE_KEY_PREFIX"],  # as the children's settings have it
        }
    }
    settings.HEARTBEAT_STALE_AFTER = 4
    env = {"REDIS_URL": redis.url, "HEARTBEAT_INTERVAL": "1"}
    worker = celery_worker(tmp_path, **env)
    beat = celery_beat(tmp_path, **env)
    try:

        def alive() -> bool:
            status = heartbeat_status()
            return status["worker"]["ok"] and status["beat"]["ok"]

        wait_for(alive, 90, "worker and beat heartbeats", worker, beat)
        redis.stop()
        redis.start()  # an empty Redis: no persistence, as a restarted cache would be
        restarted_at = timezone.now()
        status = heartbeat_status()
        assert status["worker"]["ok"], status
        assert status["beat"]["ok"], status

        def ticked_since_restart() -> bool:
            status = heartbeat_status()
            last = status["worker"]["last_heartbeat"]
            return bool(last) and last > restarted_at.isoformat() and status["beat"]["ok"]

        wait_for(ticked_since_restart, 60, "a heartbeat through the new Redis", worker, beat)
    finally:
        beat.stop()
        worker.stop()
        redis.stop()
