"""LeaseKeeper: renews a claimed row's lease from a thread while the work runs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError, transaction
from django.utils import timezone

from campaigns import services
from campaigns.models import Rendition
from core.leases import LeaseKeeper
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def claimed():
    """A rendition claimed by this worker (attempt 1), its lease about to run out."""
    return Rendition.objects.create(
        message=MessageFactory(),
        format="square",
        input_hash="a" * 64,
        status=Rendition.Status.RENDERING,
        attempts=1,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )


def test_the_lease_is_renewed_while_the_work_runs(claimed):
    before = claimed.lease_expires_at
    renew = lambda: services._renew_rendition_lease(claimed.pk, claimed.input_hash, 1)  # noqa: E731
    with LeaseKeeper(renew, every=0.01) as keeper:
        assert keeper.renewed.wait(30)
    claimed.refresh_from_db()
    assert claimed.lease_expires_at > before + timedelta(seconds=10)


def test_a_worker_whose_lease_was_taken_over_renews_nothing(claimed):
    Rendition.objects.filter(pk=claimed.pk).update(attempts=2)  # another worker claimed it
    renew = lambda: services._renew_rendition_lease(claimed.pk, claimed.input_hash, 1)  # noqa: E731
    with LeaseKeeper(renew, every=0.01) as keeper:
        keeper._thread.join(30)  # the thread ends by itself once the lease is not ours
        assert not keeper._thread.is_alive()
    assert keeper.renewals == 0
    claimed.refresh_from_db()
    assert claimed.lease_expires_at < timezone.now()


def test_a_failed_renewal_is_tried_again_at_the_next_tick():
    answers = [OperationalError("database is locked"), True]

    def renew():
        answer = answers.pop(0) if answers else True
        if isinstance(answer, Exception):
            raise answer
        return answer

    with LeaseKeeper(renew, every=0.01) as keeper:
        assert keeper.renewed.wait(30)
    assert answers == []


def test_no_thread_is_started_inside_a_transaction():
    # The claim is not committed yet: no other connection could see, let alone renew, it.
    with transaction.atomic(), LeaseKeeper(lambda: True, every=0.01) as keeper:
        assert keeper._thread is None
