from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from config.celery import app as celery_app
from core.heartbeat import (
    Kind,
    record_beat_tick,
    record_process_start,
    record_process_stop,
    record_worker_tick,
)

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_everything_ticks(client):
    record_beat_tick()
    record_worker_tick("worker@test")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["broker"]["ok"]
    assert body["worker"]["hostname"] == "worker@test"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_before_beat_ever_ticked(client):
    record_worker_tick("worker@test")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["beat"] == {
        "ok": False,
        "last_tick": None,
        "age_s": None,
        "restarts": 0,
        "last_restart_at": None,
    }


def test_healthz_reports_a_stalled_beat_and_its_age(client, settings):
    settings.HEARTBEAT_STALE_AFTER = 30
    record_beat_tick(now=timezone.now() - timedelta(minutes=5))
    record_worker_tick("worker@test")
    body = client.get("/healthz").json()
    assert body["beat"]["ok"] is False
    assert 299 < body["beat"]["age_s"] < 330
    assert body["worker"]["ok"] is True


def test_healthz_reports_a_dead_worker_while_beat_ticks(client):
    record_beat_tick()
    record_worker_tick("worker@test", now=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["ok"] is False


def test_healthz_is_503_when_the_broker_is_unreachable(client, monkeypatch):
    record_beat_tick()
    record_worker_tick("worker@test")
    secret_url = "redis://:s3cret-password@127.0.0.1:1/0"
    monkeypatch.setattr(celery_app.conf, "broker_url", secret_url)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"]["ok"] is False
    assert "s3cret" not in response.content.decode()


def test_healthz_rejects_writes(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_reports_overdue_publications(client):
    from tests.factories import MessageFactory

    record_beat_tick()
    record_worker_tick("worker@test")
    MessageFactory(status="scheduled", publish_at=timezone.now() - timedelta(minutes=10))
    MessageFactory(status="scheduled", publish_at=timezone.now() - timedelta(seconds=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    publishing = response.json()["publishing"]
    assert publishing["overdue"] == 1
    assert 590 < publishing["oldest_overdue_s"] < 700


def test_healthz_counts_a_worker_start_after_an_unclean_stop_as_a_restart(client):
    record_beat_tick()
    record_process_start(Kind.WORKER, "worker@test")
    record_process_stop("worker@test")
    record_process_start(Kind.WORKER, "worker@test")  # a clean stop before: not a restart
    assert client.get("/healthz").json()["worker"]["restarts"] == 0

    record_process_start(Kind.WORKER, "worker@test")  # never stopped: it was killed
    worker = client.get("/healthz").json()["worker"]
    assert worker["ok"] is True
    assert worker["restarts"] == 1
    assert worker["last_restart_at"] is not None


def test_heartbeats_do_not_live_in_the_cache(client):
    record_beat_tick()
    record_worker_tick("worker@test")
    cache.clear()  # what a Redis restart without persistence does
    assert client.get("/healthz").status_code == 200
