"""Carousels and photo cards through the real workflow: a rendition per slide rendered once
by the render task, every slide served with its own alt text (API, ZIP, admin), the
background photo sanitised like the logo."""

from __future__ import annotations

import fnmatch
import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaigns import inputs, publishing, services, tasks
from campaigns.models import Message, MessageExcerpt, Rendition, VisualTemplate
from campaigns.selectors import outbound_texts
from core.egress import registry
from tests.campaigns.test_inputs import _fresh_cache  # noqa: F401 - autouse
from tests.campaigns.visual.cases import photo
from tests.factories import CampaignFactory, ExcerptFactory, MessageFactory, VisualTemplateFactory

pytestmark = pytest.mark.django_db


def carousel_message(editor, quotes=3, formats=("square", "story")):
    message = MessageFactory(
        author=editor,
        campaign=CampaignFactory(cta_text="Talk to us"),
        template=VisualTemplateFactory(layout="carousel", formats=list(formats)),
        headline="They promised a salary.",
        body="It never came.",
        alt_text="A carousel: three former members on the promised salary.",
    )
    for position in range(quotes):
        MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory(), position=position)
    return message


def run_render_tasks(message):
    """What the worker does with what was queued: the render task, once per queued row."""
    for rendition in message.renditions.filter(status="pending"):
        tasks.render_rendition.apply(args=(rendition.pk, rendition.input_hash))


def go_live(message, editor, analyst):
    services.submit_message(user=editor, message=message)
    services.approve_message(user=analyst, message=message)
    run_render_tasks(message)
    services.schedule_message(
        user=editor, message=message, publish_at=timezone.now() - timedelta(minutes=1)
    )
    publishing.sweep()
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED


def test_a_carousel_renders_every_slide_in_every_format_once(editor):
    message = carousel_message(editor)
    queued = services.queue_renditions(message=message)
    assert len(queued) == 2 * 5  # cover, three quotes, closing; square and story
    run_render_tasks(message)
    renditions = list(message.renditions.order_by("format", "slide"))
    assert [(r.format, r.slide) for r in renditions] == [
        (fmt, slide) for fmt in ("square", "story") for slide in range(5)
    ]
    files = set()
    for r in renditions:
        assert (r.status, r.attempts) == ("ready", 1)
        with default_storage.open(r.file.name) as handle:
            data = handle.read()
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == {"square": (1080, 1080), "story": (1080, 1920)}[r.format]
        files.add(data)
    assert len(files) == 10  # every slide a picture of its own
    # Again: the task finds nothing to do, and an unchanged message queues nothing.
    for r in renditions:
        tasks.render_rendition.apply(args=(r.pk, r.input_hash))
    assert set(message.renditions.values_list("attempts", flat=True)) == {1}
    assert services.queue_renditions(message=message) == []


def test_each_slide_says_what_it_shows(editor):
    message = carousel_message(editor, formats=("square",))
    services.queue_renditions(message=message)
    alts = list(message.renditions.order_by("slide").values_list("alt_text", flat=True))
    assert alts[0] == "1/5: " + message.alt_text
    quotes = [link.excerpt.text for link in message.excerpt_links.order_by("position")]
    for alt, quote, n in zip(alts[1:4], quotes, (2, 3, 4), strict=True):
        assert alt.startswith(f"{n}/5: {quote.strip()} — ")
    assert alts[4] == "5/5: Talk to us"


def test_dropping_a_quote_removes_its_slide_and_file(editor, django_capture_on_commit_callbacks):
    message = carousel_message(editor, formats=("square",))
    services.queue_renditions(message=message)
    run_render_tasks(message)
    last = message.renditions.get(slide=4)
    message.excerpt_links.order_by("position").last().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_renditions(message=message)
    assert sorted(message.renditions.values_list("slide", flat=True)) == [0, 1, 2, 3]
    assert not default_storage.exists(last.file.name)
    # The closing slide moved up: it is drawn again as slide 3 of 4.
    assert message.renditions.get(slide=3).alt_text.startswith("4/4: Talk to us")


def test_more_quotes_than_a_carousel_holds_are_named_not_dropped(editor):
    message = carousel_message(editor, quotes=9)
    assert services.undrawn_message_fields(message) == [
        "The carousel shows 8 of the 9 quotes; the others are not on the card."
    ]
    services.queue_renditions(message=message)
    assert message.renditions.filter(format="square").count() == 10  # the eight, cover, CTA


def test_a_carousel_without_quotes_says_why_it_cannot_be_drawn(editor):
    message = carousel_message(editor, quotes=0)
    with pytest.raises(ValueError, match="at least one quote"):
        services.card_specs(message)


def test_partners_get_every_slide_with_its_alt_text(editor, analyst, make_key, api):
    message = carousel_message(editor)
    go_live(message, editor, analyst)
    key = make_key(["read:messages"])
    data = api.get(f"/api/v1/messages/{message.public_id}/", key=key).json()
    slides = [(r["format"], r["slide"]) for r in data["renditions"]]
    assert slides == [(fmt, slide) for fmt in ("square", "story") for slide in range(5)]
    assert data["renditions"][0]["alt_text"] == "1/5: " + message.alt_text
    assert data["renditions"][6]["alt_text"].startswith("2/5: ")
    # Every alt text served is among the texts the gate scanned, as registered.
    texts = outbound_texts(message)
    gated = registry.get("api:message.renditions.alt_text").gated_as
    scanned = {t.text for t in texts if any(fnmatch.fnmatchcase(t.field, p) for p in gated)}
    assert {r["alt_text"] for r in data["renditions"]} <= scanned
    for r in data["renditions"]:
        assert api.get(r["url"].removeprefix("http://testserver")).status_code == 200


def test_the_zip_holds_every_slide_and_each_slides_alt_text(client, editor, analyst):
    message = carousel_message(editor, formats=("square",))
    services.submit_message(user=editor, message=message)
    services.approve_message(user=analyst, message=message)
    run_render_tasks(message)
    client.force_login(editor)
    response = client.get(reverse("admin:campaigns_message_renditions_zip", args=[message.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    pid = message.public_id
    assert sorted(archive.namelist()) == sorted(
        [f"{pid}-square-{n:02d}.png" for n in range(1, 6)] + ["alt-text.en.txt"]
    )
    lines = archive.read("alt-text.en.txt").decode().splitlines()
    assert lines[0] == message.alt_text
    assert lines[1] == f"{pid}-square-01.png\t1/5: {message.alt_text}"
    assert lines[5].startswith(f"{pid}-square-05.png\t5/5: Talk to us")


def test_the_admin_shows_every_slide_with_its_alt_text(client, editor):
    message = carousel_message(editor, formats=("square",))
    services.queue_renditions(message=message)
    run_render_tasks(message)
    client.force_login(editor)
    page = client.get(reverse("admin:campaigns_message_change", args=[message.pk])).content.decode()
    assert page.count('class="rendition-thumb"') == 5
    for rendition in message.renditions.all():
        assert f'alt="{rendition.alt_text}"' in page
    assert "style=" not in page.split('class="rendition-thumb"')[1][:200]


# --- The photo card --------------------------------------------------------------------------


def jpeg_with_metadata() -> bytes:
    im = Image.open(io.BytesIO(photo())).convert("RGB")
    exif = Image.Exif()
    exif[0x010E] = "taken near the safe house"  # ImageDescription
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", exif=exif, comment=b"camera owner")
    return buffer.getvalue()


def test_a_background_photo_is_sanitised_like_a_logo(editor):
    template = VisualTemplateFactory(layout="quote_card")
    raw = jpeg_with_metadata()
    template.layout = VisualTemplate.Layout.PHOTO_CARD
    inputs.save_visual_template(
        template=template, background_photo_upload=SimpleUploadedFile("me.jpg", raw)
    )
    template.refresh_from_db()
    with template.background_photo.open("rb") as handle:
        stored = handle.read()
    assert stored != raw and b"safe house" not in stored and b"camera owner" not in stored
    with Image.open(io.BytesIO(stored)) as im:
        assert not im.getexif() and "comment" not in im.info and im.size == (1600, 1200)
    assert "me" not in template.background_photo.name.rsplit("/")[-1]


def test_an_oversized_or_fake_photo_is_refused(editor):
    template = VisualTemplateFactory()
    with pytest.raises(ValueError, match="SVG images are not accepted"):
        inputs.save_visual_template(
            template=template,
            background_photo_upload=SimpleUploadedFile("x.png", b"<svg onload=alert(1)/>"),
        )
    with pytest.raises(ValueError, match="too large"):
        inputs.save_visual_template(
            template=template,
            background_photo_upload=SimpleUploadedFile("x.png", b"\x89PNG" + b"0" * 11 * 2**20),
        )


def test_a_large_photo_is_kept_no_larger_than_the_largest_card_needs():
    big = Image.new("RGB", (3600, 2400), "#3A6EA5")
    buffer = io.BytesIO()
    big.save(buffer, "JPEG", quality=85)
    template = VisualTemplateFactory()
    inputs.save_visual_template(
        template=template, background_photo_upload=SimpleUploadedFile("big.jpg", buffer.getvalue())
    )
    with template.background_photo.open("rb") as handle, Image.open(handle) as im:
        assert im.size == (2160, 1440) and im.format == "JPEG"


def test_a_photo_card_needs_a_photo():
    template = VisualTemplateFactory()
    template.layout = VisualTemplate.Layout.PHOTO_CARD
    with pytest.raises(ValidationError):
        inputs.save_visual_template(template=template)


def test_the_template_form_warns_that_no_face_may_appear(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:campaigns_visualtemplate_add")).content.decode()
    assert "No faces must appear" in page
    response = client.post(
        reverse("admin:campaigns_visualtemplate_add"),
        {"name": "Photo", "layout": "photo_card", "background_color": "#12263A",
         "text_color": "#FFFFFF", "accent_color": "#F4B942", "font_family": "noto_sans",
         "formats": ["square"], "output_format": "png", "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "A photo card needs a background photo" in response.content.decode()


def test_a_photo_card_is_drawn_over_the_photo(editor):
    template = VisualTemplateFactory(formats=["landscape"])
    template.layout = VisualTemplate.Layout.PHOTO_CARD
    inputs.save_visual_template(
        template=template, background_photo_upload=SimpleUploadedFile("p.png", photo())
    )
    message = MessageFactory(author=editor, template=template, headline="They lied")
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    services.queue_renditions(message=message)
    run_render_tasks(message)
    rendition = message.renditions.get()
    assert rendition.status == Rendition.Status.READY and rendition.alt_text == ""
    with rendition.file.open("rb") as handle, Image.open(handle) as im:
        corners = {im.convert("RGB").getpixel(xy) for xy in ((2, 2), (2, 400), (2, 672))}
    assert len(corners) == 3  # the photo shows under the overlay: not one flat colour
    texts = {t.field for t in outbound_texts(message)}
    assert "template.background_photo" in texts


def test_the_live_preview_draws_the_carousel_slide_asked_for(client, editor):
    from tests.campaigns.test_admin_messages import message_form

    client.force_login(editor)
    campaign = CampaignFactory()
    template = VisualTemplateFactory(layout="carousel")
    excerpts = [ExcerptFactory(), ExcerptFactory()]
    images = {}
    for slide in ("0", "1", "2", "3", "9"):
        data = message_form(campaign, template, excerpts, preview_slide=slide)
        response = client.post("/admin/campaigns/message/preview/", data)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        images[slide] = response.content
    assert len({images[s] for s in "0123"}) == 4  # cover, two quotes, closing
    assert images["9"] == images["0"]  # no such slide: the cover
    page = client.get(reverse("admin:campaigns_message_add")).content.decode()
    assert "data-slide" in page


def test_the_review_page_numbers_each_slide(client, editor, analyst):
    message = carousel_message(editor, formats=("square",))
    services.submit_message(user=editor, message=message)
    services.queue_renditions(message=message)
    run_render_tasks(message)
    client.force_login(analyst)
    page = client.get(reverse("message_review:detail", args=[message.public_id])).content.decode()
    page = page[page.index('id="renditions"') :]
    for n in range(1, 6):
        assert f"slide {n}" in page
    assert 'alt="3/5: ' in page
