"""Real Celery processes against the configured broker (Redis in CI, the embedded Redis
otherwise)."""

from __future__ import annotations

import pytest

from config.celery import app as celery_app
from core.models import ProcessHeartbeat
from core.tasks import heartbeat
from tests.reliability.process import celery_beat, celery_worker, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clean_slate():
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_declare("celery", durable=True)
        conn.default_channel.queue_purge("celery")


def test_real_worker_runs_a_task_from_the_broker(tmp_path):
    worker = celery_worker(tmp_path)
    try:
        heartbeat.delay()
        tick = wait_for(
            lambda: ProcessHeartbeat.objects.filter(kind="worker").first(),
            60,
            "the worker's heartbeat",
            worker,
        )
    finally:
        worker.stop()
    assert tick.name.startswith("w1@")
    # A task sent by hand is not a beat tick.
    assert not ProcessHeartbeat.objects.filter(kind="beat").exists()


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


def test_real_worker_renders_a_message_end_to_end(tmp_path):
    from campaigns import services
    from campaigns.models import MessageExcerpt, Rendition
    from tests.factories import ExcerptFactory, MessageFactory, VisualTemplateFactory

    template = VisualTemplateFactory(formats=["square", "story"])
    message = MessageFactory(
        headline="وعدوهم بالبيت والراتب، ولم يأتِ شيء.", language="ar", template=template
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    services.queue_renditions(message=message)  # commits, so the tasks go out now

    worker = celery_worker(tmp_path)
    try:
        wait_for(
            lambda: Rendition.objects.filter(message=message, status="ready").count() == 2,
            90,
            "both renditions ready",
            worker,
        )
    finally:
        worker.stop()
    from django.core.files.storage import default_storage

    for rendition in Rendition.objects.filter(message=message):
        assert default_storage.exists(rendition.file.name)
        assert rendition.attempts == 1
    assert "rendition ready" in worker.output()


def test_real_worker_renders_every_slide_of_a_carousel_once(tmp_path):
    from django.core.files.storage import default_storage

    from campaigns import services
    from campaigns.models import MessageExcerpt, Rendition
    from tests.factories import ExcerptFactory, MessageFactory, VisualTemplateFactory

    template = VisualTemplateFactory(layout="carousel", formats=["square", "story"])
    message = MessageFactory(headline="They promised a salary.", cta_text="Talk to us",
                             template=template)  # fmt: skip
    for position in range(2):
        MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory(), position=position)
    expected = sorted(services.card_specs(message))
    assert len(expected) == 2 * 4  # cover, two quotes, closing; two formats
    services.queue_renditions(message=message)  # commits, so the tasks go out now

    worker = celery_worker(tmp_path)
    try:
        wait_for(
            lambda: Rendition.objects.filter(message=message, status="ready").count() == 8,
            120,
            "every slide ready",
            worker,
        )
    finally:
        worker.stop()
    rows = Rendition.objects.filter(message=message)
    assert sorted(rows.values_list("format", "slide")) == expected
    for rendition in rows:
        assert default_storage.exists(rendition.file.name)
        assert rendition.attempts == 1
    assert len({r.file_sha256 for r in rows}) == 8
