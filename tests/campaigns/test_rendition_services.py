"""Renditions: keyed by their inputs' hash, rendered once, failures recorded, sweeper."""

from __future__ import annotations

import io
import os
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from campaigns import inputs, services
from campaigns.models import MessageExcerpt, Rendition
from core.leases import lease_duration
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


# --- Atomic files: a half-written image is never ready ---------------------------------------


def _decodes_whole(name: str, size: tuple[int, int]) -> bool:
    with default_storage.open(name) as handle:
        data = handle.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return image.size == size
    except OSError:
        return False


def _files_of(message) -> list[str]:
    directory = f"renditions/{message.public_id}"
    if not default_storage.exists(directory):
        return []
    return [n for n in default_storage.listdir(directory)[1] if not n.startswith(".")]


def test_a_truncated_file_left_under_the_final_name_is_rendered_again(message):
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    rendition.refresh_from_db()
    name = rendition.file.name
    # A worker killed mid-write under the old code left half the file under its final name,
    # before the row was marked ready; the sweeper then handed the rendition out again.
    path = default_storage.path(name)
    with open(path, "rb") as handle:
        whole = handle.read()
    with open(path, "wb") as handle:
        handle.write(whole[: len(whole) // 2])
    Rendition.objects.filter(pk=rendition.pk).update(status="pending")

    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)

    rendition.refresh_from_db()
    assert rendition.status == "ready"
    assert _decodes_whole(rendition.file.name, (1080, 1080))
    assert rendition.size_bytes == default_storage.size(rendition.file.name) == len(whole)


class _DiskFillsUp:
    """A real file whose first write stops halfway with ENOSPC, as on a full disk."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.real.close()


def test_a_write_cut_short_leaves_no_final_file_and_the_retry_renders_it_whole(
    message, monkeypatch
):
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="landscape")
    real_fdopen = os.fdopen
    with monkeypatch.context() as patch:
        patch.setattr(os, "fdopen", lambda fd, *a, **kw: _DiskFillsUp(real_fdopen(fd, *a, **kw)))
        with pytest.raises(OSError, match="No space left"):
            services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    assert _files_of(message) == []  # nothing half-written under a name a reader could use
    services.record_rendition_failure(
        rendition_id=rendition.pk, input_hash_=rendition.input_hash, error=OSError("disk full")
    )

    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)

    rendition.refresh_from_db()
    assert rendition.status == "ready"
    assert _decodes_whole(rendition.file.name, (1200, 675))
    assert rendition.size_bytes == default_storage.size(rendition.file.name)


def test_sweeper_rerenders_a_ready_rendition_whose_file_is_truncated(
    message, django_capture_on_commit_callbacks
):
    services.queue_renditions(message=message)
    render_all(message)
    rendition = message.renditions.get(format="story")
    # Stored by the old code (no hash of the checked file was recorded) and cut short.
    Rendition.objects.filter(pk=rendition.pk).update(file_sha256="")
    Rendition.objects.exclude(pk=rendition.pk).update(file_sha256="")
    path = default_storage.path(rendition.file.name)
    with open(path, "rb") as handle:
        whole = handle.read()
    with open(path, "wb") as handle:
        handle.write(whole[:-500])

    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep_renditions() == 1  # only the truncated one; the others are whole
    assert dict(message.renditions.values_list("format", "status")) == {
        "square": "ready",
        "landscape": "ready",
        "story": "pending",
    }
    render_all(message)
    rendition.refresh_from_db()
    assert rendition.status == "ready"
    assert _decodes_whole(rendition.file.name, (1080, 1920))
    # Whole files get their hash recorded, so they are not read again at the next sweep.
    assert services.sweep_renditions() == 0
    assert not message.renditions.filter(file_sha256="").exists()


# --- Leases: a rendition whose worker died is handed out again within seconds ----------------


def test_a_rendering_worker_holds_a_short_lease(message, monkeypatch, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    seen = []
    real_render_card = services.renditions.render_card

    def render_and_look(spec):
        seen.append(Rendition.objects.values("status", "lease_expires_at").get(pk=rendition.pk))
        return real_render_card(spec)

    monkeypatch.setattr(services.renditions, "render_card", render_and_look)
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    assert seen == [{"status": "rendering", "lease_expires_at": timezone.now() + lease_duration()}]
    rendition.refresh_from_db()
    assert (rendition.status, rendition.lease_expires_at) == ("ready", None)


def test_a_rendition_whose_worker_died_is_requeued_once_its_lease_runs_out(
    message, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    died_at = timezone.now()
    # What a worker SIGKILLed mid-render leaves: claimed, with a lease nobody renews.
    Rendition.objects.filter(pk=rendition.pk).update(
        status="rendering", attempts=1, lease_expires_at=died_at + timedelta(seconds=15)
    )
    time_machine.move_to(died_at + timedelta(seconds=14))
    assert services.sweep_renditions() == 0
    with pytest.raises(services.RenditionSkipped):  # a duplicate task while the lease holds
        services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)

    time_machine.move_to(died_at + timedelta(seconds=16))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.sweep_renditions() == 1
    assert len(callbacks) == 1
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    rendition.refresh_from_db()
    assert (rendition.status, rendition.attempts) == ("ready", 2)


def test_a_redelivered_task_takes_over_a_rendition_whose_lease_ran_out(message, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    Rendition.objects.filter(pk=rendition.pk).update(
        status="rendering", attempts=1, lease_expires_at=timezone.now() + timedelta(seconds=15)
    )
    time_machine.move_to(timezone.now() + timedelta(seconds=16))
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    rendition.refresh_from_db()
    assert (rendition.status, rendition.attempts) == ("ready", 2)


def test_a_rendition_that_keeps_taking_its_worker_down_is_given_up_with_a_reason(
    message, django_capture_on_commit_callbacks, time_machine
):
    services.queue_renditions(message=message)
    rendition = message.renditions.get(format="square")
    Rendition.objects.filter(pk=rendition.pk).update(
        status="rendering",
        attempts=services.RENDITION_MAX_ATTEMPTS,
        lease_expires_at=timezone.now() + timedelta(seconds=15),
    )
    time_machine.move_to(timezone.now() + timedelta(seconds=16))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.sweep_renditions() == 0
    assert callbacks == []
    rendition.refresh_from_db()
    assert rendition.status == "failed"
    assert "check the worker's logs" in rendition.error
    # Saving the message again tries once more.
    assert services.queue_renditions(message=message) == [rendition.pk]


def test_deleting_a_rendition_removes_what_a_crashed_write_left_beside_its_file(
    message, django_capture_on_commit_callbacks
):
    services.queue_renditions(message=message)
    render_all(message)
    rendition = message.renditions.get(format="square")
    path = default_storage.path(rendition.file.name)
    leftover = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.0123abcd.tmp")
    with open(leftover, "wb") as handle:
        handle.write(b"part of the same image")
    with django_capture_on_commit_callbacks(execute=True):
        rendition.delete()
    assert not os.path.exists(path)
    assert not os.path.exists(leftover)
