"""Rendition images are public only while their message is live; staff see them always."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import services
from tests.factories import MessageFactory, VisualTemplateFactory

pytestmark = pytest.mark.django_db


def rendered(**fields):
    message = MessageFactory(template=VisualTemplateFactory(formats=["square"]), **fields)
    services.queue_renditions(message=message)
    rendition = message.renditions.get()
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    rendition.refresh_from_db()
    return message, rendition.file.url


def test_a_draft_rendition_is_hidden_from_anonymous_callers(client, editor, analyst):
    _, url = rendered(status="draft")
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 200
    client.force_login(analyst)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_a_live_rendition_is_public_until_the_message_comes_down(client, partner_user):
    now = timezone.now()
    message, url = rendered(
        status="published",
        publish_at=now - timedelta(hours=1),
        unpublish_at=now + timedelta(hours=1),
    )
    assert client.get(url).status_code == 200
    message.status = "withdrawn"
    message.save()
    assert client.get(url).status_code == 404
    client.force_login(partner_user)  # a partner's people read through the API, not here
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path", ["/media/secret.txt", "/media/renditions/nope.png", "/media/../db.sqlite3"]
)
def test_other_media_paths_are_not_served(client, path):
    assert client.get(path).status_code == 404
