"""Editors build messages in the admin: live preview, filtered excerpt picker, rendering queued."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from campaigns.models import Message, VisualTemplate
from narratives.models import Excerpt, Reason
from tests.factories import (
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    VisualTemplateFactory,
)

pytestmark = pytest.mark.django_db


def message_form(campaign, template, excerpts=(), **overrides):
    data = {
        "campaign": campaign.pk,
        "language": "en",
        "headline": "They promised a salary. It never came.",
        "body": "People who left tell the same story.",
        "cta_text": "Talk to us",
        "cta_url": "https://example.org/help",
        "alt_text": "A card quoting a former member.",
        "template": template.pk,
        "excerpt_links-TOTAL_FORMS": str(len(excerpts)),
        "excerpt_links-INITIAL_FORMS": "0",
        "excerpt_links-MIN_NUM_FORMS": "0",
        "excerpt_links-MAX_NUM_FORMS": "1000",
        "renditions-TOTAL_FORMS": "0",
        "renditions-INITIAL_FORMS": "0",
        "renditions-MIN_NUM_FORMS": "0",
        "renditions-MAX_NUM_FORMS": "1000",
    }
    for i, excerpt in enumerate(excerpts):
        data[f"excerpt_links-{i}-excerpt"] = excerpt.pk
        data[f"excerpt_links-{i}-position"] = i
    data.update(overrides)
    return data


def test_live_preview_returns_the_unsaved_card_as_an_image(client, editor):
    client.force_login(editor)
    campaign, template = CampaignFactory(), VisualTemplateFactory()
    excerpt = ExcerptFactory()
    data = message_form(campaign, template, [excerpt], preview_format="story")
    response = client.post("/admin/campaigns/message/preview/", data)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1080, 1920)
    assert Message.objects.count() == 0


def test_live_preview_explains_what_is_missing(client, editor):
    client.force_login(editor)
    response = client.post("/admin/campaigns/message/preview/", {"headline": "x"})
    assert response.status_code == 400
    assert response.json() == {"error": "Choose a campaign to preview the message."}


def test_live_preview_is_for_editors_only(client, analyst):
    client.force_login(analyst)
    response = client.post("/admin/campaigns/message/preview/", {})
    assert response.status_code == 302  # analysts do not get into the admin at all


def test_saving_a_message_in_the_admin_queues_its_renditions(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    campaign = CampaignFactory()
    template = VisualTemplateFactory(formats=["square", "landscape"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            "/admin/campaigns/message/add/",
            message_form(campaign, template, [ExcerptFactory()]),
        )
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.author == editor
    assert set(message.renditions.values_list("format", "status")) == {
        ("square", "pending"),
        ("landscape", "pending"),
    }
    assert callbacks  # the render tasks are sent after commit


def test_excerpt_picker_filters_by_reason_and_language(client, editor):
    client.force_login(editor)
    brutality = Reason.objects.get(code="brutality_hostages")
    menial = Reason.objects.get(code="qol_menial")
    arabic = ExcerptFactory(
        narrative=NarrativeFactory(approved=True, language="ar", text="كانوا يقتلون الرهائن")
    )
    arabic.reasons.set([brutality])
    english = ExcerptFactory()
    english.reasons.set([menial])

    def pick(term):
        response = client.get(
            "/admin/autocomplete/",
            {
                "app_label": "campaigns",
                "model_name": "messageexcerpt",
                "field_name": "excerpt",
                "term": term,
            },
        )
        return {int(r["id"]) for r in response.json()["results"]}

    assert pick("reason:brutality") == {arabic.pk}
    assert pick("reason:qol_menial") == {english.pk}
    assert pick("lang:ar") == {arabic.pk}
    assert pick("lang:en reason:brutality") == set()


def test_logo_upload_is_sanitised_and_gps_removed(client, editor):
    client.force_login(editor)
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS IFD
    Image.new("RGB", (40, 20), "red").save(buffer, "JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "logo.png"  # a misleading name: the content decides
    response = client.post(
        "/admin/campaigns/visualtemplate/add/",
        {
            "name": "Branded",
            "layout": "quote_card",
            "background_color": "#000000",
            "text_color": "#ffffff",
            "accent_color": "#ff0000",
            "font_family": "noto_sans",
            "formats": ["square"],
            "output_format": "png",
            "is_active": "on",
            "logo": buffer,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    template = VisualTemplate.objects.get(name="Branded")
    assert template.logo.name.endswith(".jpg")
    with default_storage.open(template.logo.name) as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    assert not stored.getexif()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "PNG, JPEG or WebP"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, ""),
    ],
)
def test_bad_logo_uploads_are_refused_with_a_clear_error(client, editor, payload, message):
    client.force_login(editor)
    upload = io.BytesIO(payload)
    upload.name = "logo.svg"
    response = client.post(
        "/admin/campaigns/visualtemplate/add/",
        {
            "name": "Bad",
            "layout": "quote_card",
            "background_color": "#000000",
            "text_color": "#ffffff",
            "accent_color": "#ff0000",
            "font_family": "noto_sans",
            "formats": ["square"],
            "output_format": "png",
            "logo": upload,
        },
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert message in response.content.decode()
    assert not VisualTemplate.objects.filter(name="Bad").exists()
    assert Excerpt.objects.count() == 0


def test_the_admin_shows_each_ready_rendition_as_an_image(client, editor):
    from campaigns import services
    from tests.factories import MessageFactory

    client.force_login(editor)
    message = MessageFactory(template=VisualTemplateFactory(formats=["square", "story"]))
    services.queue_renditions(message=message)
    for rendition in message.renditions.all():
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    page = client.get(f"/admin/campaigns/message/{message.pk}/change/").content.decode()
    for rendition in message.renditions.all():
        assert f'src="/media/preview/{rendition.token}:' in page  # a signed preview link
    preview = page.split('src="/media/preview/', 1)[1].split('"', 1)[0]
    assert client.get(f"/media/preview/{preview}").status_code == 200


def test_changing_only_an_approved_messages_excerpts_in_the_admin_sends_it_back_to_review(
    client, editor
):
    # One save path: the message's fields, then its excerpt links, then the review they need.
    client.force_login(editor)
    campaign, template = CampaignFactory(), VisualTemplateFactory()
    data = message_form(campaign, template, [ExcerptFactory()])
    message = MessageFactory(
        status=Message.Status.APPROVED,
        campaign=campaign,
        template=template,
        **{name: data[name] for name in ("headline", "body", "cta_text", "cta_url", "alt_text")},
    )
    response = client.post(f"/admin/campaigns/message/{message.pk}/change/", data)
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    assert message.excerpt_links.count() == 1
    events = list(message.events.order_by("pk").values_list("action", "detail"))
    assert events == [
        ("edited", {"fields": ["excerpts"]}),
        ("returned_to_review", {}),
    ]


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("draft", ["Save and submit for review"], ["Save and schedule", "Unschedule"]),
        ("approved", ["Save and schedule", "Withdraw now"], ["Save and submit for review"]),
        ("scheduled", ["Unschedule", "Withdraw now"], ["Save and schedule"]),
        ("withdrawn", [], ["Withdraw now", "Unschedule", "Save and schedule"]),
    ],
)
def test_the_message_form_shows_the_workflow_buttons_its_status_allows(
    client, editor, status, shown, hidden
):
    client.force_login(editor)
    publish_at = timezone.now() + timedelta(days=1) if status == "scheduled" else None
    message = MessageFactory(status=status, publish_at=publish_at)
    page = client.get(f"/admin/campaigns/message/{message.pk}/change/").content.decode()
    for label in shown:
        assert f'value="{label}"' in page
    for label in hidden:
        assert f'value="{label}"' not in page


def test_withdrawing_from_the_message_form_takes_the_message_down_with_the_reason(client, editor):
    client.force_login(editor)
    campaign, template = CampaignFactory(), VisualTemplateFactory()
    data = message_form(campaign, template)
    message = MessageFactory(
        status=Message.Status.APPROVED,
        campaign=campaign,
        template=template,
        **{name: data[name] for name in ("headline", "body", "cta_text", "cta_url", "alt_text")},
    )
    data.update({"_withdraw": "Withdraw now", "withdrawal_reason_input": "Off message."})
    response = client.post(f"/admin/campaigns/message/{message.pk}/change/", data)
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.WITHDRAWN
    assert message.withdrawal_reason == "Off message."
