"""What partners holds of a person's words, and how it is erased (see ``core.erasure``).

The webhook outbox stores no content: each row names only its event and its message, and the
body is built from the message's current state when it is sent, so an erased quote (or a
withdrawn message) never goes out afterwards. Erasure still cancels every unsent publication
or update of a message that quoted the person, so not even a later "send again" builds one.
The withdrawal notices carry no words and still go out.
"""

from __future__ import annotations

from campaigns.erasure import quoting_messages
from core.erasure import ErasureSubject, register
from partners.models import WebhookDelivery
from partners.services import ERASED_DELIVERY


def cancel_pending_deliveries(subject: ErasureSubject) -> None:
    message_ids = list(quoting_messages(subject).values_list("public_id", flat=True))
    unsent = (WebhookDelivery.Status.PENDING, WebhookDelivery.Status.DELIVERING)
    deliveries = (
        WebhookDelivery.objects.select_for_update()
        .filter(object_id__in=message_ids, status__in=unsent)
        .exclude(event=WebhookDelivery.Event.MESSAGE_WITHDRAWN)
    )
    for delivery in deliveries:
        delivery.payload = {**(delivery.payload or {}), "erased": True}
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.error = ERASED_DELIVERY
        delivery.save(update_fields=["payload", "status", "error"])


def register_handlers() -> None:
    register(
        name="partners.webhook_payloads",
        holds="pending deliveries of messages that quoted the person (payloads hold no words)",
        handler=cancel_pending_deliveries,
    )
