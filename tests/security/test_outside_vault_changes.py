"""Outside check of issue 11: the vault learns a value that is already out.

A custodian files a new source (or adds an alias to one) whose name already appears in an
approved narrative or a live message, typed there before the vault knew it. "The gate runs
... whenever any input of a live or scheduled message changes", and the vault is the input
of every check: from the moment the vault holds the value, partners must no longer receive it.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from django.test import Client
from django.test.utils import override_settings
from kombu.exceptions import OperationalError

from campaigns import tasks as campaign_tasks
from campaigns.models import Message
from narratives import services as narrative_services
from narratives import tasks as narrative_tasks
from narratives.models import Narrative, SourceRecord
from partners import services as partner_services
from partners import tasks as partner_tasks
from tests.factories import NarrativeFactory, UserFactory
from tests.partners.test_webhooks import Receiver
from tests.security.test_outside_variants import _approved_by_the_book

pytestmark = pytest.mark.django_db

NAME = "Vorlenkaz"


def _where_partner_sees(key: str, value: str) -> list[str]:
    partner = Client(headers={"Authorization": f"Api-Key {key}"})
    found = []
    for path in ("/api/v1/messages/", "/api/v1/narratives/", "/api/v1/excerpts/"):
        response = partner.get(path)
        assert response.status_code == 200
        if value in response.content.decode():
            found.append(path)
        for item in json.loads(response.content)["results"]:
            if value in partner.get(f"{path}{item['id']}/").content.decode():
                found.append(f"{path}{item['id']}/")
    return found


def _file_source_naming(custodian, name: str) -> None:
    record = SourceRecord(
        narrative=NarrativeFactory(title="A source filed today"),
        real_name=f"Brent {name}",
        kunya="",
        home_town="",
        contacts="",
        raw_text="Notes.",
    )
    narrative_services.save_source_record(user=custodian, source_record=record)


def test_an_approved_narrative_stops_being_served_once_the_vault_holds_its_name(
    custodian, analyst, make_key, django_capture_on_commit_callbacks
):
    """Leak: an approved narrative is served whatever the vault now holds. Route: a narrative
    approved while its text named someone the vault did not know; the custodian then files
    that person's record (``save_source_record``); the recheck a vault write queues covers
    messages only, and ``/api/v1/narratives/`` (``approved_narratives``) never consults the
    vault, so partners keep receiving the vault's real name for as long as it stays approved."""
    key = make_key()
    analyst2 = UserFactory(username="t_analyst2", role="Analyst")
    narrative = _approved_by_the_book(
        analyst, analyst2, f"Nobody stopped {NAME} when he beat the prisoners."
    )
    assert Narrative.objects.get(pk=narrative.pk).status == "approved"
    assert _where_partner_sees(key, NAME)  # out before the vault knew the name

    with django_capture_on_commit_callbacks(execute=True):
        _file_source_naming(custodian, NAME)
    campaign_tasks.recheck_messages_against_vault()  # as the worker would, at once
    assert _where_partner_sees(key, NAME) == []


def test_a_live_message_is_not_served_between_a_vault_write_and_the_recheck(
    world, custodian, make_key, django_capture_on_commit_callbacks
):
    """Leak: between a vault write and the worker's run of ``recheck_messages_against_vault``
    (queued on the broker; any time at all if the workers are behind or down), a live message
    holding the new vault value is served by ``/api/v1/messages/`` to partners. The API does
    not look at ``leak_check_is_current`` (the vault changed after the message's last leak
    check), although publishing does."""
    key = make_key()
    Message.objects.filter(pk=world.live.pk).update(body=f"Ask {NAME} what he did.")
    assert _where_partner_sees(key, NAME)

    with django_capture_on_commit_callbacks(execute=True):
        _file_source_naming(custodian, NAME)  # the recheck is queued, not run yet
    assert _where_partner_sees(key, NAME) == []


def test_a_pending_webhook_does_not_carry_a_value_the_vault_now_holds(
    world, custodian, make_key, django_capture_on_commit_callbacks
):
    """Leak: a webhook payload is frozen when it is queued (``partners.services._enqueue``)
    and only erasure ever rewrites it. A ``message.published`` delivery still pending (the
    partner's endpoint was down, say) when the custodian files a record naming someone the
    message names is sent afterwards with that vault name in ``data.body``, although the
    recheck has withdrawn the message by then."""
    Message.objects.filter(pk=world.live.pk).update(body=f"Ask {NAME} what he did.")
    make_key()
    with Receiver() as receiver, override_settings(WEBHOOK_ALLOW_LOOPBACK=True):
        receiver.secret = partner_services.set_webhook(
            partner=make_key.last.partner, url=receiver.url
        )
        message = Message.objects.get(pk=world.live.pk)
        partner_services.enqueue_message_event(message=message, event="message.published")

        with django_capture_on_commit_callbacks(execute=True):
            _file_source_naming(custodian, NAME)
        campaign_tasks.recheck_messages_against_vault()  # the worker takes the message down
        assert Message.objects.get(pk=world.live.pk).status == "withdrawn"
        for pk in partner_services.due_deliveries():
            partner_tasks.deliver_webhook(pk)
        sent = json.dumps([request["body"] for request in receiver.requests])
    assert NAME not in sent


def test_a_recheck_lost_to_a_broker_blip_is_made_up_by_the_sweepers(
    world, custodian, make_key, monkeypatch, django_capture_on_commit_callbacks
):
    """Leak: the only recheck after a vault write is the one task queued after commit
    (``narratives.services._queue_message_recheck``), guarded by a 10-minute cache flag. If
    the broker refuses it at that moment, the flag stays set, no beat schedule rechecks
    messages, and every sweeper (publishing, renditions, webhooks, consents) runs without
    noticing: the live message holding the new vault name stays published and served by
    ``/api/v1/messages/``."""
    key = make_key()
    Message.objects.filter(pk=world.live.pk).update(body=f"Ask {NAME} what he did.")

    def refused(*args, **kwargs):
        raise OperationalError("broker refused the connection (simulated)")

    with monkeypatch.context() as patch:
        patch.setattr(campaign_tasks.recheck_messages_against_vault, "delay", refused)
        with (
            contextlib.suppress(OperationalError),
            django_capture_on_commit_callbacks(execute=True),
        ):
            _file_source_naming(custodian, NAME)
    # The broker is back; every periodic task runs once, as beat would schedule them.
    campaign_tasks.publish_due_messages.run(fan_out=False)
    campaign_tasks.sweep_renditions()
    partner_tasks.sweep_webhook_deliveries()
    narrative_tasks.retire_expired_consents()
    assert _where_partner_sees(key, NAME) == []
