"""The stored change time the lists page on (``Message.shown_changed_at``) is, for every live
message, the change time computed at query time, after each write that moves it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.changed import refresh_shown_changed_at
from campaigns.models import Campaign, Message, Rendition
from campaigns.services.renditions import record_rendition_failure
from partners.selectors import message_changed_at


def _stored_and_computed() -> list[tuple[str, object, object]]:
    now = timezone.now()
    return list(
        Message.objects.live(now)
        .annotate(computed=message_changed_at(now))
        .values_list("public_id", "shown_changed_at", "computed")
    )


def _assert_same() -> None:
    rows = _stored_and_computed()
    assert rows, "the world has live messages"
    for public_id, stored, computed in rows:
        assert stored == computed, public_id


@pytest.mark.django_db
def test_stored_change_time_follows_every_write(world):
    _assert_same()
    world.campaign.cta_text = "Call us now"
    world.campaign.save()
    _assert_same()
    rendition = Rendition.objects.filter(message=world.live).first()
    rendition.width = 1081
    rendition.save()
    _assert_same()
    record_rendition_failure(
        rendition_id=rendition.pk, input_hash_=rendition.input_hash, error=ValueError("x")
    )
    _assert_same()
    rendition.delete()
    _assert_same()
    world.live.headline = "A new headline"
    world.live.save()
    _assert_same()


@pytest.mark.django_db
def test_a_publish_time_later_than_any_write_is_the_change_time(world):
    """Going live changes no row: the stored time already holds the passed publish_at."""
    soon = timezone.now() + timedelta(milliseconds=1)
    Message.objects.filter(pk=world.live.pk).update(publish_at=soon)
    refresh_shown_changed_at(message_ids=[world.live.pk])
    stored = Message.objects.values_list("shown_changed_at", flat=True).get(pk=world.live.pk)
    assert stored == soon


@pytest.mark.django_db
def test_the_feeds_three_parts_give_the_computed_change_time_once_each(world):
    from partners.selectors import _message_streams

    now = timezone.now()
    day_ago = now - timedelta(days=1)
    Campaign.objects.filter(pk=world.campaign.pk).update(updated_at=day_ago)
    Message.objects.filter(pk=world.withdrawn.pk).update(
        unpublish_at=now - timedelta(minutes=5), updated_at=day_ago
    )
    Rendition.objects.filter(message=world.withdrawn).update(updated_at=day_ago)
    refresh_shown_changed_at()
    Message.objects.filter(pk=world.future.pk).update(shown_changed_at=None)
    seen = []
    streams = _message_streams(Message.objects.all(), now)
    assert list(streams[1].values_list("pk", flat=True)) == [world.withdrawn.pk]
    for stream in streams:
        rows = stream.annotate(computed=message_changed_at(now)).values_list(
            "public_id", "changed_at", "computed"
        )
        for public_id, changed_at, computed in rows:
            assert changed_at == computed, public_id
            seen.append(public_id)
    assert sorted(seen) == sorted(Message.objects.values_list("public_id", flat=True))
