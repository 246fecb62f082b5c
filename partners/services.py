"""Writes for partners: keys, metrics, webhook secrets, and the webhook outbox."""

from __future__ import annotations

import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder

from campaigns.models import Message
from core import audit
from core.leases import LeaseKeeper, lease_expiry, lease_run_out
from partners import keys, webhooks
from partners.models import ApiKey, IdempotentWrite, MetricReport, Partner, WebhookDelivery
from partners.scopes import READ_MESSAGES, validate_scopes

if TYPE_CHECKING:
    from partners.selectors import Audience

logger = logging.getLogger(__name__)


# --- Partners and keys ----------------------------------------------------------------------


@dataclass(frozen=True)
class NewKey:
    """A key just made: ``key`` is its only appearance in clear; show it once."""

    api_key: ApiKey
    key: str


@transaction.atomic
def create_partner(
    *,
    name: str,
    languages: list[str] | None = None,
    regions: list[str] | None = None,
    webhook_url: str = "",
    actor=None,
) -> Partner:
    """Create a partner organisation (no key yet)."""
    from core.languages import CONTENT_LANGUAGES

    languages = sorted(set(languages or []))
    unknown = set(languages) - {code for code, _ in CONTENT_LANGUAGES}
    if unknown:
        raise ValidationError(f"Unknown languages: {', '.join(sorted(unknown))}.")
    if Partner.objects.filter(name=name).exists():
        raise ValidationError("A partner with this name exists already.")
    partner = Partner(
        name=name,
        languages=languages,
        regions=sorted({r.strip() for r in regions or [] if r.strip()}),
    )
    partner.save()
    if webhook_url:
        set_webhook(partner=partner, url=webhook_url)
    logger.info("partner created", extra={"partner": partner.public_id})
    return partner


@transaction.atomic
def create_api_key(
    *,
    partner: Partner,
    scopes: list[str],
    name: str = "",
    expires_at: datetime | None = None,
    actor=None,
) -> NewKey:
    """Make a new random key for the partner; only its hash and prefix are stored."""
    try:
        scopes = validate_scopes(scopes)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("The expiry must be in the future.")
    while True:
        key, prefix, key_hash = keys.generate_key()
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    api_key = ApiKey.objects.create(
        partner=partner,
        name=name,
        prefix=prefix,
        key_hash=key_hash,
        scopes=scopes,
        expires_at=expires_at,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    logger.info("api key created", extra={"partner": partner.public_id, "prefix": prefix})
    audit.record(
        action=audit.Action.API_KEY_CREATED,
        actor=actor if getattr(actor, "pk", None) else None,
        target=("api_key", prefix),
        detail={"partner": partner.public_id},
    )
    return NewKey(api_key=api_key, key=key)


def revoke_api_key(*, api_key: ApiKey, actor=None) -> ApiKey:
    """Revoke a key at once; a revoked key never works again."""
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=now)
    api_key.refresh_from_db(fields=["revoked_at"])
    logger.info("api key revoked", extra={"prefix": api_key.prefix})
    audit.record(
        action=audit.Action.API_KEY_REVOKED,
        actor=actor if getattr(actor, "pk", None) else None,
        target=("api_key", api_key.prefix),
    )
    return api_key


@transaction.atomic
def set_webhook(*, partner: Partner, url: str) -> str:
    """Point the partner's webhook at ``url`` with a new secret; return the secret (show it
    once). An empty URL turns webhooks off."""
    if not url:
        partner.webhook_url = ""
        partner.webhook_secret = ""  # nosec B105 - clearing the secret, not setting one
        partner.save(update_fields=["webhook_url", "webhook_secret", "updated_at"])
        return ""
    webhooks.validate_webhook_url(url)
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    partner.webhook_url = url
    partner.webhook_secret = secret
    partner.save(update_fields=["webhook_url", "webhook_secret", "updated_at"])
    return secret


# --- Metrics --------------------------------------------------------------------------------


def latest_reportable_day(now: datetime | None = None) -> date:
    """The latest day that has begun somewhere on Earth (UTC+14)."""
    return ((now or timezone.now()) + timedelta(hours=14)).date()


@transaction.atomic
def record_metrics(
    *,
    partner: Partner,
    message: Message,
    day: date,
    impressions: int,
    reach: int,
    clicks: int,
    shares: int,
) -> MetricReport:
    """Store one partner's figures for one message and day; a repeat replaces them."""
    implausible = {}
    if reach > impressions:
        implausible["reach"] = "Reach (people) cannot exceed impressions (views)."
    if clicks > impressions:
        implausible["clicks"] = "Clicks cannot exceed impressions."
    if implausible:
        raise ValidationError(implausible)
    if day > latest_reportable_day():
        raise ValidationError({"day": "The day must not be in the future."})
    if message.publish_at is not None and day < message.publish_at.date() - timedelta(days=1):
        raise ValidationError({"day": "The message was not published yet on that day."})
    report, created = MetricReport.objects.update_or_create(
        partner=partner,
        message=message,
        day=day,
        defaults={"impressions": impressions, "reach": reach, "clicks": clicks, "shares": shares},
    )
    report.was_created = created
    return report


@transaction.atomic
def record_metrics_batch(*, partner: Partner, reports: list[dict]) -> list[MetricReport]:
    """Store several reports, all or none; errors are keyed ``reports.<index>.<field>``.

    Each item holds ``message`` (a Message) and the other keyword arguments of
    :func:`record_metrics`.
    """
    errors: dict[str, list[str]] = {}
    seen: dict[tuple[int, date], int] = {}
    stored = []
    for index, report in enumerate(reports):
        pair = (report["message"].pk, report["day"])
        if pair in seen:
            errors[f"reports.{index}"] = [
                f"Same message and day as report {seen[pair]}; send each pair once."
            ]
            continue
        seen[pair] = index
        try:
            stored.append(record_metrics(partner=partner, **report))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"reports.{index}.{name}"] = messages
    if errors:
        raise ValidationError(errors)  # inside the transaction: nothing stays stored
    return stored


class IdempotencyKeyReused(Exception):
    """The key came before with another body."""


class _LostRace(Exception):
    pass


def idempotent_write(*, partner: Partner, key: str, fingerprint: str, write):
    """Run ``write()`` (returning ``(status, body)``) once per partner and key; return
    ``(status, body, replayed)``.

    The answer is stored in the write's transaction, so a concurrent repeat waits on the
    unique key and then replays it. A failed write stores nothing: it may be retried.
    """
    horizon = timezone.now() - timedelta(seconds=settings.API_IDEMPOTENCY_TTL_SECONDS)
    IdempotentWrite.objects.filter(created_at__lt=horizon).delete()
    for _attempt in range(2):
        earlier = IdempotentWrite.objects.filter(partner=partner, key=key).first()
        if earlier is not None:
            if earlier.fingerprint != fingerprint:
                raise IdempotencyKeyReused
            return earlier.status_code, earlier.response_body, True
        try:
            with transaction.atomic():
                status, body = write()
                try:
                    with transaction.atomic():
                        IdempotentWrite.objects.create(
                            partner=partner,
                            key=key,
                            fingerprint=fingerprint,
                            status_code=status,
                            response_body=body,
                        )
                except IntegrityError:
                    raise _LostRace from None  # undoes this write too
            return status, body, False
        except _LostRace:
            continue  # a concurrent request with this key won: replay its answer
    raise IdempotencyKeyReused


# --- Webhooks: the outbox -------------------------------------------------------------------

PING = WebhookDelivery.Event.PING
# The events of messages, which publishing code enqueues; a ping is asked for by the partner.
EVENTS = frozenset(WebhookDelivery.Event.values) - {PING}


def _webhook_audiences() -> list[tuple[Partner, Audience]]:
    """Partners with a webhook and a usable key that reads messages, with what they may see."""
    from partners.selectors import Audience

    found = []
    partners = Partner.objects.filter(is_active=True).exclude(webhook_url="")
    for partner in partners.prefetch_related("api_keys"):
        usable = [k for k in partner.api_keys.all() if k.is_usable(timezone.now())]
        reading = [k for k in usable if READ_MESSAGES in k.scopes]
        if reading:
            found.append((partner, Audience.for_key(reading[0])))
    return found


def _partners_for_message(message: Message, audiences) -> list[Partner]:
    from partners.selectors import visible_message

    return [
        partner
        for partner, audience in audiences
        if visible_message(audience=audience, public_id=message.public_id) is not None
    ]


CONTENT_EVENTS = frozenset(
    {WebhookDelivery.Event.MESSAGE_PUBLISHED, WebhookDelivery.Event.MESSAGE_UPDATED}
)


def outbox_envelope(*, delivery_id: str, event: str, object_id: str, occurred_at: str) -> dict:
    """What an outbox row stores: only what identifies the event, never the message's content
    (built at send time by :func:`webhook_payload`)."""
    return {"id": delivery_id, "event": event, "created_at": occurred_at, "data": {"id": object_id}}


def _reading_audience(partner: Partner) -> Audience | None:
    """What the partner may see now: through its first usable key that reads messages."""
    from partners.selectors import Audience

    now = timezone.now()
    for api_key in partner.api_keys.order_by("pk"):
        if api_key.is_usable(now) and READ_MESSAGES in api_key.scopes:
            return Audience.for_key(api_key)
    return None


def webhook_payload(delivery: WebhookDelivery, *, now: datetime) -> dict | None:
    """The body a delivery carries, built now from the message's current state.

    A withdrawal carries only the message's id and the time. A publication or update carries
    the API's message representation as the partner could read it at ``now``; None when the
    message is no longer live for the partner (withdrawn, erased, deleted, unpublished, or
    out of its view): its content must not go out, and its withdrawal has its own event.
    """
    stored = delivery.payload or {}
    occurred_at = stored.get("created_at") or delivery.created_at.isoformat()
    if delivery.event == PING:
        data = {}
    elif delivery.event == WebhookDelivery.Event.MESSAGE_WITHDRAWN:
        data = {"id": delivery.object_id, "withdrawn_at": occurred_at}
    else:
        from partners.selectors import live_messages
        from partners.serializers import MessageSerializer

        audience = _reading_audience(delivery.partner)
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
    return json.loads(json.dumps({**payload, "data": data}, cls=JSONEncoder))


def payload_texts(payload: dict) -> list[str]:
    """The payload's free texts: every string except those registered as no free text (an id,
    code or time, see ``partners.egress``); a key not registered counts as text."""
    from partners.egress import MESSAGE_FIELDS, NOT_TEXT, WEBHOOK_FIELDS

    def is_text(path: str) -> bool:
        source = WEBHOOK_FIELDS.get(path)
        if source and source.startswith("api:message."):  # as the API's message field
            source = MESSAGE_FIELDS.get(source.removeprefix("api:message."))
        return source != NOT_TEXT

    texts: list[str] = []

    def walk(value, path: str) -> None:
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


def payload_holds_vault_value(payload: dict) -> bool:
    """Whether any outbound text of the payload, alone or read with the others, holds a value
    of the vault."""
    from narratives.egress import JOIN
    from narratives.egress import holds_vault_value as text_holds_vault_value

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


def _enqueue(message: Message, event: str, audiences) -> list[WebhookDelivery]:
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    now = timezone.now()
    partners = _partners_for_message(message, audiences)
    if not partners:
        return []
    deliveries = []
    with transaction.atomic():
        for partner in partners:
            delivery = WebhookDelivery(
                partner=partner,
                event=event,
                object_id=message.public_id,
                payload={},
                next_attempt_at=now,
            )
            delivery.payload = outbox_envelope(
                delivery_id=delivery.public_id,
                event=event,
                object_id=message.public_id,
                occurred_at=now.isoformat(),
            )
            delivery.save()
            deliveries.append(delivery)
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: _queue_deliveries(ids))
    return deliveries


class NoWebhook(Exception):
    """The partner has no webhook to send to (no URL, or the partner is inactive)."""


def queue_test_event(*, partner: Partner) -> WebhookDelivery:
    """Queue a ``ping`` to the partner's webhook, as real events go: an outbox row written
    here, sent after commit by the same task, signed with the partner's secret, to the
    address checked at send time, retried the same way. Its ``data`` is empty.

    Raise :class:`NoWebhook` when the partner has no webhook URL."""
    if not (partner.is_active and partner.has_webhook):
        raise NoWebhook()
    now = timezone.now()
    with transaction.atomic():
        delivery = WebhookDelivery(
            partner=partner,
            event=PING,
            object_id=partner.public_id,
            payload={},
            next_attempt_at=now,
        )
        delivery.payload = {
            "id": delivery.public_id,
            "event": PING,
            "created_at": now.isoformat(),
            "data": {},
        }
        delivery.save()
        transaction.on_commit(lambda: _queue_deliveries([delivery.pk]))
    logger.info(
        "webhook test queued", extra={"delivery": delivery.public_id, "partner": partner.public_id}
    )
    return delivery


def _queue_deliveries(ids: list[int]) -> None:
    from partners.tasks import deliver_webhook

    for pk in ids:
        deliver_webhook.delay(pk)


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
    update: dict = {"lease_expires_at": None}
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
    if delivery.event in CONTENT_EVENTS and _reading_audience(delivery.partner) is None:
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


def webhook_body(payload: dict) -> bytes:
    """The bytes a payload is sent as (and signed over)."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def _awaiting_recheck(public_id: str, now: datetime) -> bool:
    """Whether the message is live by its status and schedule, and is only held back until
    its leak check is current again (see ``MessageQuerySet.live``): retried, not superseded."""
    from partners.selectors import LIVE_STATUSES

    return (
        Message.objects.filter(public_id=public_id, status__in=LIVE_STATUSES, publish_at__lte=now)
        .filter(Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))
        .exclude(pk__in=Message.objects.live(now).values("pk"))
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
        transaction.on_commit(lambda: _queue_deliveries(ids))
    return len(ids)


@transaction.atomic
def redeliver(*, delivery: WebhookDelivery) -> None:
    """Send a delivery again now (admin action), whatever its state."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
    transaction.on_commit(lambda: _queue_deliveries([delivery.pk]))
