"""Erasure reaches the webhook outbox: a delivery queued before a withdrawal of consent never
carries the erased quote to a partner afterwards, and no outbox row ever holds it."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from narratives import services as narrative_services
from narratives.models import Excerpt
from partners import services, tasks
from partners.models import WebhookDelivery

pytestmark = pytest.mark.django_db

QUOTE = "ZQXERASEDQUOTE they burned the granary at Qarat"


@pytest.fixture
def quoted(world):
    """The live message quotes an excerpt whose words are unique to this test."""
    excerpt = world.excerpts[0]
    Excerpt.objects.filter(pk=excerpt.pk).update(text=QUOTE)
    return excerpt


def _enqueue(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        return services.enqueue_message_event(message=world.live, event="message.published")


def test_a_delivery_stored_before_withdrawal_is_not_sent_with_the_erased_quote(
    world, quoted, partner, receiver, queued, custodian, django_capture_on_commit_callbacks
):
    (pending,) = _enqueue(world, django_capture_on_commit_callbacks)
    assert QUOTE not in json.dumps(pending.payload)  # the outbox names the event only

    record = world.narratives[0].source_record
    with django_capture_on_commit_callbacks(execute=True):
        narrative_services.withdraw_consent(user=custodian, source_record=record)

    for pk, _ in list(queued):  # the worker runs every queued task
        tasks.deliver_webhook(pk)
    sent = json.dumps([request["body"] for request in receiver.requests])
    assert QUOTE not in sent
    # The partner still hears that the message came down.
    assert any(r["body"]["event"] == "message.withdrawn" for r in receiver.requests)
    pending.refresh_from_db()
    assert pending.status == WebhookDelivery.Status.FAILED
    assert "erased" in pending.error
    assert QUOTE not in json.dumps(pending.payload)
    assert pending.payload["data"] == {"id": world.live.public_id}


def test_a_delivered_payload_no_longer_holds_the_erased_quote(
    world, quoted, partner, receiver, queued, custodian, django_capture_on_commit_callbacks
):
    (delivery,) = _enqueue(world, django_capture_on_commit_callbacks)
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED

    record = world.narratives[0].source_record
    with django_capture_on_commit_callbacks(execute=True):
        narrative_services.withdraw_consent(user=custodian, source_record=record)

    stored = json.dumps(list(WebhookDelivery.objects.values_list("payload", flat=True)))
    assert QUOTE not in stored
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED  # history kept, no words
    assert delivery.payload["data"] == {"id": world.live.public_id}


def test_a_retry_of_an_erased_delivery_is_never_sent(
    world, quoted, partner, receiver, queued, custodian, django_capture_on_commit_callbacks
):
    (delivery,) = _enqueue(world, django_capture_on_commit_callbacks)
    record = world.narratives[0].source_record
    with django_capture_on_commit_callbacks(execute=True):
        narrative_services.withdraw_consent(user=custodian, source_record=record)
    services.redeliver(delivery=delivery)  # an admin presses "send again"
    with pytest.raises(services.DeliverySkipped):
        services.deliver_webhook(delivery_id=delivery.pk)
    assert all(r["body"]["id"] != delivery.public_id for r in receiver.requests)
