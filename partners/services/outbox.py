"""Webhooks, the outbox: which partners hear of a message, the rows written in the caller's
transaction, the body a delivery carries (built at send time), and the test ping."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder

from campaigns.experiments.models import Experiment
from campaigns.models import Message
from narratives.egress import JOIN
from narratives.egress import holds_vault_value as text_holds_vault_value
from partners.egress import EXPERIMENT_FIELDS, MESSAGE_FIELDS, NOT_TEXT, WEBHOOK_FIELDS
from partners.models import Partner, WebhookDelivery
from partners.scopes import READ_MESSAGES
from partners.selectors import Audience, live_messages, partner_experiment, visible_message
from partners.serializers import ExperimentSerializer, MessageSerializer

logger = logging.getLogger("partners.services")

PING = WebhookDelivery.Event.PING
# The events of messages, which publishing code enqueues; a ping is asked for by the partner.
EVENTS = frozenset(WebhookDelivery.Event.values) - {PING}
CONTENT_EVENTS = frozenset(
    {WebhookDelivery.Event.MESSAGE_PUBLISHED, WebhookDelivery.Event.MESSAGE_UPDATED}
)

Audiences = Sequence[tuple[Partner, Audience]]


def _webhook_audiences() -> list[tuple[Partner, Audience]]:
    """Partners with a webhook and a usable key that reads messages, with what they may see."""
    found = []
    partners = Partner.objects.filter(is_active=True).exclude(webhook_url="")
    for partner in partners.prefetch_related("api_keys"):
        usable = [k for k in partner.api_keys.all() if k.is_usable(timezone.now())]
        reading = [k for k in usable if READ_MESSAGES in k.scopes]
        if reading:
            found.append((partner, Audience.for_key(reading[0])))
    return found


def _partners_for_message(message: Message, audiences: Audiences) -> list[Partner]:
    return [
        partner
        for partner, audience in audiences
        if visible_message(audience=audience, public_id=message.public_id) is not None
    ]


def outbox_envelope(
    *, delivery_id: str, event: str, object_id: str, occurred_at: str
) -> dict[str, Any]:
    """What an outbox row stores: only what identifies the event, never the message's content
    (built at send time by :func:`webhook_payload`)."""
    return {"id": delivery_id, "event": event, "created_at": occurred_at, "data": {"id": object_id}}


def reading_audience(partner: Partner) -> Audience | None:
    """What the partner may see now: through its first usable key that reads messages."""
    now = timezone.now()
    for api_key in partner.api_keys.order_by("pk"):
        if api_key.is_usable(now) and READ_MESSAGES in api_key.scopes:
            return Audience.for_key(api_key)
    return None


def webhook_payload(delivery: WebhookDelivery, *, now: datetime) -> dict[str, Any] | None:
    """The body a delivery carries, built now from the message's current state.

    A withdrawal carries only the message's id and the time. A publication or update carries
    the API's message representation as the partner could read it at ``now``; None when the
    message is no longer live for the partner (withdrawn, erased, deleted, unpublished, or
    out of its view): its content must not go out, and its withdrawal has its own event.
    """
    stored = delivery.payload or {}
    occurred_at = stored.get("created_at") or delivery.created_at.isoformat()
    data: Any
    if delivery.event == PING:
        data = {}
    elif delivery.event == WebhookDelivery.Event.MESSAGE_WITHDRAWN:
        data = {"id": delivery.object_id, "withdrawn_at": occurred_at}
    elif delivery.event in EXPERIMENT_EVENTS:
        # The experiment as the partner's list shows it now: ids, weights and codes only.
        audience = reading_audience(delivery.partner)
        experiment = (
            None
            if audience is None
            else partner_experiment(audience=audience, now=now, public_id=delivery.object_id)
        )
        if experiment is None:
            return None
        data = ExperimentSerializer(experiment).data
    else:
        audience = reading_audience(delivery.partner)
        if audience is None:
            return None
        message = (
            live_messages(audience=audience, now=now).filter(public_id=delivery.object_id).first()
        )
        if message is None:
            return None
        data = MessageSerializer(message, context={}).data
    payload = {"id": delivery.public_id, "created_at": occurred_at, "event": delivery.event}
    # Round-trip through DRF's encoder: dates and decimals become JSON types.
    body: dict[str, Any] = json.loads(json.dumps({**payload, "data": data}, cls=JSONEncoder))
    return body


def payload_texts(payload: dict[str, Any]) -> list[str]:
    """The payload's free texts: every string except those registered as no free text (an id,
    code or time, see ``partners.egress``); a key not registered counts as text."""

    def is_text(path: str) -> bool:
        source = WEBHOOK_FIELDS.get(path)
        if source and source.startswith("api:message."):  # as the API's message field
            source = MESSAGE_FIELDS.get(source.removeprefix("api:message."))
        elif source and source.startswith("api:experiment."):
            source = EXPERIMENT_FIELDS.get(source.removeprefix("api:experiment."))
        return source != NOT_TEXT

    texts: list[str] = []

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for item in value:
                walk(item, path)
        elif isinstance(value, str) and value and is_text(path):
            texts.append(value)

    walk(payload, "")
    return texts


def payload_holds_vault_value(payload: dict[str, Any]) -> bool:
    """Whether any outbound text of the payload, alone or read with the others, holds a value
    of the vault."""
    texts = payload_texts(payload)
    return any(text_holds_vault_value(text) for text in texts) or (
        len(texts) > 1 and text_holds_vault_value(JOIN.join(texts))
    )


def enqueue_message_event(*, message: Message, event: str) -> list[WebhookDelivery]:
    """Write one outbox row per partner who can see the message, in the caller's
    transaction, and queue their delivery after commit."""
    return _enqueue(message, event, _webhook_audiences())


def enqueue_message_events(*, messages: list[Message], event: str) -> list[WebhookDelivery]:
    """The same for many messages at once (the publisher's batches), looking partners up once."""
    audiences = _webhook_audiences()
    return [delivery for message in messages for delivery in _enqueue(message, event, audiences)]


EXPERIMENT_EVENTS = frozenset(
    {WebhookDelivery.Event.EXPERIMENT_STARTED, WebhookDelivery.Event.EXPERIMENT_STOPPED}
)


def enqueue_experiment_event(*, experiment: Experiment, event: str) -> list[WebhookDelivery]:
    """One outbox row per partner that may show every variant of the experiment (as
    ``GET /api/v1/experiments/`` lists it for them), in the caller's transaction."""
    if event not in EXPERIMENT_EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    now = timezone.now()
    partners = [
        partner
        for partner, audience in _webhook_audiences()
        if partner_experiment(audience=audience, now=now, public_id=experiment.public_id)
        is not None
    ]
    return _write_deliveries(partners, event, object_id=experiment.public_id, now=now)


def _write_delivery(
    partner: Partner,
    event: str,
    *,
    object_id: str,
    now: datetime,
    data: dict[str, Any] | None = None,
) -> WebhookDelivery:
    """Write one outbox row, due now; its payload is the envelope (``data`` in place of the
    object's id, for a ping)."""
    delivery = WebhookDelivery(
        partner=partner, event=event, object_id=object_id, payload={}, next_attempt_at=now
    )
    delivery.payload = outbox_envelope(
        delivery_id=delivery.public_id,
        event=event,
        object_id=object_id,
        occurred_at=now.isoformat(),
    )
    if data is not None:
        delivery.payload["data"] = data
    delivery.save()
    return delivery


def _write_deliveries(
    partners: list[Partner], event: str, *, object_id: str, now: datetime
) -> list[WebhookDelivery]:
    """One outbox row per partner, in the caller's transaction, sent after it commits."""
    if not partners:
        return []
    with transaction.atomic():
        deliveries = [
            _write_delivery(partner, event, object_id=object_id, now=now) for partner in partners
        ]
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: queue_deliveries(ids))
    return deliveries


def _enqueue(message: Message, event: str, audiences: Audiences) -> list[WebhookDelivery]:
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    now = timezone.now()
    partners = _partners_for_message(message, audiences)
    return _write_deliveries(partners, event, object_id=message.public_id, now=now)


class NoWebhook(Exception):
    """The partner has no webhook to send to (no URL, or the partner is inactive)."""


def queue_test_event(*, partner: Partner) -> WebhookDelivery:
    """Queue a ``ping`` to the partner's webhook, as real events go: an outbox row written
    here, sent after commit by the same task, signed with the partner's secret, to the
    address checked at send time, retried the same way. Its ``data`` is empty.

    Raise :class:`NoWebhook` when the partner has no webhook URL."""
    if not (partner.is_active and partner.has_webhook):
        raise NoWebhook()
    with transaction.atomic():
        delivery = _write_delivery(
            partner, PING, object_id=partner.public_id, now=timezone.now(), data={}
        )
        transaction.on_commit(lambda: queue_deliveries([delivery.pk]))
    logger.info(
        "webhook test queued", extra={"delivery": delivery.public_id, "partner": partner.public_id}
    )
    return delivery


def queue_deliveries(ids: list[int]) -> None:
    """Queue the delivery task for each outbox row (after commit)."""
    # The task module imports this package: imported when first needed.
    from partners.tasks import deliver_webhook

    for pk in ids:
        deliver_webhook.delay(pk)
