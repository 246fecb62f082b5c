"""Webhooks: outbox rows written with the event, signed POSTs to a real local HTTP server,
retries with backoff, no redirects, bounded time, and the sweeper for lost tasks."""

from __future__ import annotations

import importlib
import json
import logging
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import Message
from narratives.models import SourceRecord
from partners import services, tasks, webhooks
from partners.models import WebhookDelivery
from tests.factories import NarrativeFactory

pytestmark = pytest.mark.django_db


class Receiver:
    """A partner's endpoint: verifies every signature, answers from a script."""

    def __init__(self, secret: str = "") -> None:
        self.secret = secret
        self.requests: list[dict] = []
        self.script: list[tuple[int, float]] = []  # (status, delay) per request; then 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = self.headers[webhooks.TIMESTAMP_HEADER]
                signature = self.headers[webhooks.SIGNATURE_HEADER]
                receiver.requests.append(
                    {
                        "path": self.path,
                        "headers": self.headers,  # case-insensitive
                        "raw": body,
                        "body": json.loads(body),
                        "valid": webhooks.verify(receiver.secret, timestamp, body, signature),
                    }
                )
                status, delay = receiver.script.pop(0) if receiver.script else (200, 0)
                time.sleep(delay)
                self.send_response(status)
                if status in (301, 302, 307):
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/cms"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


@pytest.fixture
def partner(world, make_key, receiver):
    make_key(["read:messages"])
    partner = make_key.last.partner
    receiver.secret = services.set_webhook(partner=partner, url=receiver.url)
    return partner


@pytest.fixture
def queued():
    """Capture tasks queued instead of sending them to the broker."""
    calls = []
    with (
        mock.patch.object(
            tasks.deliver_webhook, "delay", side_effect=lambda pk: calls.append((pk, 0))
        ),
        mock.patch.object(
            tasks.deliver_webhook,
            "apply_async",
            side_effect=lambda args, countdown=0: calls.append((args[0], countdown)),
        ),
    ):
        yield calls


def _publish(world, django_capture_on_commit_callbacks, event="message.published"):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        return services.enqueue_message_event(message=world.live, event=event)


def test_signed_delivery_after_a_failure_and_a_retry(
    world,
    partner,
    receiver,
    queued,
    django_capture_on_commit_callbacks,
    time_machine,
):
    receiver.script = [(500, 0)]
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    assert queued == [(delivery.pk, 0)]  # queued on commit

    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert (delivery.attempts, delivery.response_status) == (1, 500)
    assert delivery.error == "HTTP error 500"
    assert delivery.next_attempt_at == start + timedelta(seconds=10)
    assert queued[-1] == (delivery.pk, pytest.approx(10, abs=1))  # the retry, with backoff

    tasks.deliver_webhook(delivery.pk)  # too early: the claim refuses it
    assert len(receiver.requests) == 1

    time_machine.move_to(start + timedelta(seconds=11), tick=False)
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert (delivery.attempts, delivery.response_status, delivery.error) == (2, 200, "")

    first, second = receiver.requests
    assert first["valid"] and second["valid"]
    assert first["path"] == "/hooks/cms"
    assert second["headers"][webhooks.DELIVERY_HEADER] == delivery.public_id
    assert second["headers"][webhooks.EVENT_HEADER] == "message.published"
    assert second["headers"][webhooks.SIGNATURE_HEADER].startswith("sha256=")
    body = second["body"]
    assert body["id"] == delivery.public_id
    assert body["event"] == "message.published"
    assert body["data"]["id"] == world.live.public_id
    assert body["data"]["renditions"][0]["url"].startswith("http://127.0.0.1:8000/media/")


def test_backoff_is_exponential_and_capped():
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert services.backoff(30).total_seconds() == 3600


def test_a_wrong_secret_does_not_verify(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    receiver.secret = "whsec_not_the_one"
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    tasks.deliver_webhook(delivery.pk)
    assert receiver.requests[0]["valid"] is False


def test_redirects_are_not_followed(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    receiver.script = [(302, 0)]
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.error == "redirect not followed 302"


@override_settings(WEBHOOK_TIMEOUT_SECONDS=0.3)
def test_a_slow_receiver_times_out(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    receiver.script = [(200, 1.0)]
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    started = time.monotonic()
    tasks.deliver_webhook(delivery.pk)
    assert time.monotonic() - started < 0.9
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert "timed out" in delivery.error


@override_settings(WEBHOOK_MAX_ATTEMPTS=2)
def test_gives_up_after_the_last_attempt(
    world,
    partner,
    receiver,
    queued,
    django_capture_on_commit_callbacks,
    time_machine,
):
    receiver.script = [(500, 0), (503, 0)]
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    tasks.deliver_webhook(delivery.pk)
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 2, 503)


def test_sweeper_resends_deliveries_whose_task_was_lost(
    world,
    partner,
    receiver,
    queued,
    django_capture_on_commit_callbacks,
    time_machine,
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    queued.clear()  # the task was lost
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_webhook_deliveries() == 1
    assert queued == [(delivery.pk, 0)]
    # A worker that died mid-attempt leaves it "delivering": picked up once its lease ran out.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status="delivering",
        last_attempt_at=timezone.now(),
        lease_expires_at=timezone.now() + timedelta(seconds=15),
    )
    assert services.sweep_webhook_deliveries() == 0
    time_machine.move_to(timezone.now() + timedelta(seconds=16))
    assert services.sweep_webhook_deliveries() == 1
    tasks.deliver_webhook(delivery.pk)
    assert WebhookDelivery.objects.get(pk=delivery.pk).status == "delivered"


def test_outbox_rows_belong_to_the_event_transaction(world, partner, queued):
    try:
        with transaction.atomic():
            services.enqueue_message_event(message=world.live, event="message.updated")
            raise RuntimeError("the publishing transaction fails")
    except RuntimeError:
        pass
    assert WebhookDelivery.objects.count() == 0
    assert queued == []


def test_only_partners_who_can_see_the_message_get_it(world, make_key, receiver, queued):
    make_key(["read:messages"], languages=["fr"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    make_key(["read:narratives"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    make_key(["read:messages"])  # no webhook
    assert services.enqueue_message_event(message=world.live, event="message.updated") == []
    assert len(services.enqueue_message_event(message=world.live_fr, event="message.updated")) == 1


def test_a_withdrawn_payload_and_the_outbox_hold_no_text(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    (published,) = _publish(world, django_capture_on_commit_callbacks)
    (withdrawn,) = _publish(world, django_capture_on_commit_callbacks, event="message.withdrawn")
    texts = _texts_of(world.live)
    # The outbox rows name their event only, whatever the event.
    for delivery in (published, withdrawn):
        stored = WebhookDelivery.objects.get(pk=delivery.pk).payload
        assert stored == {
            "id": delivery.public_id,
            "event": delivery.event,
            "created_at": stored["created_at"],
            "data": {"id": world.live.public_id},
        }
        assert not any(text in json.dumps(stored) for text in texts)

    tasks.deliver_webhook(withdrawn.pk)
    (request,) = receiver.requests
    body = request["body"]
    assert request["valid"]
    assert set(body) == {"id", "created_at", "event", "data"}
    assert body["event"] == "message.withdrawn"
    assert body["data"] == {"id": world.live.public_id, "withdrawn_at": body["created_at"]}
    assert services.payload_texts(body) == []  # ids and times only
    assert not any(text in request["raw"].decode() for text in texts)
    with pytest.raises(ValueError, match="unknown webhook event"):
        services.enqueue_message_event(message=world.live, event="message.deleted")


def _texts_of(message) -> list[str]:
    message = Message.objects.select_related("campaign").get(pk=message.pk)
    texts = [message.headline, message.body, message.alt_text, message.campaign.key_message]
    texts += [link.excerpt.text for link in message.excerpt_links.select_related("excerpt")]
    return [text for text in texts if text]


def test_the_content_is_built_at_send_time_from_the_current_message(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    Message.objects.filter(pk=world.live.pk).update(
        headline="Edited after the event was queued", body="A body edited after enqueue."
    )
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    (request,) = receiver.requests
    assert request["body"]["data"]["headline"] == "Edited after the event was queued"
    assert request["body"]["data"]["body"] == "A body edited after enqueue."
    assert request["body"]["id"] == delivery.public_id
    assert request["body"]["created_at"] == delivery.payload["created_at"]  # when it happened


def test_the_signature_is_over_the_exact_bytes_sent(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    Message.objects.filter(pk=world.live.pk).update(headline="Signed as sent")
    tasks.deliver_webhook(delivery.pk)
    (request,) = receiver.requests
    raw = request["raw"]
    timestamp = request["headers"][webhooks.TIMESTAMP_HEADER]
    signature = request["headers"][webhooks.SIGNATURE_HEADER]
    assert webhooks.verify(receiver.secret, timestamp, raw, signature)
    assert raw == json.dumps(json.loads(raw), separators=(",", ":"), sort_keys=True).encode()
    assert json.loads(raw)["data"]["headline"] == "Signed as sent"
    # Not over what the outbox row stores, nor over the same JSON spaced otherwise.
    stored = WebhookDelivery.objects.get(pk=delivery.pk).payload
    as_stored = json.dumps(stored, separators=(",", ":"), sort_keys=True).encode()
    assert not webhooks.verify(receiver.secret, timestamp, as_stored, signature)
    respaced = json.dumps(json.loads(raw)).encode()
    assert not webhooks.verify(receiver.secret, timestamp, respaced, signature)


def test_a_publication_whose_message_was_withdrawn_before_sending_is_superseded(
    world, partner, receiver, queued, editor, django_capture_on_commit_callbacks
):
    (published,) = _publish(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.withdraw_message(
            user=editor, message=Message.objects.get(pk=world.live.pk), reason="Risk flagged."
        )
    withdrawn = WebhookDelivery.objects.get(event="message.withdrawn")

    delivery = services.deliver_webhook(delivery_id=published.pk)
    assert delivery.status == WebhookDelivery.Status.SUPERSEDED
    assert delivery.error == services.SUPERSEDED_DELIVERY
    assert delivery.lease_expires_at is None
    assert receiver.requests == []  # not POSTed
    with pytest.raises(services.DeliverySkipped):  # and never again
        services.deliver_webhook(delivery_id=published.pk)

    tasks.deliver_webhook(withdrawn.pk)  # the withdrawal has its own event
    (request,) = receiver.requests
    assert request["body"]["event"] == "message.withdrawn"
    assert set(request["body"]["data"]) == {"id", "withdrawn_at"}


def test_an_update_whose_message_ended_or_was_deleted_is_superseded(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    (ended,) = _publish(world, django_capture_on_commit_callbacks, event="message.updated")
    Message.objects.filter(pk=world.live.pk).update(unpublish_at=timezone.now())
    assert services.deliver_webhook(delivery_id=ended.pk).status == "superseded"
    (deleted,) = _publish(world, django_capture_on_commit_callbacks, event="message.updated")
    WebhookDelivery.objects.filter(pk=deleted.pk).update(object_id="msg_deleted_since")
    assert services.deliver_webhook(delivery_id=deleted.pk).status == "superseded"
    assert receiver.requests == []


def test_a_body_whose_text_holds_a_vault_value_is_held(
    world, partner, receiver, queued, caplog, django_capture_on_commit_callbacks
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    SourceRecord.objects.create(
        narrative=NarrativeFactory(),
        real_name="Brent Qorvathen",
        raw_text="Notes.",
    )
    # As if the recheck had passed the message although its body names the new record.
    Message.objects.filter(pk=world.live.pk).update(
        body="Ask Qorvathen what he did.", leak_checked_at=timezone.now()
    )
    caplog.set_level(logging.INFO, logger="partners")
    delivery = services.deliver_webhook(delivery_id=delivery.pk)
    assert delivery.status == WebhookDelivery.Status.SUPERSEDED
    assert delivery.error == services.HELD_DELIVERY
    assert receiver.requests == []
    logged = caplog.text + repr([record.__dict__ for record in caplog.records])
    assert delivery.public_id in logged
    assert "Qorvathen" not in logged


def test_a_publication_waits_while_its_leak_check_is_stale(
    world, partner, receiver, queued, django_capture_on_commit_callbacks, time_machine
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    SourceRecord.objects.create(
        narrative=NarrativeFactory(), real_name="Someone Else", raw_text="Notes."
    )
    delivery = services.deliver_webhook(delivery_id=delivery.pk)
    assert delivery.status == WebhookDelivery.Status.PENDING  # retried, not superseded
    assert delivery.error == services.AWAITING_RECHECK
    assert receiver.requests == []
    Message.objects.filter(pk=world.live.pk).update(leak_checked_at=timezone.now())
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    assert services.deliver_webhook(delivery_id=delivery.pk).status == "delivered"
    assert len(receiver.requests) == 1


def test_a_partner_whose_key_was_revoked_gets_no_content(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks)
    for api_key in partner.api_keys.all():
        services.revoke_api_key(api_key=api_key)
    delivery = services.deliver_webhook(delivery_id=delivery.pk)
    assert (delivery.status, delivery.error) == ("failed", services.NO_READING_KEY)
    assert receiver.requests == []


def test_the_migration_blanks_the_content_of_stored_payloads(world, partner):
    migration = importlib.import_module("partners.migrations.0005_outbox_without_content")
    frozen = {
        "id": "whd_frozen",
        "event": "message.published",
        "created_at": "2026-01-01T00:00:00+00:00",
        "data": {"id": world.live.public_id, "headline": "Frozen text", "body": "Testimony"},
    }
    pending = WebhookDelivery.objects.create(
        partner=partner,
        public_id="whd_frozen",
        event="message.published",
        object_id=world.live.public_id,
        payload=frozen,
        next_attempt_at=timezone.now(),
    )
    erased = WebhookDelivery.objects.create(
        partner=partner,
        event="message.updated",
        object_id=world.live.public_id,
        payload={"id": "x", "event": "message.updated", "data": {"id": "y"}, "erased": True},
        status="failed",
        next_attempt_at=timezone.now(),
    )
    migration.blank_stored_content(django_apps, None)
    pending.refresh_from_db()
    assert pending.payload == {**frozen, "data": {"id": world.live.public_id}}
    erased.refresh_from_db()
    assert erased.payload["erased"] is True
    assert erased.payload["data"] == {"id": world.live.public_id}


def test_webhook_urls_are_checked(world, make_key):
    make_key()
    partner = make_key.last.partner
    for url in ("ftp://127.0.0.1/x", "http://no-such-host.invalid/hook", "http:///nohost"):
        with pytest.raises(ValidationError):
            services.set_webhook(partner=partner, url=url)
    with (
        override_settings(WEBHOOK_REQUIRE_HTTPS=True),
        pytest.raises(ValidationError, match="https"),
    ):
        services.set_webhook(partner=partner, url="http://127.0.0.1/hook")
    with (
        override_settings(WEBHOOK_ALLOW_LOOPBACK=False),
        pytest.raises(ValidationError, match="loopback"),
    ):
        services.set_webhook(partner=partner, url="https://127.0.0.1/hook")
    assert services.set_webhook(partner=partner, url="http://127.0.0.1:9/hook").startswith("whsec_")


def test_secret_is_encrypted_at_rest(world, partner):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT webhook_secret FROM partners_partner WHERE id = %s", [partner.pk])
        (stored,) = cursor.fetchone()
    assert not stored.startswith("whsec_")


def test_a_delivery_whose_worker_keeps_dying_is_given_up(world, partner, queued, time_machine):
    (delivery,) = _publish_quietly(world)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status="delivering",
        attempts=settings.WEBHOOK_MAX_ATTEMPTS,
        lease_expires_at=timezone.now() + timedelta(seconds=15),
    )
    time_machine.move_to(timezone.now() + timedelta(seconds=16))
    assert services.sweep_webhook_deliveries() == 0
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert "redeliver" in delivery.error


def _publish_quietly(world):
    with transaction.atomic():
        return services.enqueue_message_event(message=world.live, event="message.published")
