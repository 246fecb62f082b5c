"""One definition of live, due and overdue (campaigns.models): the publishing claim, the
selectors and the admin agree with it on every boundary."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib import admin as django_admin
from django.db import transaction
from django.test import RequestFactory

from campaigns import publishing
from campaigns.admin import PublicationAdmin, PublicationStateFilter
from campaigns.models import (
    OVERDUE_GRACE,
    Message,
    Publication,
    due_q,
    is_leak_check_current,
    is_overdue,
    leak_check_current_q,
    live_q,
    on_schedule_q,
    overdue_q,
)
from campaigns.selectors import overdue_publications
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)
AROUND = [NOW - TICK, NOW, NOW + TICK]


class _Rollback(Exception):
    pass


def _claimed(step, ids) -> set[int]:
    """What one batch claim takes of ``ids`` at NOW, rolled back afterwards."""
    taken: set[int] = set()
    try:
        with transaction.atomic():
            claimed = publishing._claim_batch(step, NOW, NOW, limit=len(ids), ids=ids, checked=True)
            taken = {c.pk for c in claimed}
            raise _Rollback
    except _Rollback:
        pass
    return taken


@pytest.mark.parametrize(
    ("status", "field", "step"),
    [
        ("scheduled", "publish_at", publishing._PUBLISH),
        ("published", "unpublish_at", publishing._UNPUBLISH),
    ],
)
def test_the_claim_takes_exactly_what_is_due(status, field, step):
    expected, ids = set(), []
    for due_at, retry_at in itertools.product(AROUND, [None, *AROUND]):
        fields = {"publish_at": NOW - timedelta(days=1), field: due_at}
        message = MessageFactory(status=status, publish_retry_at=retry_at, **fields)
        ids.append(message.pk)
        if due_at <= NOW and (retry_at is None or retry_at <= NOW):
            expected.add(message.pk)
    due = set(Message.objects.filter(due_q(status, NOW)).values_list("pk", flat=True))
    assert due == expected
    assert _claimed(step, ids) == expected
    counted = publishing._due_to_publish if status == "scheduled" else publishing._due_to_unpublish
    assert set(counted(NOW).values_list("pk", flat=True)) == expected


def test_overdue_in_queries_and_in_the_admin_agree():
    cutoff = NOW - OVERDUE_GRACE
    messages = []
    for status, at in itertools.product(["scheduled", "published"], [*AROUND, None]):
        at = at and at - OVERDUE_GRACE
        if status == "scheduled":
            fields = {"publish_at": at or cutoff + TICK}
        else:
            fields = {"publish_at": cutoff - timedelta(days=1), "unpublish_at": at}
        messages.append(MessageFactory(status=status, **fields))
    overdue = set(Message.objects.filter(overdue_q(NOW)).values_list("pk", flat=True))
    assert overdue == {m.pk for m in messages if is_overdue(m, NOW)}
    assert overdue == set(overdue_publications(NOW).values_list("pk", flat=True))
    assert len(overdue) == 2  # one each: due a tick before the grace ran out


def test_live_is_the_schedule_and_a_current_leak_check():
    on_time = MessageFactory(status="published", publish_at=NOW, leak_checked_at=NOW)
    unchecked = MessageFactory(status="published", publish_at=NOW, leak_checked_at=None)
    ended = MessageFactory(status="published", publish_at=NOW - TICK, unpublish_at=NOW)
    live = set(Message.objects.filter(live_q(NOW)).values_list("pk", flat=True))
    assert live == set(Message.objects.live(NOW).values_list("pk", flat=True)) == {on_time.pk}
    scheduled = set(Message.objects.filter(on_schedule_q(NOW)).values_list("pk", flat=True))
    assert scheduled == {on_time.pk, unchecked.pk}
    assert ended.pk not in scheduled


@pytest.mark.parametrize("changed", [None, NOW])
def test_the_leak_check_is_current_in_queries_and_in_python_alike(changed):
    messages = [
        MessageFactory(status="published", publish_at=NOW, leak_checked_at=checked)
        for checked in [None, *AROUND]
    ]
    current = Message.objects.filter(leak_check_current_q(changed))
    assert set(current.values_list("pk", flat=True)) == {
        m.pk for m in messages if is_leak_check_current(m, changed)
    }
    assert current.count() == (3 if changed is None else 2)


def _admin_state(value: str) -> set[int]:
    request = RequestFactory().get("/")
    model_admin = PublicationAdmin(Publication, django_admin.site)
    state = PublicationStateFilter(request, {"state": [value]}, Publication, model_admin)
    with time_machine.travel(NOW, tick=False):
        queryset = state.queryset(request, model_admin.get_queryset(request))
        return set(queryset.values_list("pk", flat=True))


def test_the_admins_publication_states_are_the_same_facts():
    late = NOW - OVERDUE_GRACE - TICK
    waiting = MessageFactory(status="scheduled", publish_at=NOW + TICK)
    overdue = MessageFactory(status="scheduled", publish_at=late)
    live = MessageFactory(status="published", publish_at=late, leak_checked_at=NOW)
    MessageFactory(status="draft")
    assert _admin_state("scheduled") == {waiting.pk}
    assert _admin_state("overdue") == {overdue.pk}
    # Live by the schedule whether or not the sweeper has published it yet.
    assert _admin_state("live") == {overdue.pk, live.pk}
    assert _admin_state("live") == set(Message.objects.live(NOW).values_list("pk", flat=True))
    admin_overdue = PublicationAdmin(Publication, django_admin.site).overdue
    with time_machine.travel(NOW, tick=False):
        assert [admin_overdue(m) for m in (waiting, overdue, live)] == [False, True, False]
