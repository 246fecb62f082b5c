"""Writes for partners: keys, metrics, webhook secrets, and the webhook outbox.

The package: ``keys`` (partners, API keys, the webhook's URL and secret), ``metrics`` (the
partners' figures and the Idempotency-Key store), ``outbox`` (who hears of a message, the
rows, the bodies, the test ping) and ``delivery`` (sending, retries, the sweeper). Every
public name is re-exported here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from partners.services.delivery import (
    AWAITING_RECHECK,
    ERASED_DELIVERY,
    HELD_DELIVERY,
    NO_READING_KEY,
    SUPERSEDED_DELIVERY,
    DeliverySkipped,
    backoff,
    deliver_webhook,
    due_deliveries,
    redeliver,
    sendable_body,
    sweep_webhook_deliveries,
    webhook_body,
)
from partners.services.keys import (
    NewKey,
    create_api_key,
    create_partner,
    revoke_api_key,
    set_webhook,
)
from partners.services.metrics import (
    IdempotencyKeyReused,
    ReportValues,
    idempotent_write,
    latest_reportable_day,
    record_metrics,
    record_metrics_batch,
)
from partners.services.outbox import (
    CONTENT_EVENTS,
    EVENTS,
    PING,
    NoWebhook,
    enqueue_experiment_event,
    enqueue_message_event,
    enqueue_message_events,
    outbox_envelope,
    payload_holds_vault_value,
    payload_texts,
    queue_deliveries,
    queue_test_event,
    reading_audience,
    webhook_payload,
)

__all__ = [
    "AWAITING_RECHECK",
    "CONTENT_EVENTS",
    "ERASED_DELIVERY",
    "EVENTS",
    "HELD_DELIVERY",
    "NO_READING_KEY",
    "PING",
    "SUPERSEDED_DELIVERY",
    "DeliverySkipped",
    "IdempotencyKeyReused",
    "NewKey",
    "NoWebhook",
    "ReportValues",
    # What the services raise for invalid input (Django's), as callers catch it.
    "ValidationError",
    "backoff",
    "create_api_key",
    "create_partner",
    "deliver_webhook",
    "due_deliveries",
    "enqueue_experiment_event",
    "enqueue_message_event",
    "enqueue_message_events",
    "idempotent_write",
    "latest_reportable_day",
    "outbox_envelope",
    "payload_holds_vault_value",
    "payload_texts",
    "queue_deliveries",
    "queue_test_event",
    "reading_audience",
    "record_metrics",
    "record_metrics_batch",
    "redeliver",
    "revoke_api_key",
    "sendable_body",
    "set_webhook",
    "sweep_webhook_deliveries",
    "webhook_body",
    "webhook_payload",
]
