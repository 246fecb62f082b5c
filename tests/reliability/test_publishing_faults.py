"""Publishing with real processes: many due at once, workers killed, the broker restarted.

Each message must get exactly one publish event, whatever runs twice or dies midway.
"""

from __future__ import annotations

import signal
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from campaigns.models import Message, PublishEvent
from tests.factories import CampaignFactory, VisualTemplateFactory
from tests.reliability.process import ThrowawayRedis, celery_beat, celery_worker, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]

FAST = {
    "PUBLISH_SWEEP_INTERVAL": "0.5",
    "HEARTBEAT_INTERVAL": "5",
    "CELERY_TASK_LOG_LEVEL": "WARNING",
}


def make_due(count: int, publish_at) -> list[int]:
    """Create ``count`` scheduled messages due at ``publish_at``, their leak check current."""
    campaign = CampaignFactory()
    template = VisualTemplateFactory()
    messages = Message.objects.bulk_create(
        Message(
            campaign=campaign,
            template=template,
            language="en",
            headline=f"Message {i}: the promises were empty.",
            status=Message.Status.SCHEDULED,
            publish_at=publish_at,
        )
        for i in range(count)
    )
    # As if each had been approved and scheduled: found clean, with no vault change since.
    Message.objects.filter(pk__in=[m.pk for m in messages]).update(leak_checked_at=timezone.now())
    return [m.pk for m in messages]


def published(ids) -> int:
    return Message.objects.filter(pk__in=ids, status=Message.Status.PUBLISHED).count()


def assert_exactly_once(ids) -> None:
    events = (
        PublishEvent.objects.filter(message_id__in=ids, kind="publish")
        .values("message_id")
        .annotate(n=Count("pk"))
    )
    counts = {row["message_id"]: row["n"] for row in events}
    assert set(counts) == set(ids), f"{len(set(ids) - set(counts))} messages never published"
    assert max(counts.values()) == 1
    assert Message.objects.filter(pk__in=ids).exclude(status="published").count() == 0


def test_a_thousand_due_in_the_same_second_with_two_workers_and_two_beats(tmp_path):
    ids = make_due(1000, timezone.now().replace(microsecond=0) + timedelta(seconds=2))
    processes = [
        celery_worker(tmp_path, "w1", **FAST),
        celery_worker(tmp_path, "w2", **FAST),
        celery_beat(tmp_path, "beat1", **FAST),
        celery_beat(tmp_path, "beat2", **FAST),
    ]
    try:
        wait_for(lambda: published(ids) == 1000, 180, "1,000 messages published", *processes)
    finally:
        for process in processes:
            process.stop()
    assert_exactly_once(ids)
    workers = set(PublishEvent.objects.filter(message_id__in=ids).values_list("worker", flat=True))
    assert workers, "no worker recorded"
    assert all(w.startswith(("w1@", "w2@")) for w in workers), workers


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path):
    ids = make_due(2000, timezone.now() - timedelta(seconds=1))
    # Small batches, so the victim is still at it when it is killed (with the default 100
    # it can publish all 2,000 between two looks).
    victim = celery_worker(tmp_path, "victim", **FAST, PUBLISH_BATCH_SIZE="2")
    beat = celery_beat(tmp_path, "beat", **FAST)
    try:
        wait_for(lambda: published(ids) >= 50, 120, "the first publications", victim, beat)
        victim.signal(signal.SIGKILL)  # the whole process group: parent and pool children
        victim.popen.wait(10)
        done_when_killed = published(ids)
        assert done_when_killed < len(ids), "finished before the kill; the test proves nothing"
        survivor = celery_worker(tmp_path, "survivor", **FAST)
        try:
            wait_for(lambda: published(ids) == len(ids), 180, "all published", survivor, beat)
        finally:
            survivor.stop()
    finally:
        beat.stop()
        victim.stop()
    assert_exactly_once(ids)
    survivors = PublishEvent.objects.filter(message_id__in=ids, worker__startswith="survivor@")
    assert survivors.count() >= len(ids) - done_when_killed


def test_publishing_resumes_after_the_broker_restarts(tmp_path):
    redis = ThrowawayRedis(tmp_path)
    redis.start()
    env = {**FAST, "REDIS_URL": redis.url, "CACHE_KEY_PREFIX": "fault-test"}
    now = timezone.now()
    first = make_due(50, now - timedelta(seconds=1))
    second = make_due(50, now + timedelta(seconds=20))
    worker = celery_worker(tmp_path, "w1", **env)
    beat = celery_beat(tmp_path, "beat", **env)
    try:
        wait_for(lambda: published(first) == 50, 90, "the first batch", worker, beat)
        redis.stop()
        # The broker is gone while the second batch falls due.
        wait_for(lambda: timezone.now() > now + timedelta(seconds=22), 30, "the second due time")
        assert published(second) == 0
        redis.start()
        wait_for(
            lambda: published(second) == 50, 120, "the second batch after restart", worker, beat
        )
    finally:
        beat.stop()
        worker.stop()
        redis.stop()
    assert_exactly_once(first + second)
