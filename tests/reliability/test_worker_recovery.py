"""A worker SIGKILLed mid-work: its rendition or webhook delivery is taken up again by another
worker within 30 s (short leases, renewed while the work runs, and a 10 s sweep).

Real processes: Celery workers and beat on the configured broker, a real HTTP receiver on a
spare local port. The measured recovery time is printed (run with -s to see it).
"""

from __future__ import annotations

import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt, Rendition
from config.celery import app as celery_app
from core.models import ProcessHeartbeat
from partners import services as partner_services
from partners import webhooks
from partners.models import WebhookDelivery
from partners.tasks import deliver_webhook
from tests.factories import ExcerptFactory, MessageFactory, VisualTemplateFactory
from tests.reliability.process import Process, celery_beat, celery_worker, wait_for

pytestmark = [pytest.mark.process, pytest.mark.django_db(transaction=True)]

# The goal: work whose worker died is retried within this many seconds.
RECOVERY_BOUND_SECONDS = 30


@pytest.fixture(autouse=True)
def clean_slate():
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_declare("celery", durable=True)
        conn.default_channel.queue_purge("celery")
    ProcessHeartbeat.objects.all().delete()


@pytest.fixture
def processes():
    started: list[Process] = []
    yield started
    for process in reversed(started):
        process.stop()


def _kill_mid_render(worker: Process, messages, timeout: float = 90) -> int:
    """Wait until the worker is rendering one of the message's renditions and SIGKILL it then;
    return the rendition's id. The worker is stopped (SIGSTOP) before the second look, so the
    rendition is certainly still being rendered when the kill lands."""
    renditions = Rendition.objects.filter(message__in=messages)
    rendering = renditions.filter(status=Rendition.Status.RENDERING)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.popen.poll() is not None:
            raise AssertionError(f"the worker exited early:\n{worker.output()[-4000:]}")
        if rendering.exists():
            worker.signal(signal.SIGSTOP)
            victim = rendering.values_list("pk", flat=True).first()
            if victim is not None:
                worker.signal(signal.SIGKILL)
                worker.popen.wait(10)
                return victim
            worker.signal(signal.SIGCONT)  # it finished just before the stop; look again
        if not renditions.exclude(status=Rendition.Status.READY).exists():
            raise AssertionError("every rendition was ready before one could be caught mid-render")
        time.sleep(0.002)
    raise AssertionError(f"no rendition started rendering:\n{worker.output()[-4000:]}")


def test_a_render_whose_worker_was_killed_is_ready_again_within_30_seconds(tmp_path, processes):
    template = VisualTemplateFactory(formats=["square", "landscape", "story"])
    messages = [MessageFactory(template=template, headline=f"Promise {n}") for n in range(3)]
    for message in messages:
        MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    processes.append(celery_beat(tmp_path))
    first = celery_worker(tmp_path, "w1")
    processes.append(first)
    wait_for(lambda: "ready" in first.output(), 60, "the first worker to start", first)
    for message in messages:
        campaign_services.queue_renditions(message=message)  # commits: the tasks go out now

    victim = _kill_mid_render(first, messages)
    killed_at = time.monotonic()
    second = celery_worker(tmp_path, "w2")  # what the supervisor does
    processes.append(second)
    rendition = wait_for(
        lambda: Rendition.objects.filter(pk=victim, status=Rendition.Status.READY).first(),
        RECOVERY_BOUND_SECONDS,
        "the killed worker's rendition to be ready again",
        second,
    )
    recovery = time.monotonic() - killed_at
    print(f"\nrendition recovery_s={recovery:.1f} (kill to ready)")
    assert rendition.attempts == 2  # the killed attempt and the one that finished it
    assert rendition.file_sha256 and rendition.lease_expires_at is None


class HangingReceiver:
    """A partner endpoint that holds the first request open until released, then answers
    every request with 200; records each request's delivery id and signature check."""

    def __init__(self, secret: str = "") -> None:
        self.secret = secret
        self.requests: list[dict] = []
        self.first_arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {
                        "delivery": self.headers[webhooks.DELIVERY_HEADER],
                        "valid": webhooks.verify(
                            receiver.secret,
                            self.headers[webhooks.TIMESTAMP_HEADER],
                            body,
                            self.headers[webhooks.SIGNATURE_HEADER],
                        ),
                        "body": json.loads(body),
                    }
                )
                if len(receiver.requests) == 1:
                    receiver.first_arrived.set()
                    receiver.release.wait(120)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/cms"


@pytest.fixture
def receiver():
    server = HangingReceiver()
    server.thread.start()
    yield server
    server.release.set()
    server.server.shutdown()
    server.server.server_close()


def test_a_delivery_whose_worker_was_killed_is_delivered_within_30_seconds(
    tmp_path, processes, receiver
):
    partner = partner_services.create_partner(name="Partner with a webhook")
    receiver.secret = partner_services.set_webhook(partner=partner, url=receiver.url)
    delivery = WebhookDelivery.objects.create(
        partner=partner,
        # A withdrawal: its body needs no live message nor a key that reads messages.
        event=WebhookDelivery.Event.MESSAGE_WITHDRAWN,
        object_id="m_recovery",
        payload={"event": "message.withdrawn", "data": {"id": "m_recovery"}},
        next_attempt_at=timezone.now(),
    )
    processes.append(celery_beat(tmp_path))
    first = celery_worker(tmp_path, "w1")
    processes.append(first)
    deliver_webhook.delay(delivery.pk)

    assert receiver.first_arrived.wait(90), first.output()[-4000:]
    first.signal(signal.SIGKILL)  # mid-request: the receiver has it, the outcome is unknown
    first.popen.wait(10)
    killed_at = time.monotonic()
    receiver.release.set()
    second = celery_worker(tmp_path, "w2")
    processes.append(second)
    delivered = wait_for(
        lambda: WebhookDelivery.objects.filter(pk=delivery.pk, status="delivered").first(),
        RECOVERY_BOUND_SECONDS,
        "the killed worker's delivery to be made",
        second,
    )
    recovery = time.monotonic() - killed_at
    print(f"\nwebhook recovery_s={recovery:.1f} (kill to delivered)")
    assert delivered.attempts == 2
    # The same delivery id both times, so the receiver can drop the duplicate; both signed.
    assert [r["delivery"] for r in receiver.requests] == [delivered.public_id] * 2
    assert all(r["valid"] for r in receiver.requests)
