"""POST /api/v1/webhook/test/: a signed ping to the caller's webhook through the outbox, as
real events go (the same task, signature, address check and retries)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from partners import services, tasks, webhooks
from partners.models import WebhookDelivery

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhook/test/"


def _ask(api, key, url=URL, **kwargs):
    # No body, as `curl -X POST` sends it (the test client's default is a multipart body).
    kwargs.setdefault("content_type", "application/json")
    return api.post(url, headers={"Authorization": f"Api-Key {key}"}, **kwargs)


def test_a_ping_is_queued_signed_and_sent_like_any_event(
    world, make_key, api, receiver, queued, django_capture_on_commit_callbacks
):
    key = make_key(["read:messages"])
    receiver.secret = services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(api, key)
    assert response.status_code == 202, response.content
    body = response.json()
    delivery = WebhookDelivery.objects.get()
    assert body["id"] == delivery.public_id and body["id"].startswith("whd_")
    assert (body["event"], body["status"]) == ("ping", "pending")
    assert delivery.partner == make_key.last.partner
    assert queued == [(delivery.pk, 0)]  # through the outbox's task, after commit

    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    (sent,) = receiver.requests
    assert sent["valid"]  # signed with the partner's secret
    assert sent["headers"][webhooks.EVENT_HEADER] == "ping"
    assert sent["headers"][webhooks.DELIVERY_HEADER] == delivery.public_id
    assert sent["body"] == {
        "id": delivery.public_id,
        "event": "ping",
        "created_at": delivery.payload["created_at"],
        "data": {},
    }


def test_a_ping_is_retried_like_any_event(world, make_key, api, receiver, queued):
    key = make_key(["read:messages"])
    receiver.secret = services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    receiver.script = [(503, 0)]
    assert _ask(api, key).status_code == 202
    delivery = WebhookDelivery.objects.get()
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (WebhookDelivery.Status.PENDING, 503)
    assert delivery.next_attempt_at > timezone.now()


def test_a_ping_goes_through_the_address_check_at_send_time(
    world, make_key, api, receiver, queued, settings
):
    key = make_key(["read:messages"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    assert _ask(api, key).status_code == 202
    settings.WEBHOOK_ALLOW_LOOPBACK = False  # the receiver's 127.0.0.1 is refused now
    delivery = WebhookDelivery.objects.get()
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.response_status is None
    assert "public address" in delivery.error


def test_no_webhook_url_is_a_409_problem(world, make_key, api):
    key = make_key(["read:messages"])
    response = _ask(api, key)
    assert response.status_code == 409, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["title"], body["status"]) == ("no_webhook", "No webhook", 409)
    assert not WebhookDelivery.objects.exists()


def test_the_service_refuses_a_partner_without_a_webhook(world, make_key):
    make_key(["read:messages"])
    with pytest.raises(services.NoWebhook):
        services.queue_test_event(partner=make_key.last.partner)


def test_the_key_needs_read_messages(world, make_key, api, receiver):
    key = make_key(["write:metrics", "read:narratives"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    response = _ask(api, key)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not WebhookDelivery.objects.exists()


def test_no_key_is_a_401(world, api):
    response = api.post(URL, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_staff_session_cannot_ask(world, editor, api):
    api.force_login(editor)
    response = api.post(URL, content_type="application/json")
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"data": '{"event": "x"}', "content_type": "application/json"}, 400, "invalid_body"),
        ({"data": "a=b", "content_type": "application/x-www-form-urlencoded"}, 415, None),
    ],
)
def test_a_body_is_refused(world, make_key, api, receiver, kwargs, status, code):
    key = make_key(["read:messages"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    response = _ask(api, key, **kwargs)
    assert response.status_code == status, response.content
    if code:
        assert response.json()["code"] == code
    assert not WebhookDelivery.objects.exists()


def test_a_query_parameter_is_refused(world, make_key, api, receiver):
    key = make_key(["read:messages"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    response = _ask(api, key, url=f"{URL}?event=message.published")
    assert response.status_code == 400
    assert response.json()["errors"].keys() == {"query"}


def test_get_is_a_405(world, make_key, api):
    response = api.get(URL, key=make_key(["read:messages"]))
    assert response.status_code == 405
    assert response["Allow"].startswith("POST")


def test_pings_are_rate_limited_like_every_endpoint(world, make_key, api, receiver, settings):
    settings.API_RATE = "2/min"
    key = make_key(["read:messages"])
    services.set_webhook(partner=make_key.last.partner, url=receiver.url)
    statuses = [_ask(api, key).status_code for _ in range(3)]
    assert statuses == [202, 202, 429]
    assert WebhookDelivery.objects.count() == 2


def test_a_ping_is_no_message_event():
    with pytest.raises(ValueError, match="unknown webhook event"):
        services.enqueue_message_event(message=None, event="ping")
