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


def test_a_due_message_checked_before_the_vault_changed_is_not_live_until_checked_again():
    from core.models import AuditEntry

    message = scheduled(T0, headline="Ask Samir Haddouche what he saw.")
    Message.objects.filter(pk=message.pk).update(leak_checked_at=T0 - timedelta(days=1))
    SourceRecordFactory(narrative=NarrativeFactory(), real_name="Samir Haddouche")
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        # Due by the schedule, but no worker has checked it against the vault as it is now:
        # visitors and partners get nothing of it meanwhile.
        assert not Message.objects.live(timezone.now()).exists()
        assert publishing.sweep().refused == 1
    message.refresh_from_db()
    assert message.status == "withdrawn"
    entry = AuditEntry.objects.get(action="message.withdrawn")
    assert entry.target_id == message.public_id
    events = [*message.events.values_list("comment", flat=True), message.withdrawal_reason]
    assert events and not [e for e in events if "Samir" in e or "Haddouche" in e]


def test_a_due_message_found_clean_again_goes_live():
    with time_machine.travel(T0 - timedelta(hours=1), tick=False):
        message = scheduled(T0, headline="The promises were empty.")
        Message.objects.filter(pk=message.pk).update(leak_checked_at=T0 - timedelta(days=1))
        SourceRecordFactory(narrative=NarrativeFactory(), real_name="Samir Haddouche")
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        assert not Message.objects.live(timezone.now()).exists()
        assert publishing.sweep().published == 1
    message.refresh_from_db()
    assert message.status == "published"
    assert list(Message.objects.live(T0 + timedelta(seconds=2))) == [message]


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


def due_in_bulk(count: int, publish_at, **fields) -> list[int]:
    """``count`` scheduled messages due at ``publish_at``, found clean with no vault change since."""
    from tests.factories import CampaignFactory, VisualTemplateFactory

    campaign, template = CampaignFactory(), VisualTemplateFactory()
    messages = Message.objects.bulk_create(
        Message(
            campaign=campaign,
            template=template,
            language="en",
            headline=f"Message {i}: the promises were empty.",
            status=Message.Status.SCHEDULED,
            publish_at=publish_at,
            leak_checked_at=publish_at - timedelta(days=1),
            **fields,
        )
        for i in range(count)
    )
    return [m.pk for m in messages]


def assert_published_once_each(ids) -> None:
    from django.db.models import Count

    from core.models import AuditEntry

    events = PublishEvent.objects.filter(message_id__in=ids, kind="publish")
    per_message = events.values("message_id").annotate(n=Count("pk"))
    assert {row["message_id"]: row["n"] for row in per_message} == dict.fromkeys(ids, 1)
    public_ids = Message.objects.filter(pk__in=ids).values_list("public_id", flat=True)
    audits = AuditEntry.objects.filter(action="message.published", target_id__in=public_ids)
    assert audits.count() == len(ids)
    assert set(Message.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"published"}


def test_a_burst_is_claimed_in_batches_not_one_query_per_message(
    django_assert_max_num_queries,
):
    ids = due_in_bulk(300, T0)
    # A handful of statements per batch of 100, whatever the burst's size.
    with (
        time_machine.travel(T0 + timedelta(seconds=1), tick=False),
        django_assert_max_num_queries(40),
    ):
        result = publishing.sweep()
    assert result.published == len(ids)
    assert_published_once_each(ids)


def test_a_message_that_fails_in_a_batch_holds_back_only_itself():
    from campaigns.signals import messages_event

    ids = due_in_bulk(5, T0)
    bad = ids[2]

    def refuse_one(sender, messages, event, **kwargs):
        if any(m.pk == bad for m in messages):
            raise OSError("outbox unavailable")

    messages_event.connect(refuse_one)
    try:
        with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
            result = publishing.sweep()
    finally:
        messages_event.disconnect(refuse_one)
    assert (result.published, result.failed) == (4, 1)
    assert_published_once_each([pk for pk in ids if pk != bad])
    failed = Message.objects.get(pk=bad)
    assert (failed.status, failed.publish_attempts) == ("scheduled", 1)
    assert failed.publish_error == "OSError: outbox unavailable"
    assert not PublishEvent.objects.filter(message_id=bad).exists()


def test_batches_publish_only_messages_whose_leak_check_still_holds():
    clean = due_in_bulk(3, T0)
    stale = scheduled(T0, headline="Ask Samir Haddouche what he saw.")
    stale.leak_checked_at = T0 - timedelta(days=2)
    stale.save()
    SourceRecordFactory(narrative=NarrativeFactory(), real_name="Samir Haddouche")
    Message.objects.filter(pk__in=clean).update(leak_checked_at=timezone.now())
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        result = publishing.sweep()
    assert (result.published, result.refused) == (3, 1)
    assert_published_once_each(clean)
    assert Message.objects.get(pk=stale.pk).status == "withdrawn"


@pytest.mark.django_db(transaction=True)
def test_concurrent_sweepers_publish_each_message_exactly_once():
    """Threads on their own connections: SKIP LOCKED on PostgreSQL, one writer on SQLite."""
    import threading

    from django.db import connection

    now = timezone.now()
    ids = due_in_bulk(6 * publishing.BATCH_SIZE, now - timedelta(seconds=1))
    start = threading.Barrier(4)
    errors: list[BaseException] = []
    results: list[publishing.SweepResult] = []

    def sweeper(name: str) -> None:
        try:
            start.wait()
            results.append(publishing.sweep(worker=name))
        except BaseException as exc:  # a thread's failure fails the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper, args=(f"t{i}@test",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert sum(r.published for r in results) == len(ids)
    assert sum(r.failed for r in results) == 0
    assert_published_once_each(ids)


def test_extra_sweepers_are_woken_only_where_row_locks_let_them_share():
    from django.db import connection

    due_in_bulk(3 * publishing.BATCH_SIZE + 1, T0)
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        wanted = publishing.extra_sweepers_wanted()
    if connection.features.has_select_for_update_skip_locked:
        assert wanted == 3
    else:
        assert wanted == 0  # SQLite: one writer at a time; more sweepers only queue
