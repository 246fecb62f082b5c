from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from config.celery import app as celery_app
from core.heartbeat import BEAT_KEY, WORKER_KEY, record_beat_tick, record_worker_tick

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_ticks():
    cache.delete_many([BEAT_KEY, WORKER_KEY])
    yield
    cache.delete_many([BEAT_KEY, WORKER_KEY])


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
    assert response.json()["beat"] == {"ok": False, "last_tick": None, "age_s": None}


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
