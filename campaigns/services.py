"""Writes for campaigns and messages. Every state change that matters goes through here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from campaigns.models import Campaign, Message, Rendition, VisualTemplate
from campaigns.rendering import FORMATS, CardSpec, input_hash, render_card
from campaigns.uploads import sanitize_image_upload

logger = logging.getLogger(__name__)

FINAL_STATUSES = frozenset({Message.Status.WITHDRAWN, Message.Status.EXPIRED})


@transaction.atomic
def withdraw_messages_using_excerpts(*, excerpt_ids: Iterable[int], reason: str, actor=None) -> int:
    """Take down at once every message that quotes one of the excerpts; return how many."""
    excerpt_ids = list(excerpt_ids)
    if not excerpt_ids:
        return 0
    messages = (
        Message.objects.select_for_update()
        .filter(excerpt_links__excerpt_id__in=excerpt_ids)
        .exclude(status__in=FINAL_STATUSES)
        .distinct()
    )
    count = 0
    now = timezone.now()
    for message in messages:
        message.status = Message.Status.WITHDRAWN
        message.withdrawn_at = now
        message.withdrawal_reason = reason
        message.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
        logger.info(
            "message withdrawn",
            extra={"message_id": message.public_id, "why": "source narrative retired"},
        )
        count += 1
    return count


# --- Renditions ----------------------------------------------------------------------------

STUCK_PENDING_AFTER = timedelta(minutes=2)


def _default_template() -> VisualTemplate:
    return VisualTemplate(name="Default")


def _logo_bytes(template: VisualTemplate) -> bytes | None:
    if not template.logo:
        return None
    with template.logo.open("rb") as handle:
        return handle.read()


def card_specs(message: Message, excerpts: list | None = None) -> dict[str, CardSpec]:
    """Return the card to render for each of the message's formats.

    ``excerpts`` overrides the message's saved excerpts (the admin's live preview renders a
    message before it is saved).
    """
    from narratives.models import Excerpt
    from narratives.selectors import attribution_for

    template = message.template or _default_template()
    if excerpts is None:
        excerpts = [
            link.excerpt
            for link in message.excerpt_links.select_related("excerpt__narrative").prefetch_related(
                "excerpt__translations"
            )
        ]
    else:
        wanted = [e.pk for e in excerpts]
        found = Excerpt.objects.filter(pk__in=wanted).select_related("narrative")
        by_pk = {e.pk: e for e in found.prefetch_related("translations")}
        excerpts = [by_pk[pk] for pk in wanted if pk in by_pk]
    quote = attribution = ""
    if excerpts:
        excerpt = excerpts[0]
        translations = {t.language: t.text for t in excerpt.translations.all()}
        quote = translations.get(message.language, excerpt.text)
        attribution = attribution_for(excerpt.narrative, message.language)
    body = message.body
    if template.layout == VisualTemplate.Layout.QUOTE_CARD and not quote:
        quote, body = message.body or message.headline, ""
    campaign = message.campaign
    common = {
        "layout": template.layout,
        "headline": message.headline,
        "body": body,
        "quote": quote,
        "attribution": attribution,
        "cta_text": message.cta_text or campaign.cta_text,
        "cta_contact": campaign.cta_helpline or message.cta_url or campaign.cta_url,
        "language": message.language,
        "background_color": template.background_color,
        "text_color": template.text_color,
        "accent_color": template.accent_color,
        "font_family": template.font_family,
        "logo": _logo_bytes(template),
        "output_format": template.output_format,
    }
    formats = [f for f in template.formats if f in FORMATS] or list(FORMATS)
    return {fmt: CardSpec(format=fmt, **common) for fmt in formats}


@transaction.atomic
def queue_renditions(*, message: Message) -> list[int]:
    """Bring the message's renditions in line with its inputs and queue what changed.

    A format whose input hash is unchanged (and which is not failed) renders nothing. Work is
    queued after commit, so a worker never looks for a row it cannot see yet.
    """
    try:
        specs = card_specs(message)
    except ValueError as exc:
        # The message cannot be rendered as it stands (e.g. a required text is missing);
        # record that on every rendition so editors see why, and queue nothing.
        Rendition.objects.filter(message=message).update(
            status=Rendition.Status.FAILED, error=f"Cannot render: {exc}", updated_at=timezone.now()
        )
        return []
    now = timezone.now()
    existing = {r.format: r for r in Rendition.objects.select_for_update().filter(message=message)}
    queued = []
    for fmt, spec in specs.items():
        digest = input_hash(spec)
        rendition = existing.pop(fmt, None)
        if rendition is None:
            rendition = Rendition(message=message, format=fmt)
        elif rendition.input_hash == digest and rendition.status != Rendition.Status.FAILED:
            continue
        rendition.input_hash = digest
        rendition.status = Rendition.Status.PENDING
        rendition.error = ""
        rendition.attempts = 0
        rendition.queued_at = now
        rendition.save()
        queued.append((rendition.pk, digest))
    for stale in existing.values():  # a format the template no longer renders
        _delete_file_on_commit(stale.file.name)
        stale.delete()
    transaction.on_commit(lambda: _send_render_tasks(queued))
    return [pk for pk, _ in queued]


def _send_render_tasks(queued: list[tuple[int, str]]) -> None:
    from campaigns.tasks import render_rendition

    for pk, digest in queued:
        render_rendition.delay(pk, digest)


def _delete_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


class RenditionSkipped(Exception):
    """The rendition changed or was claimed elsewhere; nothing to do."""


def render_rendition(*, rendition_id: int, input_hash_: str) -> Rendition:
    """Render one rendition whose inputs still hash to ``input_hash_``, and store the file.

    The claim (pending → rendering) is a conditional UPDATE, so two workers given the same
    task render it once. The image is drawn outside any transaction; the result is written
    only if nobody changed the inputs meanwhile.
    """
    claimed = Rendition.objects.filter(
        pk=rendition_id,
        input_hash=input_hash_,
        status__in=[Rendition.Status.PENDING, Rendition.Status.FAILED],
    ).update(
        status=Rendition.Status.RENDERING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        raise RenditionSkipped()
    rendition = Rendition.objects.select_related("message__campaign", "message__template").get(
        pk=rendition_id
    )
    spec = card_specs(rendition.message).get(rendition.format)
    if spec is None or input_hash(spec) != input_hash_:
        # The message changed after this task was queued; a newer task carries the new hash.
        Rendition.objects.filter(pk=rendition_id, status=Rendition.Status.RENDERING).update(
            status=Rendition.Status.PENDING
        )
        raise RenditionSkipped()
    card = render_card(spec)
    extension = {"image/png": "png", "image/webp": "webp", "image/jpeg": "jpg"}[card.mime_type]
    name = f"renditions/{rendition.message.public_id}/{rendition.format}-{input_hash_[:20]}.{extension}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(card.data))
    with transaction.atomic():
        current = Rendition.objects.select_for_update().get(pk=rendition_id)
        if current.input_hash != input_hash_:
            _delete_file_on_commit(name)
            raise RenditionSkipped()
        old_name = current.file.name
        current.file.name = name
        current.mime_type = card.mime_type
        current.width, current.height = card.width, card.height
        current.size_bytes = len(card.data)
        current.status = Rendition.Status.READY
        current.error = ""
        current.rendered_at = timezone.now()
        current.save()
        if old_name and old_name != name:
            _delete_file_on_commit(old_name)
    logger.info(
        "rendition ready %s %s",
        current.message.public_id,
        current.format,
        extra={"rendition": current.pk, "bytes": current.size_bytes},
    )
    return current


def record_rendition_failure(*, rendition_id: int, input_hash_: str, error: BaseException) -> None:
    """Mark a rendition failed with the error's kind and message (never the card's text)."""
    Rendition.objects.filter(pk=rendition_id, input_hash=input_hash_).update(
        status=Rendition.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        updated_at=timezone.now(),
    )


def sweep_renditions(*, now=None) -> int:
    """Re-queue renditions whose task was lost (the embedded broker can lose one) or whose
    worker died mid-render; return how many were re-queued."""
    now = now or timezone.now()
    stuck_rendering_after = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    stuck = list(
        Rendition.objects.filter(
            Q(status=Rendition.Status.PENDING, queued_at__lt=now - STUCK_PENDING_AFTER)
            | Q(status=Rendition.Status.RENDERING, updated_at__lt=now - stuck_rendering_after)
        ).values_list("pk", "input_hash")[:500]
    )
    for pk, digest in stuck:
        Rendition.objects.filter(pk=pk, input_hash=digest).update(
            status=Rendition.Status.PENDING, queued_at=now
        )
    if stuck:
        transaction.on_commit(lambda: _send_render_tasks(stuck))
    return len(stuck)


def requeue_template_messages(*, template: VisualTemplate) -> int:
    """Queue renditions of every message still in use that is drawn with ``template``."""
    count = 0
    for message in template.messages.exclude(status__in=FINAL_STATUSES):
        queue_renditions(message=message)
        count += 1
    return count


@transaction.atomic
def save_visual_template(*, template: VisualTemplate, logo_upload=None) -> VisualTemplate:
    """Save a template (its version goes up), sanitising a new logo, and re-render its messages."""
    if logo_upload is not None:
        sanitized = sanitize_image_upload(logo_upload.read())
        extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}[
            sanitized.mime_type
        ]
        if template.logo:
            _delete_file_on_commit(template.logo.name)
        template.logo.save(f"logo.{extension}", ContentFile(sanitized.data), save=False)
    template.save()
    requeue_template_messages(template=template)
    return template


class PreviewError(Exception):
    """The form cannot be previewed yet; the message says what is missing."""


def preview_message(*, data) -> tuple[bytes, str]:
    """Render an unsaved message from admin form data; return the image and its MIME type."""
    from narratives.models import Excerpt

    campaign = Campaign.objects.filter(pk=_int(data.get("campaign"))).first()
    if campaign is None:
        raise PreviewError("Choose a campaign to preview the message.")
    template = VisualTemplate.objects.filter(pk=_int(data.get("template"))).first()
    message = Message(
        campaign=campaign,
        template=template,
        language=data.get("language") or "en",
        headline=data.get("headline") or "",
        body=data.get("body") or "",
        cta_text=data.get("cta_text") or "",
        cta_url=data.get("cta_url") or "",
    )
    total = _int(data.get("excerpt_links-TOTAL_FORMS")) or 0
    positions = []
    for i in range(min(total, 50)):
        if data.get(f"excerpt_links-{i}-DELETE"):
            continue
        excerpt_id = _int(data.get(f"excerpt_links-{i}-excerpt"))
        if excerpt_id:
            positions.append((_int(data.get(f"excerpt_links-{i}-position")) or 0, i, excerpt_id))
    ids = [excerpt_id for _, _, excerpt_id in sorted(positions)]
    reusable = set(Excerpt.objects.reusable().filter(pk__in=ids).values_list("pk", flat=True))
    excerpts = [Excerpt(pk=pk) for pk in ids if pk in reusable]
    try:
        specs = card_specs(message, excerpts=excerpts)
    except ValueError as exc:
        raise PreviewError(f"Not ready to preview: {exc}") from None
    fmt = data.get("preview_format") or "square"
    spec = specs.get(fmt) or next(iter(specs.values()))
    card = render_card(spec)
    return card.data, card.mime_type


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
