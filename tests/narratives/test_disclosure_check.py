"""The disclosure index's version is read at most once a second per process: a change made
here is seen at once, one made by another process (a plain UPDATE stands for it: no signal
reaches this process) within DISCLOSURE_RECHECK_SECONDS. The clock is moved by hand."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from narratives import selectors
from narratives.models import Narrative
from narratives.selectors import DISCLOSURE_RECHECK_SECONDS, disclosure_index
from tests.factories import NarrativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [5000.0]
    monkeypatch.setattr(selectors, "_clock", lambda: now[0])
    return now


def _approved(n: int) -> list[Narrative]:
    return [NarrativeFactory(approved=True, country="FR") for _ in range(n)]


def test_the_index_is_not_read_again_within_the_second(clock):
    _approved(3)
    first = disclosure_index()
    with CaptureQueriesContext(connection) as captured:
        for _ in range(10):
            assert disclosure_index() is first
    assert not [q for q in captured.captured_queries if "narratives_narrative" in q["sql"]]


def test_a_narrative_approved_here_is_released_from_at_once(clock):
    _approved(3)
    before = disclosure_index()
    added = NarrativeFactory(approved=True, country="MA")
    after = disclosure_index()
    assert after is not before
    assert selectors._attributes(added) in after
    assert selectors._attributes(added) not in before


def test_a_narrative_retired_by_another_process_is_seen_within_the_second(clock):
    narratives = _approved(3)
    before = disclosure_index()
    gone = NarrativeFactory(approved=True, country="MA")
    assert selectors._attributes(gone) in disclosure_index()
    Narrative.objects.filter(pk=gone.pk).update(
        status=Narrative.Status.RETIRED, retired_at=timezone.now()
    )
    clock[0] += DISCLOSURE_RECHECK_SECONDS / 2
    assert selectors._attributes(gone) in disclosure_index()  # this process's copy
    clock[0] += DISCLOSURE_RECHECK_SECONDS / 2
    index = disclosure_index()
    assert selectors._attributes(gone) not in index
    assert all(selectors._attributes(n) in index for n in narratives)
    assert before is not index
