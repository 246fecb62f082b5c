"""Real Celery processes against the configured broker (Redis in CI, the filesystem otherwise)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from config.celery import app as celery_app
from core.heartbeat import BEAT_KEY, WORKER_KEY
from core.tasks import heartbeat
from tests.reliability.process import celery_beat, celery_worker, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clean_slate():
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_declare("celery", durable=True)
        conn.default_channel.queue_purge("celery")
    cache.delete_many([BEAT_KEY, WORKER_KEY])


def test_real_worker_runs_a_task_from_the_broker(tmp_path):
    worker = celery_worker(tmp_path)
    try:
        heartbeat.delay()
        tick = wait_for(lambda: cache.get(WORKER_KEY), 60, "the worker's heartbeat", worker)
    finally:
        worker.stop()
    assert tick["hostname"].startswith("w1@")
    # A task sent by hand is not a beat tick.
    assert cache.get(BEAT_KEY) is None
    assert "core.tasks.heartbeat" in worker.output()


def test_healthz_turns_healthy_once_worker_and_beat_tick(tmp_path, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["beat"]["ok"] is False

    worker = celery_worker(tmp_path, HEARTBEAT_INTERVAL="1")
    beat = celery_beat(tmp_path, HEARTBEAT_INTERVAL="1")
    try:
        wait_for(
            lambda: client.get("/healthz").status_code == 200, 60, "/healthz 200", worker, beat
        )
        report = client.get("/healthz").json()
    finally:
        beat.stop()
        worker.stop()
    assert report["status"] == "ok"
    assert report["beat"]["ok"] and report["worker"]["ok"]
    assert report["worker"]["hostname"].startswith("w1@")
