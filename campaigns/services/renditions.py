"""Renditions: queue a message's cards, render and record them, sweep what is stuck."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from campaigns.changed import refresh_shown_changed_at
from campaigns.imagecheck import ImageCheckFailed, check_image
from campaigns.limits import BODY_AS_QUOTE
from campaigns.models import (
    Message,
    Rendition,
    VisualTemplate,
)
from campaigns.rendering import (
    FORMATS,
    TEMPLATE_FIELDS,
    CardSpec,
    carousel_slides,
    image_digests,
    input_hash,
    render_card,
)
from campaigns.rendering.palettes import PALETTES
from campaigns.selectors import message_cta, slide_alt_texts
from campaigns.storage import delete_stored, read_stored, sha256_of, write_verified
from core.leases import LeaseKeeper, lease_expiry, lease_run_out

if TYPE_CHECKING:
    from narratives.models import Excerpt

logger = logging.getLogger(__name__)

# --- Renditions ----------------------------------------------------------------------------

STUCK_PENDING_AFTER = timedelta(minutes=2)
# Claims of one rendition (each try of its task, each takeover after its worker died) before
# the sweeper gives up on it: the task's own retries, plus one.
RENDITION_MAX_ATTEMPTS = 6


def _default_template() -> VisualTemplate:
    return VisualTemplate(name="Default")


def card_logo(message: Message, template: VisualTemplate) -> FieldFile | None:
    """The logo on the message's cards: its campaign's, else its template's, else none."""
    logos: tuple[FieldFile, ...] = (message.campaign.logo, template.logo)
    return next((logo for logo in logos if logo), None)


def _image_bytes(image: FieldFile | None) -> bytes | None:
    if not image:
        return None
    with image.open("rb") as handle:
        data: bytes = handle.read()
    return data


def card_colours(message: Message, template: VisualTemplate) -> dict[str, str]:
    """The card's colours: the message's palette, else its campaign's, else the template's."""
    name = message.palette or message.campaign.palette
    palette = PALETTES.get(name) if name else None
    if palette is None:
        return {
            "background_color": template.background_color,
            "text_color": template.text_color,
            "accent_color": template.accent_color,
        }
    return {
        "background_color": palette.background,
        "text_color": palette.text,
        "accent_color": palette.accent,
    }


# A rendition's place among a message's cards: its format, and its slide (0 but in a carousel).
CardKey = tuple[str, int]


def card_specs(message: Message, excerpts: list[Excerpt] | None = None) -> dict[CardKey, CardSpec]:
    """Return the card to render for each of the message's formats and slides.

    A carousel is a card per slide in every format the template renders: a cover, one slide
    per quote, a closing call to action (social platforms post square carousels; a story
    carousel is a run of stories, a landscape one a document post). ``excerpts`` overrides
    the message's saved excerpts (the admin's live preview renders a message before it is
    saved).
    """
    return {key: spec for key, (spec, _) in cards(message, excerpts).items()}


def cards(
    message: Message, excerpts: list[Excerpt] | None = None
) -> dict[CardKey, tuple[CardSpec, str]]:
    """:func:`card_specs` with each card's own alt text (a carousel slide's; else blank)."""
    from narratives.models import Excerpt
    from narratives.selectors import attribution_for, quote_in_language

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
    shown = TEMPLATE_FIELDS[template.layout].get("quotes", 0)
    pairs: list[tuple[str, str]] = []
    for excerpt in excerpts[:shown]:
        # Never the original in another language: without an approved translation the card
        # quotes nothing, and submission, approval and the preview say why.
        text = quote_in_language(excerpt, message.language)
        if text:
            pairs.append((text, attribution_for(excerpt.narrative, message.language)))
    attributions = list(dict.fromkeys(a for _, a in pairs if a))
    # Several quotes: one paragraph each (the renderer puts each between quotation marks).
    quote, attribution = "\n".join(q for q, _ in pairs), " · ".join(attributions)
    body = message.body
    if template.layout in BODY_AS_QUOTE and not quote:
        quote, body = message.body or message.headline, ""
    carousel = template.layout == VisualTemplate.Layout.CAROUSEL
    if template.layout == VisualTemplate.Layout.PHOTO_CARD and not template.background_photo:
        raise ValueError(
            "the photo card's template has no background photo; upload one on the template"
        )
    cta_text, cta_contact = message_cta(message)
    colours = card_colours(message, template)
    formats = [f for f in template.formats if f in FORMATS] or list(FORMATS)
    first = CardSpec(
        format=formats[0],
        layout=template.layout,
        headline=message.headline,
        statistic=message.statistic
        if template.layout == VisualTemplate.Layout.STATISTIC_CARD
        else "",
        body=body,
        quote="" if carousel else quote,
        attribution="" if carousel else attribution,
        cta_text=cta_text,
        cta_contact=cta_contact,
        language=message.language,
        background_color=colours["background_color"],
        text_color=colours["text_color"],
        accent_color=colours["accent_color"],
        font_family=template.font_family,
        logo=_image_bytes(card_logo(message, template)),
        output_format=template.output_format,
        background_photo=_image_bytes(template.background_photo)
        if template.layout == VisualTemplate.Layout.PHOTO_CARD
        else None,
        slide_kind="cover" if carousel else "",
    )
    if not carousel:
        return {(fmt, 0): (replace(first, format=fmt), "") for fmt in formats}
    slides = carousel_slides(first, pairs)
    alts = slide_alt_texts(message, pairs)
    return {
        (fmt, spec.slide): (replace(spec, format=fmt), alt)
        for fmt in formats
        for spec, alt in zip(slides, alts, strict=True)
    }


def content_hash(spec: CardSpec) -> str:
    """sha256 of what a reviewer sees on a card (texts, look, logo), not of the engine that
    draws it: a new Pillow re-renders a card without unapproving it."""
    payload = image_digests(spec)
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


@transaction.atomic
def queue_renditions(*, message: Message) -> list[int]:
    """Bring the message's renditions in line with its inputs and queue what changed.

    A format whose input hash is unchanged (and which is not failed) renders nothing. Work is
    queued after commit, so a worker never looks for a row it cannot see yet.
    """
    try:
        specs = cards(message)
    except ValueError as exc:
        # The message cannot be rendered as it stands (e.g. a required text is missing);
        # record that on every rendition so editors see why, and queue nothing.
        Rendition.objects.filter(message=message).update(
            status=Rendition.Status.FAILED, error=f"Cannot render: {exc}", updated_at=timezone.now()
        )
        refresh_shown_changed_at(message_ids=[message.pk])
        return []
    now = timezone.now()
    existing = {
        (r.format, r.slide): r
        for r in Rendition.objects.select_for_update().filter(message=message)
    }
    queued = []
    for (fmt, slide), (spec, alt_text) in specs.items():
        digest = input_hash(spec)
        rendition = existing.pop((fmt, slide), None)
        if rendition is None:
            rendition = Rendition(message=message, format=fmt, slide=slide)
        elif rendition.input_hash == digest and rendition.status != Rendition.Status.FAILED:
            if rendition.alt_text != alt_text:  # the message's own alt text changed
                rendition.alt_text = alt_text
                rendition.save(update_fields=["alt_text", "updated_at"])
            continue
        rendition.alt_text = alt_text
        rendition.input_hash = digest
        rendition.content_hash = content_hash(spec)
        rendition.status = Rendition.Status.PENDING
        rendition.error = ""
        rendition.attempts = 0
        rendition.queued_at = now
        rendition.save()
        queued.append((rendition.pk, digest))
    for stale in existing.values():  # a format or slide the message no longer has
        _delete_file_on_commit(stale.file.name)
        stale.delete()
    transaction.on_commit(lambda: _send_render_tasks(queued))
    return [pk for pk, _ in queued]


def discard_renditions(*, message: Message) -> int:
    """Delete a message's renditions and, after commit, their files; return how many.

    Used when a message comes down for good (withdrawn, expired) or its words are erased:
    its images must not stay in the media tree, where a copied URL could still reach them.
    """
    count = 0
    for rendition in Rendition.objects.filter(message=message):
        rendition.delete()  # the file goes after commit (post_delete)
        count += 1
    return count


def _send_render_tasks(queued: list[tuple[int, str]]) -> None:
    from campaigns.tasks import render_rendition

    for pk, digest in queued:
        render_rendition.delay(pk, digest)


def _delete_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: delete_stored(name))


class RenditionSkipped(Exception):
    """The rendition changed or was claimed elsewhere; nothing to do."""


def render_rendition(*, rendition_id: int, input_hash_: str) -> Rendition:
    """Render one rendition whose inputs still hash to ``input_hash_``, and store the file.

    The claim (pending → rendering, with a short lease) is a conditional UPDATE, so two
    workers given the same task render it once; a rendering row whose lease ran out (its
    worker died) can be claimed again. The lease is renewed while the work runs. The image is
    drawn outside any transaction, checked, and published under its final name in one step
    (``campaigns.storage``); the row turns ready only if nobody changed the inputs meanwhile.
    """
    now = timezone.now()
    claimable = Q(status__in=[Rendition.Status.PENDING, Rendition.Status.FAILED]) | Q(
        lease_run_out(now), status=Rendition.Status.RENDERING
    )
    claimed = Rendition.objects.filter(claimable, pk=rendition_id, input_hash=input_hash_).update(
        status=Rendition.Status.RENDERING,
        attempts=F("attempts") + 1,
        lease_expires_at=lease_expiry(now),
        updated_at=now,
    )
    if not claimed:
        raise RenditionSkipped()
    refresh_shown_changed_at(
        message_ids=Rendition.objects.filter(pk=rendition_id).values("message_id")
    )
    rendition = Rendition.objects.select_related("message__campaign", "message__template").get(
        pk=rendition_id
    )
    attempt = rendition.attempts
    with LeaseKeeper(lambda: _renew_rendition_lease(rendition_id, input_hash_, attempt)):
        spec = card_specs(rendition.message).get((rendition.format, rendition.slide))
        if spec is None or input_hash(spec) != input_hash_:
            # The message changed after this task was queued; a newer task carries the new
            # hash.
            Rendition.objects.filter(pk=rendition_id, status=Rendition.Status.RENDERING).update(
                status=Rendition.Status.PENDING, lease_expires_at=None
            )
            raise RenditionSkipped()
        card = render_card(spec)
        stored = write_verified(
            _rendition_file_name(rendition, card.mime_type, input_hash_),
            card.data,
            functools.partial(
                check_image, mime_type=card.mime_type, width=spec.size[0], height=spec.size[1]
            ),
        )
    with transaction.atomic():
        current: Rendition = Rendition.objects.select_for_update().get(pk=rendition_id)
        if current.input_hash != input_hash_:
            _delete_file_on_commit(stored.name)
            raise RenditionSkipped()
        old_name = current.file.name
        current.file.name = stored.name
        current.file_sha256 = stored.sha256
        current.mime_type = card.mime_type
        current.width, current.height = card.width, card.height
        current.size_bytes = stored.size
        current.status = Rendition.Status.READY
        current.error = ""
        current.lease_expires_at = None
        current.rendered_at = timezone.now()
        current.save()
        if old_name and old_name != stored.name:
            _delete_file_on_commit(old_name)
    logger.info(
        "rendition ready %s %s %s",
        current.message.public_id,
        current.format,
        current.slide,
        extra={"rendition": current.pk, "bytes": current.size_bytes},
    )
    return current


_EXTENSIONS = {"image/png": "png", "image/webp": "webp", "image/jpeg": "jpg"}


def _rendition_file_name(rendition: Rendition, mime_type: str, digest: str) -> str:
    extension = _EXTENSIONS[mime_type]
    slide = f"-{rendition.slide + 1}" if rendition.slide else ""
    name = f"{rendition.format}{slide}-{digest[:20]}.{extension}"
    return f"renditions/{rendition.message.public_id}/{name}"


def _renew_rendition_lease(rendition_id: int, digest: str, attempt: int) -> bool:
    # ``attempts`` fences the lease: a worker whose lease was taken over renews nothing.
    return bool(
        Rendition.objects.filter(
            pk=rendition_id,
            input_hash=digest,
            status=Rendition.Status.RENDERING,
            attempts=attempt,
        ).update(lease_expires_at=lease_expiry())
    )


def record_rendition_failure(*, rendition_id: int, input_hash_: str, error: BaseException) -> None:
    """Mark a rendition failed with the error's kind and message (never the card's text)."""
    Rendition.objects.filter(pk=rendition_id, input_hash=input_hash_).update(
        status=Rendition.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        lease_expires_at=None,
        updated_at=timezone.now(),
    )
    refresh_shown_changed_at(
        message_ids=Rendition.objects.filter(pk=rendition_id).values("message_id")
    )


# Files of ready renditions stored before files were checked are checked this many at a time.
UNCHECKED_FILES_PER_SWEEP = 20


def sweep_renditions(*, now: datetime | None = None) -> int:
    """Re-queue renditions whose task was lost (pending too long), whose worker died (lease
    run out), or whose stored file fails its check; return how many were re-queued."""
    now = now or timezone.now()
    # A rendition that has taken its worker down again and again would go on doing so.
    worn_out = Rendition.objects.filter(
        lease_run_out(now),
        status=Rendition.Status.RENDERING,
        attempts__gte=RENDITION_MAX_ATTEMPTS,
    )
    worn_out_messages = list(worn_out.values_list("message_id", flat=True))
    worn_out.update(
        status=Rendition.Status.FAILED,
        error=(
            "The worker rendering this image stopped during each of its last attempts; check "
            "the worker's logs (memory, time limit), then save the message to try again."
        ),
        lease_expires_at=None,
        updated_at=now,
    )
    if worn_out_messages:
        refresh_shown_changed_at(message_ids=worn_out_messages)
    stuck = list(
        Rendition.objects.filter(
            Q(status=Rendition.Status.PENDING, queued_at__lt=now - STUCK_PENDING_AFTER)
            | Q(lease_run_out(now), status=Rendition.Status.RENDERING)
        ).values_list("pk", "input_hash")[:500]
    )
    stuck += _unverifiable_ready_renditions()
    for pk, digest in stuck:
        Rendition.objects.filter(pk=pk, input_hash=digest).update(
            status=Rendition.Status.PENDING, lease_expires_at=None, queued_at=now
        )
    if stuck:
        transaction.on_commit(lambda: _send_render_tasks(stuck))
    return len(stuck)


def _unverifiable_ready_renditions() -> list[tuple[int, str]]:
    """Check ready renditions that have no recorded file hash (stored by older code, which
    could publish a half-written file); record the hash of each whole one and return the
    rest."""
    bad = []
    unchecked = Rendition.objects.filter(status=Rendition.Status.READY, file_sha256="")
    for rendition in unchecked.order_by("pk")[:UNCHECKED_FILES_PER_SWEEP]:
        try:
            data = read_stored(rendition.file.name)
            check_image(
                data,
                mime_type=rendition.mime_type,
                width=rendition.width or 0,
                height=rendition.height or 0,
            )
        except (OSError, ValueError, ImageCheckFailed):
            bad.append((rendition.pk, rendition.input_hash))
            continue
        Rendition.objects.filter(pk=rendition.pk, file=rendition.file.name).update(
            file_sha256=sha256_of(data), size_bytes=len(data)
        )
    return bad
