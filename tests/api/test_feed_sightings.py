"""The changes feed records what it showed a partner alive (partners.models.FeedSighting), once
per item, in one statement per type: a page read again adds none, tombstones add none."""

from __future__ import annotations

import datetime as dt

import pytest

from partners import selectors
from partners.models import FeedSighting


def _change(kind, public_id, deleted=False):
    return selectors.Change(kind, public_id, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), deleted)


@pytest.mark.django_db
def test_sightings_are_recorded_once_each(world):
    from partners import services

    partner = services.create_partner(name="Sightings")
    audience = selectors.Audience(partner_id=partner.pk, scopes=selectors.READ_SCOPES)
    page = [
        _change("message", "msg_a"),
        _change("message", "msg_b"),
        _change("message", "msg_a"),  # twice on a page: once
        _change("narrative", "nar_a"),
        _change("excerpt", "exc_gone", deleted=True),  # a tombstone is no sighting
    ]
    selectors.record_sightings(audience, page)
    selectors.record_sightings(audience, page[:2])  # read again
    found = set(FeedSighting.objects.filter(partner=partner).values_list("kind", "public_id"))
    assert found == {("message", "msg_a"), ("message", "msg_b"), ("narrative", "nar_a")}
    assert all(s.first_seen_at is not None for s in FeedSighting.objects.filter(partner=partner))
    selectors.record_sightings(selectors.Audience.staff(), page)  # staff: none kept
    assert FeedSighting.objects.count() == 3
