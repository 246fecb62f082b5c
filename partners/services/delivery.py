"""Webhooks, sending: claim a due delivery, build its body now, POST it once, record the
outcome; retries with backoff, the sweeper for lost tasks and dead workers, redelivery."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from campaigns.models import Message, leak_check_current_q, on_schedule_q
from core.leases import LeaseKeeper, lease_expiry, lease_run_out
from partners import webhooks
from partners.models import Partner, WebhookDelivery
from partners.services.outbox import (
    CONTENT_EVENTS,
    payload_holds_vault_value,
    queue_deliveries,
    reading_audience,
    webhook_payload,
)

logger = logging.getLogger("partners.services")


def backoff(attempts: int) -> timedelta:
    """Exponential: base, 2 x base, 4 x base, ... capped."""
    seconds = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.WEBHOOK_RETRY_MAX_SECONDS))


ERASED_DELIVERY = "Cancelled: the content it carried was erased after a withdrawal of consent."
SUPERSEDED_DELIVERY = (
    "Superseded: the message is no longer live for the partner; its content is not sent "
    "(a withdrawal has its own message.withdrawn event)."
)
HELD_DELIVERY = "Held: a text of the message holds a value of the vault; nothing was sent."
AWAITING_RECHECK = "Not sent yet: the message waits for its leak check after a vault change."
NO_READING_KEY = "Partner has no usable key that reads messages any more."


class DeliverySkipped(Exception):
    """Delivered already, given up, not due, or being delivered by someone else."""


@dataclass(frozen=True)
class _Outcome:
    """What came of an attempt that was not a POST."""

    status: str
    error: str
    retry: bool = False


def deliver_webhook(*, delivery_id: int, now: datetime | None = None) -> WebhookDelivery:
    """Claim one due delivery, build its body from the message's current state, POST it once,
    and record the outcome.

    The claim is a conditional UPDATE, so the task and the sweeper never send it twice at
    once. Delivery is at least once (a worker can die after the POST and before recording):
    receivers deduplicate on ``X-CMS-Delivery``. A publication or update whose message is no
    longer live is superseded, and one whose texts hold a vault value is held: neither is
    POSTed.
    """
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(
        Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
        | Q(lease_run_out(now), status=WebhookDelivery.Status.DELIVERING),
        pk=delivery_id,
    ).update(
        status=WebhookDelivery.Status.DELIVERING,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
        lease_expires_at=lease_expiry(now),
    )
    if not claimed:
        raise DeliverySkipped()
    delivery = WebhookDelivery.objects.select_related("partner").get(pk=delivery_id)
    partner = delivery.partner
    if (delivery.payload or {}).get("erased"):
        # Its message's content was erased (consent withdrawn) while it was pending: never send.
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED, error=ERASED_DELIVERY, lease_expires_at=None
        )
        raise DeliverySkipped()
    if not (partner.is_active and partner.has_webhook):
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED,
            error="Partner has no webhook any more.",
            lease_expires_at=None,
        )
        raise DeliverySkipped()
    with LeaseKeeper(lambda: _renew_delivery_lease(delivery_id, delivery.attempts)):
        body_or_outcome = _body_to_send(delivery, now=now)
        if isinstance(body_or_outcome, bytes):
            result = _post(delivery, partner, body_or_outcome)
    done = timezone.now()
    update: dict[str, Any] = {"lease_expires_at": None}
    if isinstance(body_or_outcome, _Outcome):
        update.update(status=body_or_outcome.status, error=body_or_outcome.error)
        if body_or_outcome.retry:
            if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
                update.update(status=WebhookDelivery.Status.FAILED)
            else:
                update.update(next_attempt_at=done + backoff(delivery.attempts))
        response_status = None
    else:
        response_status = result.status
        update.update(response_status=result.status, error=result.error)
        if result.ok:
            update.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=done)
        elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            update.update(status=WebhookDelivery.Status.FAILED)
        else:
            update.update(
                status=WebhookDelivery.Status.PENDING,
                next_attempt_at=done + backoff(delivery.attempts),
            )
    # Only the holder of this attempt records its outcome: if the lease was taken over, the
    # newer attempt's outcome stands.
    WebhookDelivery.objects.filter(pk=delivery_id, attempts=delivery.attempts).update(**update)
    delivery.refresh_from_db()
    logger.info(
        "webhook attempt",
        extra={
            "delivery": delivery.public_id,
            "event": delivery.event,
            "attempt": delivery.attempts,
            "status": delivery.status,
            "response_status": response_status,
        },
    )
    return delivery


def _body_to_send(delivery: WebhookDelivery, *, now: datetime) -> bytes | _Outcome:
    """The exact bytes to POST (and sign), built now; or why nothing is sent."""
    if delivery.event in CONTENT_EVENTS and reading_audience(delivery.partner) is None:
        return _Outcome(WebhookDelivery.Status.FAILED, NO_READING_KEY)
    payload = webhook_payload(delivery, now=now)
    if payload is None:
        if _awaiting_recheck(delivery.object_id, now):
            return _Outcome(WebhookDelivery.Status.PENDING, AWAITING_RECHECK, retry=True)
        return _Outcome(WebhookDelivery.Status.SUPERSEDED, SUPERSEDED_DELIVERY)
    if payload_holds_vault_value(payload):
        # The delivery's id only: never the text, nor which value.
        logger.warning("webhook held: vault value", extra={"delivery": delivery.public_id})
        return _Outcome(WebhookDelivery.Status.SUPERSEDED, HELD_DELIVERY)
    return webhook_body(payload)


def sendable_body(delivery: WebhookDelivery, *, now: datetime) -> bytes | None:
    """The bytes the delivery would be sent as at ``now``, or None when it would not be sent
    (for checks of what leaves; claims nothing)."""
    body = _body_to_send(delivery, now=now)
    return body if isinstance(body, bytes) else None


def webhook_body(payload: dict[str, Any]) -> bytes:
    """The bytes a payload is sent as (and signed over)."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def _awaiting_recheck(public_id: str, now: datetime) -> bool:
    """Whether the message is live by its status and schedule, and is only held back until
    its leak check is current again (see ``MessageQuerySet.live``): retried, not superseded."""
    return (
        Message.objects.filter(on_schedule_q(now), public_id=public_id)
        .exclude(leak_check_current_q())
        .exists()
    )


def _renew_delivery_lease(delivery_id: int, attempt: int) -> bool:
    # ``attempts`` fences the lease: a worker whose lease was taken over renews nothing.
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id, status=WebhookDelivery.Status.DELIVERING, attempts=attempt
        ).update(lease_expires_at=lease_expiry())
    )


def _post(delivery: WebhookDelivery, partner: Partner, body: bytes) -> webhooks.SendResult:
    timestamp = str(int(time.time()))
    try:
        # Resolved once: the request goes to the addresses checked here (no rebinding window).
        addresses = webhooks.check_webhook_url(partner.webhook_url)
    except ValidationError as exc:
        return webhooks.SendResult(False, None, exc.messages[0][:300])
    return webhooks.send(
        url=partner.webhook_url,
        addresses=addresses,
        body=body,
        headers={
            "Content-Type": "application/json",
            "User-Agent": "cms-webhooks/1",
            webhooks.TIMESTAMP_HEADER: timestamp,
            webhooks.SIGNATURE_HEADER: webhooks.sign(partner.webhook_secret, timestamp, body),
            webhooks.EVENT_HEADER: delivery.event,
            webhooks.DELIVERY_HEADER: delivery.public_id,
        },
        timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
    )


def due_deliveries(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Deliveries whose attempt is due, or whose worker died mid-attempt (lease run out)."""
    now = now or timezone.now()
    stuck = WebhookDelivery.objects.filter(
        lease_run_out(now), status=WebhookDelivery.Status.DELIVERING
    )
    stuck.filter(attempts__gte=settings.WEBHOOK_MAX_ATTEMPTS).update(
        status=WebhookDelivery.Status.FAILED,
        error="The worker stopped during the last attempt; see the workers' logs, then redeliver.",
        lease_expires_at=None,
    )
    stuck.update(status=WebhookDelivery.Status.PENDING, next_attempt_at=now, lease_expires_at=None)
    return list(
        WebhookDelivery.objects.filter(
            Q(status=WebhookDelivery.Status.PENDING), Q(next_attempt_at__lte=now)
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def sweep_webhook_deliveries(*, now: datetime | None = None) -> int:
    """Queue every due delivery (lost tasks, retries whose time has come); return how many."""
    ids = due_deliveries(now=now)
    if ids:
        transaction.on_commit(lambda: queue_deliveries(ids))
    return len(ids)


@transaction.atomic
def redeliver(*, delivery: WebhookDelivery) -> None:
    """Send a delivery again now (admin action), whatever its state."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
    transaction.on_commit(lambda: queue_deliveries([delivery.pk]))
