"""The demo editor logs in and can reach every page needed to build a campaign."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from narratives.models import Excerpt

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-admin")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_editor_logs_in_through_the_admin_login_form(client, demo):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "demo-password-for-admin", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "Campaigns" in index.content.decode()


def test_demo_analyst_cannot_log_in_to_the_admin(client, demo):
    response = client.post(
        "/admin/login/", {"username": "analyst", "password": "demo-password-for-admin"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert "/admin/" not in response.get("Location", "")
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/admin/campaigns/campaign/",
        "/admin/campaigns/campaign/add/",
        "/admin/campaigns/message/",
        "/admin/campaigns/message/add/",
        "/admin/campaigns/message/?status__exact=draft&language__exact=ar",
        "/admin/campaigns/message/?q=promise",
        "/admin/campaigns/visualtemplate/add/",
        "/admin/campaigns/rendition/",
        "/admin/narratives/excerpt/",
    ],
)
def test_editor_pages_open(client, demo, url):
    client.login(username="editor", password="demo-password-for-admin")
    assert client.get(url).status_code == 200


def test_excerpt_autocomplete_offers_only_reusable_excerpts(client, demo):
    client.login(username="editor", password="demo-password-for-admin")
    proposed = Excerpt.objects.first()
    proposed.status = Excerpt.Status.PROPOSED
    proposed.save()
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "campaigns",
            "model_name": "messageexcerpt",
            "field_name": "excerpt",
            "term": "",
        },
    )
    assert response.status_code == 200
    ids = {int(result["id"]) for result in response.json()["results"]}
    assert ids
    assert proposed.pk not in ids
    assert ids <= set(Excerpt.objects.reusable().values_list("pk", flat=True))


def test_editor_message_change_page_shows_excerpts_and_renditions(client, demo):
    from campaigns.models import Message

    client.login(username="editor", password="demo-password-for-admin")
    message = Message.objects.filter(excerpt_links__isnull=False).first()
    page = client.get(f"/admin/campaigns/message/{message.pk}/change/").content.decode()
    assert "Excerpts (only those approved for reuse" in page
    assert 'id="message-live-preview"' in page
    assert "Renditions" in page
