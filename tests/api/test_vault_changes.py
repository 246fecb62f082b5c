"""When the vault learns a new value, nothing cleared against the old vault goes out with it.

A custodian adds a street name to a record's raw testimony. A live message, a narrative and
an excerpt that repeat it were all approved before: from the moment the vault write commits
until the rechecks have run, and after, partners never receive them.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.test.utils import override_settings

from campaigns import services as campaign_services
from campaigns.models import Message
from narratives import services as narrative_services
from narratives.models import Narrative, NarrativeEvent
from tests.api.conftest import add_renditions, make_message

pytestmark = pytest.mark.django_db

STREET = "Rue des Tanneurs"


def _add_street_to_the_vault(world, custodian):
    record = world.narratives[1].source_record
    record.raw_text = f"He lived on {STREET}, above the bakery."
    narrative_services.save_source_record(user=custodian, source_record=record)


def test_a_live_message_is_not_served_between_a_vault_write_and_its_recheck(
    world, make_key, api, custodian
):
    leaky = make_message(world.campaign, world.excerpts, headline=f"Meet us on {STREET}")
    add_renditions(leaky)
    clean = make_message(world.campaign, world.excerpts, headline="The promises were empty")
    add_renditions(clean)
    key = make_key()
    served = {m["id"] for m in api.get("/api/v1/messages/", key=key).json()["results"]}
    assert {leaky.public_id, clean.public_id} <= served

    _add_street_to_the_vault(world, custodian)
    # The recheck has not run yet (it is queued on commit): neither goes out meanwhile.
    body = api.get("/api/v1/messages/", key=key).content.decode()
    assert STREET not in body
    assert leaky.public_id not in body
    assert not Message.objects.live(leaky.publish_at).filter(pk=leaky.pk).exists()
    assert api.get(f"/api/v1/messages/{leaky.public_id}/", key=key).status_code == 404

    assert campaign_services.recheck_messages_against_vault() >= 1
    leaky.refresh_from_db()
    assert leaky.status == "withdrawn"
    assert STREET not in leaky.withdrawal_reason
    body = api.get("/api/v1/messages/", key=key).content.decode()
    assert STREET not in body
    assert clean.public_id in body  # found clean again: back out


def test_a_vault_write_queues_both_rechecks_through_the_narratives_signal(
    world, custodian, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.cache import cache

    from campaigns import tasks as campaign_tasks
    from narratives import tasks as narrative_tasks

    queued = []
    monkeypatch.setattr(
        narrative_tasks.recheck_narratives_against_vault, "delay", lambda: queued.append("n")
    )
    monkeypatch.setattr(
        campaign_tasks.recheck_messages_against_vault, "delay", lambda: queued.append("c")
    )
    cache.delete(narrative_services.RECHECK_QUEUED_KEY)
    cache.delete(campaign_services.RECHECK_QUEUED_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        _add_street_to_the_vault(world, custodian)
    assert sorted(queued) == ["c", "n"]


def test_an_approved_narrative_repeating_a_new_vault_value_goes_back_to_review(
    world, make_key, api, custodian
):
    narrative = world.narratives[0]
    Narrative.objects.filter(pk=narrative.pk).update(
        text=f"Account number 0: we met on {STREET} every week."
    )
    key = make_key()
    assert narrative.public_id in api.get("/api/v1/narratives/", key=key).content.decode()

    _add_street_to_the_vault(world, custodian)
    # Before the recheck: the API checks narrative texts as it serves them.
    listing = api.get("/api/v1/narratives/", key=key)
    assert listing.status_code == 200
    assert STREET not in listing.content.decode()
    assert narrative.public_id not in listing.content.decode()
    detail = api.get(f"/api/v1/narratives/{narrative.public_id}/", key=key)
    assert detail.status_code == 404

    assert narrative_services.recheck_narratives_against_vault() == 1
    narrative.refresh_from_db()
    assert narrative.status == "in_review"
    event = narrative.events.filter(action=NarrativeEvent.Action.RETURNED_TO_REVIEW).get()
    assert event.detail == {"why": "vault match", "fields": ["text"]}
    from core.models import AuditEntry

    entry = AuditEntry.objects.filter(action="narrative.returned_to_review").get()
    assert STREET not in str(entry.__dict__)
    # Its excerpts are no longer reusable, and the others still go out.
    excerpts = api.get("/api/v1/excerpts/", key=key).json()["results"]
    assert excerpts
    assert narrative.public_id not in {e["narrative"] for e in excerpts}


def test_a_narrative_title_matching_the_vault_is_not_served(world, make_key, api, custodian):
    narrative = world.narratives[2]
    Narrative.objects.filter(pk=narrative.pk).update(title=f"Life on {STREET}")
    _add_street_to_the_vault(world, custodian)
    key = make_key()
    body = api.get("/api/v1/narratives/", key=key).content.decode()
    assert STREET not in body
    assert api.get(f"/api/v1/narratives/{narrative.public_id}/", key=key).status_code == 404


def test_admin_log_entries_name_no_vault_value_nor_testimony(world, superuser, client):
    from django.contrib.admin.models import ADDITION
    from django.contrib.contenttypes.models import ContentType

    record = world.narratives[0].source_record
    excerpt = world.excerpts[0]
    for obj in (record, excerpt, world.narratives[0]):
        text = str(obj)
        assert excerpt.text not in text
        assert world.narratives[0].title not in text
        for canary in world.canaries:
            assert canary not in text
    LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[excerpt],
        action_flag=ADDITION,
        change_message="[]",
        single_object=True,
    )
    assert ContentType.objects.get_for_model(excerpt)
    assert excerpt.text not in LogEntry.objects.get().object_repr


@override_settings(API_CHANGES_SETTLE_SECONDS=0)
def test_the_changes_feed_serves_no_narrative_matching_the_vault(world, make_key, api, custodian):
    narrative = world.narratives[3]
    Narrative.objects.filter(pk=narrative.pk).update(text=f"We met on {STREET}.")
    _add_street_to_the_vault(world, custodian)
    response = api.get("/api/v1/changes/?type=narrative", key=make_key())
    assert response.status_code == 200
    assert STREET not in response.content.decode()
    items = {i["id"]: i for i in response.json()["results"]}
    if narrative.public_id in items:
        assert "data" not in items[narrative.public_id]


def test_a_lost_message_recheck_is_queued_again_by_the_publisher(world, custodian, monkeypatch):
    from django.core.cache import cache

    from campaigns import tasks as campaign_tasks

    queued = []
    monkeypatch.setattr(
        campaign_tasks.recheck_messages_against_vault, "delay", lambda: queued.append(1)
    )
    cache.delete(campaign_services.RECHECK_REQUEUE_KEY)
    assert not campaign_services.requeue_lost_vault_recheck()  # every check is current
    # A vault write whose queued recheck never ran (the broker was away): live messages wait.
    _add_street_to_the_vault(world, custodian)
    cache.set(campaign_services.RECHECK_QUEUED_KEY, 1)  # its dedup key stayed behind
    assert campaign_services.requeue_lost_vault_recheck()
    assert queued == [1]
    assert not campaign_services.requeue_lost_vault_recheck()  # not again within two minutes
    cache.delete(campaign_services.RECHECK_REQUEUE_KEY)


def test_a_check_that_began_before_a_vault_write_committed_is_not_current(
    world, custodian, django_capture_on_commit_callbacks, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from campaigns import tasks as campaign_tasks
    from campaigns.selectors import leak_check_is_current
    from narratives import tasks as narrative_tasks

    monkeypatch.setattr(narrative_tasks.recheck_narratives_against_vault, "delay", lambda: None)
    monkeypatch.setattr(campaign_tasks.recheck_messages_against_vault, "delay", lambda: None)
    message = world.live
    with django_capture_on_commit_callbacks() as callbacks:
        _add_street_to_the_vault(world, custodian)
    # A check that began after the record was saved but before the write committed did not
    # see it; once the write commits, that check is older than the vault.
    Message.objects.filter(pk=message.pk).update(leak_checked_at=timezone.now())
    message.refresh_from_db()
    for callback in callbacks:
        callback()
    assert not leak_check_is_current(message)
    assert (
        not Message.objects.live(timezone.now() + timedelta(seconds=1))
        .filter(pk=message.pk)
        .exists()
    )
