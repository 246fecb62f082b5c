"""Campaign and template edits are inputs of live messages: they go back to review, and
nobody outside sees an unreviewed card, help-line or logo (issue 11, leak 2)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from campaigns import media, publishing, services
from campaigns.models import Message, MessageEvent, MessageExcerpt, Rendition
from campaigns.services import MessageError
from partners import services as partner_services
from partners.models import WebhookDelivery
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
    VisualTemplateFactory,
)

pytestmark = pytest.mark.django_db

REAL_NAME = "Samir Zqxhelpline"
E_MAIL = "samir.zqxhelpline@example.org"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def render_pending(message):
    for rendition in message.renditions.filter(status="pending"):
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)


def make_live(editor, analyst, *, template=None, campaign=None):
    """A message taken live through the real workflow: review, approval, render, publish."""
    message = MessageFactory(
        author=editor,
        campaign=campaign or CampaignFactory(cta_text="Talk to us"),
        template=template or VisualTemplateFactory(formats=["square"]),
        headline="They promised a salary.",
        body="It never came.",
        alt_text="A quote card.",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    services.submit_message(user=editor, message=message)
    services.approve_message(user=analyst, message=message)
    render_pending(message)
    services.schedule_message(
        user=editor, message=message, publish_at=timezone.now() - timedelta(minutes=1)
    )
    publishing.sweep()
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED
    return message


@pytest.fixture
def vault():
    return SourceRecordFactory(narrative=NarrativeFactory(), real_name=REAL_NAME, contacts=E_MAIL)


def admin_form(client, url, **changes):
    """The admin change form's current values, as the browser would post them."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name in ("logo", "background_photo"):  # file inputs post no value
            continue
        data[name] = value
    data.update(changes)
    return data


def public_view(api, key, message):
    """Everything a partner and an anonymous visitor receive about the message right now."""
    body = api.get("/api/v1/messages/", key=key).content.decode()
    body += api.get("/api/v1/campaigns/", key=key).content.decode()
    body += api.get(f"/api/v1/messages/{message.public_id}/", key=key).content.decode()
    live = Message.objects.live(timezone.now())
    images = [
        services.card_specs(r.message)[(r.format, r.slide)]
        for r in Rendition.objects.filter(status="ready", message__in=live)
    ]
    now = timezone.now()
    payloads = repr(  # what each delivery would be sent as now, and what its row stores
        [
            (partner_services.sendable_body(d, now=now), d.payload)
            for d in WebhookDelivery.objects.select_related("partner")
        ]
    )
    return body + repr(images) + payloads


def test_a_vault_name_typed_into_a_live_campaigns_helpline_never_reaches_partners_or_visitors(
    client, editor, analyst, vault, api, partner_key
):
    message = make_live(editor, analyst)
    approved = message.renditions.get()
    image_url = media.rendition_url(approved)
    assert Client().get(image_url).status_code == 200
    assert message.headline in public_view(api, partner_key, message)

    client.force_login(editor)
    url = f"/admin/campaigns/campaign/{message.campaign.pk}/change/"
    response = client.post(url, admin_form(client, url, cta_helpline=f"{REAL_NAME} {E_MAIL}"))
    assert response.status_code == 302
    render_pending(message)  # whatever the workers draw next

    # The live message went back to review, with the reason recorded.
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    event = message.events.get(action=MessageEvent.Action.RETURNED_TO_REVIEW)
    assert "help-line" in event.comment
    assert REAL_NAME not in event.comment
    # Partners and visitors see nothing unreviewed: not the text, not the new card.
    seen = public_view(api, partner_key, message)
    assert REAL_NAME not in seen and E_MAIL not in seen
    assert message.public_id not in api.get("/api/v1/messages/", key=partner_key).content.decode()
    assert Client().get(image_url).status_code == 404
    assert not message.renditions.approved().exclude(content_hash=approved.content_hash).exists()
    assert WebhookDelivery.objects.filter(event="message.withdrawn").exists()
    # And approval is refused: the vault match cannot be waved through.
    with pytest.raises(MessageError, match="matching the vault"):
        services.approve_message(user=analyst, message=message)


@pytest.mark.parametrize("field", ["cta_text", "cta_helpline", "cta_url", "name", "key_message"])
def test_a_campaigns_public_fields_are_scanned_at_approval(editor, analyst, vault, field):
    value = f"https://example.org/{E_MAIL}" if field == "cta_url" else f"Ask {REAL_NAME}"
    message = MessageFactory(author=editor, campaign=CampaignFactory(**{field: value}))
    services.submit_message(user=editor, message=message)
    with pytest.raises(MessageError, match="matching the vault"):
        services.approve_message(user=analyst, message=message)


def test_an_internal_campaign_field_leaves_live_messages_live(client, editor, analyst):
    message = make_live(editor, analyst)
    client.force_login(editor)
    url = f"/admin/campaigns/campaign/{message.campaign.pk}/change/"
    client.post(url, admin_form(client, url, risk_assessment="Reviewed with the partners."))
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED
    assert message.renditions.approved().count() == 1


def _logo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("brand.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    "change", [{"background_color": "#000000"}, {"logo": "new"}, {"formats": ["square", "story"]}]
)
def test_a_template_edit_sends_its_live_messages_back_to_review(
    client, editor, analyst, api, partner_key, change
):
    message = make_live(editor, analyst)
    approved = message.renditions.get(format="square")
    client.force_login(editor)
    url = f"/admin/campaigns/visualtemplate/{message.template.pk}/change/"
    if change.get("logo"):
        change = {"logo": _logo()}
    response = client.post(url, admin_form(client, url, **change))
    assert response.status_code == 302
    render_pending(message)
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    assert "visual template" in message.events.get(action="returned_to_review").comment
    assert message.public_id not in api.get("/api/v1/messages/", key=partner_key).content.decode()
    # The new card waits for review; approving it makes it the one served.
    assert not message.renditions.approved().exclude(content_hash=approved.content_hash).exists()
    services.approve_message(user=analyst, message=message)
    render_pending(message)
    assert message.renditions.approved().count() == message.renditions.count()


def test_renaming_a_template_leaves_live_messages_live(client, editor, analyst):
    message = make_live(editor, analyst)
    client.force_login(editor)
    url = f"/admin/campaigns/visualtemplate/{message.template.pk}/change/"
    client.post(url, admin_form(client, url, name="Renamed"))
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED


def test_a_card_drawn_after_approval_is_not_served_until_approved_again(
    editor, analyst, api, partner_key
):
    message = make_live(editor, analyst)
    # Something re-draws the card without an approval (a bug, a shell, a migration).
    rendition = message.renditions.get()
    Rendition.objects.filter(pk=rendition.pk).update(content_hash="0" * 64)
    data = api.get(f"/api/v1/messages/{message.public_id}/", key=partner_key).json()
    assert data["renditions"] == []


@pytest.mark.parametrize(
    ("field", "value"), [("palette", "dusk"), ("headline", "They never paid anyone.")]
)
def test_a_drawn_message_field_edit_sends_a_live_message_back_to_review(
    client, editor, analyst, field, value
):
    """Every field the card draws is an input: a new palette too, or the live message would
    stay live with its card redrawn and no approved image left to serve."""
    message = make_live(editor, analyst)
    client.force_login(editor)
    url = f"/admin/campaigns/message/{message.pk}/change/"
    data = admin_form(client, url, **{field: value})
    data.update({"renditions-TOTAL_FORMS": "0", "renditions-INITIAL_FORMS": "0"})
    for prefix in ("excerpt_links", "renditions"):
        data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    link = message.excerpt_links.get()
    data.update(
        {
            "excerpt_links-TOTAL_FORMS": "1",
            "excerpt_links-INITIAL_FORMS": "1",
            "excerpt_links-0-id": link.pk,
            "excerpt_links-0-message": message.pk,
            "excerpt_links-0-excerpt": link.excerpt_id,
            "excerpt_links-0-position": link.position,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    message.refresh_from_db()
    assert getattr(message, field) == value
    assert message.status == Message.Status.IN_REVIEW


def test_every_field_an_editor_changes_on_a_message_is_an_outbound_input():
    """What the editor may change of a message's content is all drawn or served: each is in
    OUTBOUND_FIELDS, whose change sends an approved message back to review."""
    outbound = {name.removesuffix("_id") for name in services.OUTBOUND_FIELDS}
    assert set(services.CONTENT_FIELDS) <= outbound
