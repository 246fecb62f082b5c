"""Renditions: keyed by their inputs' hash, rendered once, failures recorded, sweeper."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from campaigns import inputs, services
from campaigns.models import MessageExcerpt, Rendition
from tests.factories import ExcerptFactory, MessageFactory, VisualTemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def message():
    template = VisualTemplateFactory(formats=["square", "landscape", "story"])
    message = MessageFactory(headline="They promised a salary.", template=template)
    excerpt = ExcerptFactory()
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    return message


def render_all(message):
    for rendition in message.renditions.filter(status="pending"):
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)


def test_queueing_creates_one_pending_rendition_per_format(
    message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        queued = services.queue_renditions(message=message)
    assert len(queued) == 3
    assert len(callbacks) == 1  # the tasks go out only after commit
    formats = set(message.renditions.values_list("format", "status"))
    assert formats == {("square", "pending"), ("landscape", "pending"), ("story", "pending")}


def test_rendering_stores_a_real_image_of_the_right_size(message):
    services.queue_renditions(message=message)
    render_all(message)
    sizes = {}
    for rendition in message.renditions.all():
        assert rendition.status == "ready", rendition.error
        with default_storage.open(rendition.file.name) as handle:
            image = Image.open(io.BytesIO(handle.read()))
            image.load()
        sizes[rendition.format] = image.size
        assert (rendition.width, rendition.height) == image.size
        assert rendition.size_bytes > 1000
        assert rendition.mime_type == "image/png"
    assert sizes == {"square": (1080, 1080), "landscape": (1200, 675), "story": (1080, 1920)}


def test_unchanged_inputs_render_nothing(message):
    services.queue_renditions(message=message)
    render_all(message)
    before = dict(message.renditions.values_list("format", "rendered_at"))
    assert services.queue_renditions(message=message) == []
    assert dict(message.renditions.values_list("format", "rendered_at")) == before


def test_changed_text_rerenders_and_deletes_the_stale_file(
    message, django_capture_on_commit_callbacks
):
    services.queue_renditions(message=message)
    render_all(message)
    old = message.renditions.get(format="square")
    message.headline = "A different headline."
    message.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert len(services.queue_renditions(message=message)) == 3
        render_all(message)
    new = message.renditions.get(format="square")
    assert new.input_hash != old.input_hash
    assert new.file.name != old.file.name
    assert default_storage.exists(new.file.name)
    assert not default_storage.exists(old.file.name)


def test_template_change_bumps_its_version_and_rerenders(message):
    services.queue_renditions(message=message)
    render_all(message)
    template = message.template
    version = template.version
    template.background_color = "#000000"
    inputs.save_visual_template(template=template)
    template.refresh_from_db()
    assert template.version == version + 1
    assert set(message.renditions.values_list("status", flat=True)) == {"pending"}


def test_a_stale_task_does_nothing(message):
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    old_hash = rendition.input_hash
    message.headline = "Changed before the worker ran."
    message.save()
    services.queue_renditions(message=message)
    with pytest.raises(services.RenditionSkipped):
        services.render_rendition(rendition_id=rendition.pk, input_hash_=old_hash)
    assert Rendition.objects.get(pk=rendition.pk).status == "pending"


def test_the_same_task_twice_renders_once(message):
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    with pytest.raises(services.RenditionSkipped):
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    assert Rendition.objects.get(pk=rendition.pk).attempts == 1


def test_a_message_that_cannot_render_records_why(message):
    message.template.layout = "cta_card"
    message.template.save()
    message.cta_text = ""
    message.cta_url = ""
    message.save()
    message.campaign.cta_text = message.campaign.cta_helpline = message.campaign.cta_url = ""
    message.campaign.save()
    services.queue_renditions(message=message)  # no rendition yet: nothing to mark
    message.cta_text = "Call us"
    message.save()
    services.queue_renditions(message=message)
    message.cta_text = ""
    message.save()
    assert services.queue_renditions(message=message) == []
    errors = set(message.renditions.values_list("status", "error"))
    assert errors == {("failed", "Cannot render: cta_card needs cta_text or cta_contact")}


def test_failures_are_recorded_on_the_rendition(message):
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    services.record_rendition_failure(
        rendition_id=rendition.pk, input_hash_=rendition.input_hash, error=OSError("disk full")
    )
    rendition.refresh_from_db()
    assert (rendition.status, rendition.error) == ("failed", "OSError: disk full")
    # A failed rendition is rendered again by the retry.
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    assert Rendition.objects.get(pk=rendition.pk).status == "ready"


def test_sweeper_requeues_lost_and_stuck_renditions(message, django_capture_on_commit_callbacks):
    services.queue_renditions(message=message)
    now = timezone.now()
    assert services.sweep_renditions(now=now) == 0
    message.renditions.filter(format="square").update(queued_at=now - timedelta(minutes=10))
    message.renditions.filter(format="story").update(status="rendering")
    Rendition.objects.filter(format="story").update(updated_at=now - timedelta(hours=1))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.sweep_renditions(now=now) == 2
    assert len(callbacks) == 1
    assert set(message.renditions.values_list("status", flat=True)) == {"pending"}
