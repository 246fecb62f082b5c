"""A campaign's own logo: sanitised like a template's, drawn on its messages' cards instead
of the template's, and a new one sends live messages back to review (issue 15, item 6)."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image, PngImagePlugin

from campaigns import inputs, media, services
from campaigns.models import Campaign, Message, MessageExcerpt
from campaigns.rendering import render_card
from campaigns.selectors import outbound_texts
from tests.campaigns.test_inputs import _logo, admin_form, make_live, render_pending
from tests.campaigns.visual.cases import photo
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    VisualTemplateFactory,
)

pytestmark = pytest.mark.django_db


def _png(colour: str, *, text: str = "") -> bytes:
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Author", text)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def _upload(data: bytes, name: str = "brand.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/png")


def _drawn_logo(message: Message) -> bytes | None:
    return services.card_specs(message, excerpts=[])[("square", 0)].logo


def test_the_campaigns_logo_is_drawn_instead_of_the_templates():
    template = VisualTemplateFactory(layout="cta_card", formats=["square"])
    inputs.save_visual_template(template=template, logo_upload=_upload(_png("red")))
    campaign = CampaignFactory(cta_text="Talk to us")
    message = MessageFactory(campaign=campaign, template=template)
    with default_storage.open(template.logo.name) as handle:
        template_logo = handle.read()
    assert _drawn_logo(message) == template_logo

    inputs.save_campaign(user=None, campaign=campaign, logo_upload=_upload(_png("blue")))
    message = Message.objects.get(pk=message.pk)
    drawn = _drawn_logo(message)
    assert drawn is not None and drawn != template_logo
    assert Image.open(io.BytesIO(drawn)).getpixel((0, 0)) == (0, 0, 255)
    # What the reviewer approves changes with it.
    no_logo = MessageFactory(campaign=CampaignFactory(cta_text="x"), template=template)
    specs = [services.card_specs(m, excerpts=[])[("square", 0)] for m in (message, no_logo)]
    assert services.content_hash(specs[0]) != services.content_hash(specs[1])


@pytest.mark.parametrize("layout", ["carousel", "photo_card"])
def test_the_campaigns_logo_is_drawn_on_every_carousel_slide_and_on_a_photo_card(layout):
    template = VisualTemplateFactory(layout=layout, formats=["square", "story"])
    photo_upload = _upload(photo(), name="p.png") if layout == "photo_card" else None
    inputs.save_visual_template(
        template=template, logo_upload=_upload(_png("red")), background_photo_upload=photo_upload
    )
    campaign = CampaignFactory(cta_text="Talk to us")
    inputs.save_campaign(user=None, campaign=campaign, logo_upload=_upload(_png("blue")))
    message = MessageFactory(campaign=campaign, template=template)
    excerpts = [ExcerptFactory(), ExcerptFactory()]
    for position, excerpt in enumerate(excerpts):
        MessageExcerpt.objects.create(message=message, excerpt=excerpt, position=position)
    with default_storage.open(campaign.logo.name) as handle:
        campaign_logo = handle.read()
    specs = services.card_specs(message)
    slides = {"carousel": 4, "photo_card": 1}[layout]  # cover, two quotes, closing
    assert sorted(specs) == [(fmt, i) for fmt in ("square", "story") for i in range(slides)]
    for spec in specs.values():
        assert spec.logo == campaign_logo
        # Drawn in the logo's place: the campaign's blue, never the template's red.
        card = Image.open(io.BytesIO(render_card(spec).data)).convert("RGB")
        colours = {colour for _, colour in card.getcolors(maxcolors=1 << 24)}
        assert (0, 0, 255) in colours and (255, 0, 0) not in colours
    # Clearing it brings the template's back on every slide.
    campaign.logo = ""
    inputs.save_campaign(user=None, campaign=campaign)
    message = Message.objects.get(pk=message.pk)
    with default_storage.open(template.logo.name) as handle:
        template_logo = handle.read()
    assert {spec.logo for spec in services.card_specs(message).values()} == {template_logo}


def test_a_campaign_logo_is_sanitised_on_upload_in_the_admin(client, editor):
    client.force_login(editor)
    campaign = CampaignFactory()
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    upload = _upload(_png("green", text="Samir Zqx, Canarytown"), name="photo.jpg")
    response = client.post(url, admin_form(client, url, logo=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign.refresh_from_db()
    assert campaign.logo.name.endswith(".png")
    with default_storage.open(campaign.logo.name) as handle:
        stored = handle.read()
    assert b"Canarytown" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"
    # The admin shows it through the staff lookup, sized by a class (no style attribute).
    page = client.get(url).content.decode()
    assert f'<img src="{media.campaign_logo_url(campaign)}"' in page
    assert (
        'class="cms-logo-thumb"' in page and "style=" not in page.split("cms-logo-thumb")[0][-200:]
    )


def test_a_file_that_is_not_an_allowed_image_is_refused_with_the_reason(client, editor):
    client.force_login(editor)
    campaign = CampaignFactory()
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    svg = _upload(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", name="logo.svg")
    response = client.post(url, admin_form(client, url, logo=svg))
    assert response.status_code == 200
    assert "PNG, JPEG or WebP" in response.content.decode()
    campaign.refresh_from_db()
    assert not campaign.logo


def test_a_new_campaign_logo_sends_its_live_messages_back_to_review(
    client, editor, analyst, api, partner_key
):
    message = make_live(editor, analyst)
    approved = message.renditions.get(format="square")
    client.force_login(editor)
    url = f"/admin/campaigns/campaign/{message.campaign.pk}/change/"
    response = client.post(url, admin_form(client, url, logo=_logo()))
    assert response.status_code == 302
    render_pending(message)
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    event = message.events.get(action="returned_to_review")
    assert "campaign changed (logo)" in event.comment
    assert message.public_id not in api.get("/api/v1/messages/", key=partner_key).content.decode()
    redrawn = message.renditions.get(format="square")
    assert redrawn.content_hash != approved.content_hash
    assert not message.renditions.approved().exists()  # the new card waits for review
    services.approve_message(user=analyst, message=message)
    render_pending(message)
    assert message.renditions.approved().count() == 1


def test_replacing_or_clearing_a_logo_removes_the_old_file(django_capture_on_commit_callbacks):
    campaign = CampaignFactory()
    with django_capture_on_commit_callbacks(execute=True):
        inputs.save_campaign(user=None, campaign=campaign, logo_upload=_upload(_png("red")))
    first = campaign.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        inputs.save_campaign(user=None, campaign=campaign, logo_upload=_upload(_png("blue")))
    assert campaign.logo.name != first and not default_storage.exists(first)
    second = campaign.logo.name
    campaign.logo = ""
    with django_capture_on_commit_callbacks(execute=True):
        inputs.save_campaign(user=None, campaign=campaign)
    assert not Campaign.objects.get(pk=campaign.pk).logo
    assert not default_storage.exists(second)


def test_the_campaign_logo_is_served_to_staff_only_and_its_name_is_scanned(client, editor):
    campaign = CampaignFactory()
    inputs.save_campaign(user=None, campaign=campaign, logo_upload=_upload(_png("red")))
    url = media.campaign_logo_url(campaign)
    assert client.get(url).status_code == 404
    assert client.get("/media/" + campaign.logo.name).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    body = b"".join(response.streaming_content)
    with default_storage.open(campaign.logo.name) as handle:
        assert hashlib.sha256(body).digest() == hashlib.sha256(handle.read()).digest()
    texts = {t.field: t.text for t in outbound_texts(MessageFactory(campaign=campaign), [])}
    assert texts["campaign.logo"] == campaign.logo.name.rsplit("/")[-1]


def test_the_templates_logo_preview_has_no_style_attribute_the_csp_would_block(client, editor):
    template = VisualTemplateFactory()
    inputs.save_visual_template(template=template, logo_upload=_upload(_png("red")))
    client.force_login(editor)
    page = client.get(f"/admin/campaigns/visualtemplate/{template.pk}/change/").content.decode()
    tag = next(t for t in page.split("<img")[1:] if media.logo_url(template) in t.split(">")[0])
    assert 'class="cms-logo-thumb"' in tag.split(">")[0]
    assert "style=" not in tag.split(">")[0]


def test_stored_logo_names_are_unique_and_never_read_as_a_name():
    """Every logo is stored as logo-<random hex>: a second logo.png would get the storage's
    random suffix, which the leak scanner takes for a person's name about once in ten."""
    from narratives.egress import gate_findings

    names = []
    for _ in range(3):
        campaign = CampaignFactory()
        inputs.save_campaign(user=None, campaign=campaign, logo_upload=_upload(_png("red")))
        template = VisualTemplateFactory()
        inputs.save_visual_template(template=template, logo_upload=_upload(_png("red")))
        names += [campaign.logo.name, template.logo.name]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"logos/logo-[0-9a-f]{32}\.png", name) for name in names), names
    message = MessageFactory(campaign=campaign, template=template)
    texts = [t for t in outbound_texts(message, []) if t.field.endswith(".logo")]
    assert len(texts) == 2 and not list(gate_findings(texts))
