"""Thin tasks: take ids, call a service."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from partners import services
from partners.models import WebhookDelivery


@shared_task(name="partners.tasks.deliver_webhook", ignore_result=True)
def deliver_webhook(delivery_id: int) -> None:
    """Attempt one delivery; queue the retry itself when it is due soon (the sweeper catches
    later ones and any task that was lost)."""
    try:
        delivery = services.deliver_webhook(delivery_id=delivery_id)
    except services.DeliverySkipped:
        return
    if delivery.status == WebhookDelivery.Status.PENDING:
        delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
        if delay <= settings.WEBHOOK_INLINE_RETRY_MAX_SECONDS:
            deliver_webhook.apply_async((delivery_id,), countdown=max(delay, 0))


@shared_task(name="partners.tasks.sweep_webhook_deliveries", ignore_result=True)
def sweep_webhook_deliveries() -> int:
    """Re-queue due deliveries whose task was lost or whose retry time has come."""
    return services.sweep_webhook_deliveries()
