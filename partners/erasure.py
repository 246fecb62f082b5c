"""What partners holds of a person's words, and how it is erased (see ``core.erasure``).

The webhook outbox stores each delivery's payload, and a message's payload carries its
quotes. On erasure every stored payload that carried the person's words (by message, or by
excerpt id wherever it appears) is cut down to a tombstone that names only the event and
the message; a delivery not yet sent is cancelled, so the quote never leaves afterwards.
The withdrawal notices themselves carry no words and still go out.
"""

from __future__ import annotations

from django.db.models import Q

from campaigns.erasure import quoting_messages
from core.erasure import ErasureSubject, register
from partners.models import WebhookDelivery
from partners.services import ERASED_DELIVERY


def _tombstone(delivery: WebhookDelivery) -> dict:
    return {
        "id": delivery.public_id,
        "event": delivery.event,
        "created_at": (delivery.payload or {}).get("created_at"),
        "data": {"id": delivery.object_id},
        "erased": True,
    }


def erase_webhook_payloads(subject: ErasureSubject) -> None:
    message_ids = list(quoting_messages(subject).values_list("public_id", flat=True))
    carried = Q(object_id__in=message_ids)
    for excerpt_id in subject.excerpt_public_ids:
        carried |= Q(payload__icontains=excerpt_id)
    unsent = {WebhookDelivery.Status.PENDING, WebhookDelivery.Status.DELIVERING}
    deliveries = (
        WebhookDelivery.objects.select_for_update()
        .filter(carried)
        .exclude(event=WebhookDelivery.Event.MESSAGE_WITHDRAWN)
    )
    for delivery in deliveries:
        delivery.payload = _tombstone(delivery)
        fields = ["payload"]
        if delivery.status in unsent:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.error = ERASED_DELIVERY
            fields += ["status", "error"]
        delivery.save(update_fields=fields)


def register_handlers() -> None:
    register(
        name="partners.webhook_payloads",
        holds="stored webhook payloads and pending deliveries that carry the person's quotes",
        handler=erase_webhook_payloads,
    )
