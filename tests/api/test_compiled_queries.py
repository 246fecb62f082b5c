"""partners.compiled: a query compiled once gives the ORM's rows for any arguments, and a query
whose SQL depends on an argument other than as a parameter is never kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from campaigns.models import Message
from partners import compiled, flat, selectors


def _live_rows(now, public_id):
    queryset = selectors.live_messages(audience=selectors.Audience.staff(), now=now)
    return flat.message_rows(queryset.filter(public_id=public_id))[:1]


def _kept(key):
    return isinstance(
        vars(connections[DEFAULT_DB_ALIAS]).get("_partners_compiled", {}).get(key),
        compiled._Template,
    )


@pytest.mark.django_db
def test_compiled_rows_are_the_orms_for_every_argument(world):
    key = ("test", "live-detail")
    now = timezone.now()
    for message in (world.live, world.live_fr, world.future, world.withdrawn):
        for at in (now, now + timedelta(days=3650), now - timedelta(days=3650)):
            assert compiled.rows(key, _live_rows, at, message.public_id) == list(
                _live_rows(at, message.public_id)
            )
    assert _kept(key)
    assert compiled.rows(key, _live_rows, now, world.live.public_id)  # live now
    assert not compiled.rows(key, _live_rows, now, world.future.public_id)  # not yet


@pytest.mark.django_db
def test_tuples_of_padded_ids(world):
    ids = sorted(Message.objects.values_list("pk", flat=True))
    for count in (1, 2, 3, 5):
        padded = flat.padded(ids[:count])
        assert len(padded) in (1, 2, 4, 8) and set(padded) == set(ids[:count])
        key = ("test", "renditions", len(padded))
        now = timezone.now()
        found = compiled.rows(key, flat._rendition_rows, now, *padded)
        assert found == [tuple(r) for r in flat._rendition_rows(now, *padded)]


@pytest.mark.django_db
def test_an_argument_turned_into_something_else_is_not_kept(world):
    def day_before(now, public_id):
        return _live_rows(now - timedelta(days=1), public_id)

    key = ("test", "day-before")
    now = timezone.now()
    assert compiled.rows(key, day_before, now, world.live.public_id) == list(
        day_before(now, world.live.public_id)
    )
    assert not _kept(key)
    # Still the ORM's answer on every call.
    assert compiled.rows(key, day_before, now, world.live.public_id) == list(
        day_before(now, world.live.public_id)
    )
