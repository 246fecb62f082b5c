"""The publishing sweeper, with the clock under control."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from campaigns import publishing, services
from campaigns.models import Message, MessageExcerpt, PublishEvent
from tests.factories import ExcerptFactory, MessageFactory, NarrativeFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def scheduled(publish_at, unpublish_at=None, **fields) -> Message:
    message = MessageFactory(status="approved", **fields)
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    message.status = "scheduled"
    message.publish_at, message.unpublish_at = publish_at, unpublish_at
    message.save()
    return message


def test_nothing_happens_before_the_time():
    message = scheduled(T0 + timedelta(minutes=5))
    with time_machine.travel(T0, tick=False):
        assert publishing.sweep().total == 0
        assert not Message.objects.live(timezone.now()).exists()
    assert Message.objects.get(pk=message.pk).status == "scheduled"


def test_live_is_decided_at_query_time_even_with_no_worker():
    message = scheduled(T0, T0 + timedelta(hours=1))
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        assert list(Message.objects.live(timezone.now())) == [message]
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        assert not Message.objects.live(timezone.now()).exists()


def test_publish_and_unpublish_once_each_with_their_events():
    message = scheduled(T0, T0 + timedelta(hours=1))
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        assert publishing.sweep().published == 1
        assert publishing.sweep().total == 0  # a second sweep finds nothing
    message.refresh_from_db()
    assert message.status == "published"
    with time_machine.travel(T0 + timedelta(hours=1, seconds=2), tick=False):
        assert publishing.sweep().unpublished == 1
        assert publishing.sweep().total == 0
    message.refresh_from_db()
    assert message.status == "expired"
    events = list(PublishEvent.objects.filter(message=message).order_by("occurred_at"))
    assert [(e.kind, e.scheduled_for) for e in events] == [
        ("publish", T0),
        ("unpublish", T0 + timedelta(hours=1)),
    ]
    assert events[0].lag_seconds == pytest.approx(1.0)


def test_a_window_that_passed_while_no_worker_ran_gets_both_events_in_order():
    message = scheduled(T0, T0 + timedelta(minutes=10))
    with time_machine.travel(T0 + timedelta(hours=3), tick=False):
        result = publishing.sweep()
    assert (result.published, result.unpublished) == (1, 1)
    assert list(message.publish_events.order_by("pk").values_list("kind", flat=True)) == [
        "publish",
        "unpublish",
    ]


def test_the_leak_check_runs_again_at_publish_time():
    message = scheduled(T0, headline="Ask Samir Haddouche what he saw.")
    message.leak_checked_at = T0 - timedelta(days=1)
    message.save()
    # The vault grows after approval: the name is now known.
    SourceRecordFactory(narrative=NarrativeFactory(), real_name="Samir Haddouche")
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        result = publishing.sweep()
    assert result.refused == 1
    message.refresh_from_db()
    assert message.status == "withdrawn"
    assert "leak check" in message.withdrawal_reason
    assert not PublishEvent.objects.filter(message=message, kind="publish").exists()


def test_a_clean_check_is_remembered_until_the_vault_changes(editor, analyst):
    from campaigns.selectors import leak_check_is_current

    message = MessageFactory(status="in_review", author=editor)
    services.approve_message(user=analyst, message=message)
    message.refresh_from_db()
    assert leak_check_is_current(message)
    SourceRecordFactory(narrative=NarrativeFactory())
    assert not leak_check_is_current(message)


def test_a_failure_is_recorded_and_retried_with_backoff(monkeypatch):
    message = scheduled(T0)
    calls = {"n": 0}
    real = publishing._insert_events

    def flaky(*args):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("storage unavailable")
        return real(*args)

    monkeypatch.setattr(publishing, "_insert_events", flaky)
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        assert publishing.sweep().failed == 1
        message.refresh_from_db()
        assert message.status == "scheduled"  # the failed transaction rolled back
        assert message.publish_error == "OSError: storage unavailable"
        assert message.publish_attempts == 1
        assert publishing.sweep().total == 0  # backing off
    with time_machine.travel(T0 + timedelta(seconds=5), tick=False):
        assert publishing.sweep().published == 1
    message.refresh_from_db()
    assert (message.status, message.publish_error, message.publish_attempts) == ("published", "", 0)


def test_publishing_announces_to_listeners_inside_the_transaction():
    from campaigns.signals import messages_event

    seen = []

    def listener(sender, messages, event, **kwargs):
        seen.extend((message.pk, event) for message in messages)

    messages_event.connect(listener)
    try:
        message = scheduled(T0)
        with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
            publishing.sweep()
    finally:
        messages_event.disconnect(listener)
    assert seen == [(message.pk, "message.published")]


def test_publish_event_is_unique_per_due_time():
    from django.db import IntegrityError, transaction

    message = scheduled(T0)
    PublishEvent.objects.create(message=message, kind="publish", scheduled_for=T0, occurred_at=T0)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishEvent.objects.create(
            message=message, kind="publish", scheduled_for=T0, occurred_at=T0
        )
