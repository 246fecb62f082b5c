"""Outages answered as 503 with Retry-After, never 500: pages (a plain page), /healthz (JSON),
and what a page does when the broker cannot take a task.

See tests/api/test_outages.py for how each outage is made."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from campaigns.models import Message
from config.celery import app as celery_app
from core.outages import server_error
from tests.campaigns.test_admin_messages import message_form
from tests.factories import CampaignFactory, ExcerptFactory, VisualTemplateFactory
from tests.reliability.process import free_port

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user", "path"),
    [("analyst", "/review/"), ("analyst", "/review/messages/"), ("editor", "/admin/")],
)
def test_pages_answer_a_plain_503_while_the_database_is_down(request, database_outage, user, path):
    client = Client()
    client.force_login(request.getfixturevalue(user))
    database_outage.start()
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "The database is unavailable" in page
    assert "wait 15 seconds, then reload" in page.lower()


def test_a_signed_out_visitor_sees_the_login_page_fail_with_503_not_500(database_outage):
    database_outage.start()
    client = Client()
    client.cookies["sessionid"] = "a-session-the-database-would-have-to-look-up"
    response = client.get("/accounts/login/")
    assert response.status_code == 503


def test_healthz_is_503_json_while_the_database_is_down(editor, database_outage):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(editor)
    database_outage.start()
    report, refused = anonymous.get("/healthz"), signed_in.get("/healthz")
    assert (report.status_code, refused.status_code) == (503, 503)
    assert report["Content-Type"] == refused["Content-Type"] == "application/json"
    assert report.json()["database"] == {"ok": False, "error": "OperationalError"}
    # A session cookie needs the database before the check can run: the outage answer.
    assert refused.json()["detail"].startswith("The database is unavailable.")


def test_an_outage_raised_in_a_middleware_is_still_a_503():
    request = RequestFactory().get("/review/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "15"


def test_other_errors_stay_a_plain_500():
    request = RequestFactory().get("/review/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_healthz_is_503_json_while_redis_is_down(client, redis_cache):
    redis_cache.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["cache"] == {"ok": False, "error": "ConnectionError"}
    assert body["database"]["ok"] is True  # heartbeats live there: still readable
    assert "error" not in body["worker"]


@pytest.mark.django_db(transaction=True)
def test_saving_a_message_while_the_broker_is_down_is_a_503_not_a_500(editor, monkeypatch):
    # Transactional, so the admin's commit really happens and queues the render tasks.
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    campaign, template = CampaignFactory(), VisualTemplateFactory(formats=["square"])
    monkeypatch.setattr(celery_app.conf, "broker_url", f"redis://127.0.0.1:{free_port()}/0")
    # Drop the connections made to the real broker, as Celery itself does after a fork.
    monkeypatch.setattr(celery_app, "_pool", None)
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)
    response = client.post(
        "/admin/campaigns/message/add/", message_form(campaign, template, [ExcerptFactory()])
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "The task queue (broker) is unavailable" in response.content.decode()
    # The message was saved before its render tasks could not be queued: the page says to
    # check; the rendition sweeper queues them again once the broker is back.
    assert Message.objects.get().renditions.get().status == "pending"
