"""The editors' ZIP of a message's cards: only cleared renditions, with its alt text."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import MessageExcerpt
from narratives.models import SourceRecord
from narratives.services import save_source_record
from tests.campaigns.test_inputs import _fresh_cache, render_pending  # noqa: F401 - autouse
from tests.factories import CampaignFactory, ExcerptFactory, MessageFactory, VisualTemplateFactory

pytestmark = pytest.mark.django_db


def approved_message(editor, analyst):
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(formats=["square", "story"]),
        headline="They promised a salary.",
        alt_text="A card: they promised a salary.",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    services.submit_message(user=editor, message=message)
    services.approve_message(user=analyst, message=message)
    render_pending(message)
    return message


def url(message):
    return reverse("admin:campaigns_message_renditions_zip", args=[message.pk])


def test_the_zip_holds_every_cleared_card_and_the_alt_text(client, editor, analyst):
    message = approved_message(editor, analyst)
    client.force_login(editor)
    response = client.get(url(message))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"{message.public_id}-renditions.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == sorted(
        [f"{message.public_id}-square.png", f"{message.public_id}-story.png", "alt-text.en.txt"]
    )
    assert archive.read("alt-text.en.txt").decode() == "A card: they promised a salary.\n"
    square = message.renditions.get(format="square")
    with square.file.open("rb") as handle:
        assert archive.read(f"{message.public_id}-square.png") == handle.read()
    assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())


def test_no_zip_before_approval_and_the_page_says_why(client, editor):
    message = MessageFactory(author=editor, alt_text="Alt.")
    services.queue_renditions(message=message)
    render_pending(message)
    client.force_login(editor)
    response = client.get(url(message), follow=True)
    assert response.status_code == 200
    assert "once the message is approved" in response.content.decode()


def test_an_edit_after_approval_leaves_out_the_unreviewed_cards(client, editor, analyst):
    message = approved_message(editor, analyst)
    message.headline = "A new headline nobody reviewed."
    services.save_edited_message(user=editor, message=message, changed_fields=["headline"])
    render_pending(message)
    client.force_login(editor)
    response = client.get(url(message), follow=True)
    assert "once the message is approved" in response.content.decode()


def test_a_vault_change_holds_the_zip_until_the_recheck(client, editor, analyst, custodian):
    message = approved_message(editor, analyst)
    excerpt = message.excerpt_links.get().excerpt
    save_source_record(
        user=custodian,
        source_record=SourceRecord(narrative=excerpt.narrative, real_name="Someone Else"),
    )
    client.force_login(editor)
    response = client.get(url(message), follow=True)
    assert "leak check is current" in response.content.decode()


def test_analysts_and_anonymous_users_get_no_zip(client, editor, analyst):
    message = approved_message(editor, analyst)
    assert client.get(url(message)).status_code == 302  # to the admin's login
    client.force_login(analyst)
    response = client.get(url(message))
    assert response.status_code in {302, 403}
    assert response.get("Content-Type") != "application/zip"


def test_a_missing_card_file_is_a_message_not_a_server_error(client, editor, analyst):
    message = approved_message(editor, analyst)
    square = message.renditions.get(format="square")
    square.file.storage.delete(square.file.name)
    client.force_login(editor)
    response = client.get(url(message), follow=True)
    assert response.status_code == 200
    assert "file is missing" in response.content.decode()
