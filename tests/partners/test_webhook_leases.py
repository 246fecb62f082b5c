"""A delivery's lease is renewed while a slow receiver holds the request, so the sweeper
does not hand a live attempt to a second worker."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connections
from django.test.utils import override_settings
from django.utils import timezone

from partners import services
from partners.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)


class LeaseWatchingReceiver:
    """Holds each request until the delivery's lease has moved on from its claim."""

    def __init__(self) -> None:
        self.leases: list = []
        self.delivery_id: int | None = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    receiver.watch_lease()
                finally:
                    connections.close_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def watch_lease(self) -> None:
        first = WebhookDelivery.objects.get(pk=self.delivery_id).lease_expires_at
        self.leases.append(first)
        renewed = threading.Event()
        while not renewed.wait(0.01):
            lease = WebhookDelivery.objects.get(pk=self.delivery_id).lease_expires_at
            if lease != first:
                self.leases.append(lease)
                return

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"


@pytest.fixture
def receiver():
    server = LeaseWatchingReceiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@override_settings(WORK_LEASE_RENEW_SECONDS=0.05, WEBHOOK_TIMEOUT_SECONDS=30)
def test_a_slow_delivery_keeps_renewing_its_lease(receiver):
    partner = services.create_partner(name="Slow partner")
    services.set_webhook(partner=partner, url=receiver.url)
    delivery = WebhookDelivery.objects.create(
        partner=partner,
        # A withdrawal: its body needs no live message nor a key that reads messages.
        event="message.withdrawn",
        object_id="m_test",
        payload={"event": "message.withdrawn", "data": {"id": "m_test"}},
        next_attempt_at=timezone.now(),
    )
    receiver.delivery_id = delivery.pk

    delivery = services.deliver_webhook(delivery_id=delivery.pk)

    assert delivery.status == "delivered"
    assert delivery.lease_expires_at is None
    claimed_lease, renewed_lease = receiver.leases
    assert renewed_lease > claimed_lease
