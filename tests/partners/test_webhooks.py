"""Webhooks: outbox rows written with the event, signed POSTs to a real local HTTP server,
retries with backoff, no redirects, bounded time, and the sweeper for lost tasks."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from partners import services, tasks, webhooks
from partners.models import WebhookDelivery

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


def test_withdrawn_payload_is_only_id_and_time(
    world, partner, receiver, queued, django_capture_on_commit_callbacks
):
    (delivery,) = _publish(world, django_capture_on_commit_callbacks, event="message.withdrawn")
    assert delivery.payload["event"] == "message.withdrawn"
    assert set(delivery.payload["data"]) == {"id", "withdrawn_at"}
    with pytest.raises(ValueError, match="unknown webhook event"):
        services.enqueue_message_event(message=world.live, event="message.deleted")


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
        override_settings(WEBHOOK_ALLOW_PRIVATE=False),
        pytest.raises(ValidationError, match="private"),
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
