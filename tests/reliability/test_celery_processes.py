"""Real Celery processes against the configured broker (Redis in CI, the embedded Redis
otherwise)."""

from __future__ import annotations

import signal

import pytest
from django.db.models import F

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


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_beat_stops_cleanly_when_the_signal_lands_while_it_sends_a_tick(tmp_path, sig):
    # A sweep every 5 ms keeps beat sending much of the time, so the signal may land mid-tick,
    # where Celery's own handler raised SystemExit inside the broker client (two tracebacks).
    # The window is too narrow to hit every time: tests/core/test_beat_stop.py covers it.
    beat = celery_beat(tmp_path, PUBLISH_SWEEP_INTERVAL="0.005", HEARTBEAT_INTERVAL="1")
    try:
        # ticking: it has sent the heartbeat (1 s) after its start, and many sweeps meanwhile
        wait_for(
            lambda: ProcessHeartbeat.objects.filter(
                kind="beat", running=True, last_seen__gt=F("started_at")
            ).exists(),
            60,
            "beat's first heartbeat tick",
            beat,
        )
        beat.signal(sig)
        code = beat.popen.wait(20)
    finally:
        beat.stop()
    output = beat.output()
    assert code == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert "beat raised exception" not in output
    assert "Couldn't apply scheduled task" not in output
    assert "config.celery.Scheduler" in output  # the banner names the scheduler in use
    # a clean stop: the next start is not counted as a restart
    assert not ProcessHeartbeat.objects.get(kind="beat").running
