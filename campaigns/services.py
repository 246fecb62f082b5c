"""Writes for campaigns and messages. Every state change that matters goes through here."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from campaigns.imagecheck import ImageCheckFailed, check_image
from campaigns.models import (
    Campaign,
    Message,
    MessageEvent,
    MessageFindingDismissal,
    PublishEvent,
    Rendition,
    VisualTemplate,
)
from campaigns.rendering import FORMATS, CardSpec, input_hash, render_card
from campaigns.signals import message_event
from campaigns.storage import delete_stored, read_stored, sha256_of, write_verified
from core import audit
from core.leases import LeaseKeeper, lease_expiry, lease_run_out
from core.workflow import Workflow

logger = logging.getLogger(__name__)

FINAL_STATUSES = frozenset({Message.Status.WITHDRAWN, Message.Status.EXPIRED})


@transaction.atomic
def withdraw_messages_using_excerpts(*, excerpt_ids: Iterable[int], reason: str, actor=None) -> int:
    """Take down at once every message that quotes one of the excerpts; return how many."""
    excerpt_ids = list(excerpt_ids)
    if not excerpt_ids:
        return 0
    # PostgreSQL refuses FOR UPDATE with DISTINCT: find the ids, then lock those rows.
    ids = (
        Message.objects.filter(excerpt_links__excerpt_id__in=excerpt_ids)
        .exclude(status__in=FINAL_STATUSES)
        .values("pk")
    )
    count = 0
    for message in Message.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        withdraw_message(user=None, message=message, reason=reason)
        count += 1
    return count


# --- Renditions ----------------------------------------------------------------------------

STUCK_PENDING_AFTER = timedelta(minutes=2)
# Claims of one rendition (each try of its task, each takeover after its worker died) before
# the sweeper gives up on it: the task's own retries, plus one.
RENDITION_MAX_ATTEMPTS = 6


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


def content_hash(spec: CardSpec) -> str:
    """sha256 of what a reviewer sees on a card (texts, look, logo), not of the engine that
    draws it: a new Pillow re-renders a card without unapproving it."""
    payload = {f.name: getattr(spec, f.name) for f in dataclass_fields(spec) if f.name != "logo"}
    payload["logo_sha256"] = hashlib.sha256(spec.logo).hexdigest() if spec.logo else None
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


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
        rendition.content_hash = content_hash(spec)
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
    rendition = Rendition.objects.select_related("message__campaign", "message__template").get(
        pk=rendition_id
    )
    attempt = rendition.attempts
    with LeaseKeeper(lambda: _renew_rendition_lease(rendition_id, input_hash_, attempt)):
        spec = card_specs(rendition.message).get(rendition.format)
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
        current = Rendition.objects.select_for_update().get(pk=rendition_id)
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
        "rendition ready %s %s",
        current.message.public_id,
        current.format,
        extra={"rendition": current.pk, "bytes": current.size_bytes},
    )
    return current


_EXTENSIONS = {"image/png": "png", "image/webp": "webp", "image/jpeg": "jpg"}


def _rendition_file_name(rendition: Rendition, mime_type: str, digest: str) -> str:
    extension = _EXTENSIONS[mime_type]
    return f"renditions/{rendition.message.public_id}/{rendition.format}-{digest[:20]}.{extension}"


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


# Files of ready renditions stored before files were checked are checked this many at a time.
UNCHECKED_FILES_PER_SWEEP = 20


def sweep_renditions(*, now=None) -> int:
    """Re-queue renditions whose task was lost (pending too long), whose worker died (lease
    run out), or whose stored file fails its check; return how many were re-queued."""
    now = now or timezone.now()
    # A rendition that has taken its worker down again and again would go on doing so.
    Rendition.objects.filter(
        lease_run_out(now),
        status=Rendition.Status.RENDERING,
        attempts__gte=RENDITION_MAX_ATTEMPTS,
    ).update(
        status=Rendition.Status.FAILED,
        error=(
            "The worker rendering this image stopped during each of its last attempts; check "
            "the worker's logs (memory, time limit), then save the message to try again."
        ),
        lease_expires_at=None,
        updated_at=now,
    )
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


# --- The message workflow ------------------------------------------------------------------

MStatus = Message.Status
MAction = MessageEvent.Action


class MessageError(ValidationError):
    """A request the message's state or the rules do not allow; the message is for users."""


MESSAGE_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({MStatus.DRAFT, MStatus.CHANGES_REQUESTED}), MStatus.IN_REVIEW),
    "approve": (frozenset({MStatus.IN_REVIEW}), MStatus.APPROVED),
    "request_changes": (frozenset({MStatus.IN_REVIEW}), MStatus.CHANGES_REQUESTED),
    "schedule": (frozenset({MStatus.APPROVED}), MStatus.SCHEDULED),
    "unschedule": (frozenset({MStatus.SCHEDULED}), MStatus.APPROVED),
    "return_to_review": (
        frozenset({MStatus.APPROVED, MStatus.SCHEDULED, MStatus.PUBLISHED}),
        MStatus.IN_REVIEW,
    ),
    "publish": (frozenset({MStatus.SCHEDULED}), MStatus.PUBLISHED),
    "expire": (frozenset({MStatus.PUBLISHED}), MStatus.EXPIRED),
    "withdraw": (
        frozenset(
            {
                MStatus.DRAFT,
                MStatus.IN_REVIEW,
                MStatus.CHANGES_REQUESTED,
                MStatus.APPROVED,
                MStatus.SCHEDULED,
                MStatus.PUBLISHED,
            }
        ),
        MStatus.WITHDRAWN,
    ),
}
MESSAGE_STEP_WORDS = {
    "submit": "submitted for review",
    "approve": "approved",
    "request_changes": "sent back for changes",
    "schedule": "scheduled",
    "unschedule": "unscheduled",
    "return_to_review": "returned to review",
    "publish": "published",
    "expire": "expired",
    "withdraw": "withdrawn",
}
# Fields whose change alters what the message sends out: editing one after approval returns
# the message to review. The campaign is one: its name, call to action and help-line are
# drawn on the card and served with the message.
OUTBOUND_FIELDS = (
    "headline",
    "body",
    "cta_text",
    "cta_url",
    "alt_text",
    "language",
    "template_id",
    "campaign_id",
)


MESSAGE_WORKFLOW = Workflow("message", MESSAGE_TRANSITIONS, MESSAGE_STEP_WORDS, MessageError)
check_message_transition = MESSAGE_WORKFLOW.check


def _lock_message(message: Message) -> Message:
    return Message.objects.select_for_update().get(pk=message.pk)


def _message_event(message, *, actor, action, from_status="", comment="", **detail):
    return MessageEvent.objects.create(
        message=message,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=message.status,
        comment=comment,
        detail=detail,
    )


def purge_public_caches() -> None:
    """Invalidate cached public responses: a new content version makes every ETag stale."""
    from django.core.cache import cache

    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 1, None)


CONTENT_VERSION_KEY = "content-version"


def announce(message: Message, event: str, *, purge: bool = True) -> None:
    """Tell listeners (the partners' outbox) inside the transaction; purge caches after it."""
    message_event.send(sender=Message, message=message, event=event)
    if purge:
        transaction.on_commit(purge_public_caches)


def _require_clean(message: Message) -> None:
    from campaigns.selectors import message_findings

    findings = message_findings(message)
    if findings:
        vault = sum(f.vault for f in findings)
        raise MessageError(
            f"The leak check found {len(findings)} possible identifier(s) in what this message "
            f"sends out ({vault} matching the vault): "
            + ", ".join(sorted({f"{f.label.lower()} ({f.category})" for f in findings}))
            + ". Change the text, or dismiss findings that identify nobody."
        )
    message.leak_checked_at = timezone.now()


# What an editor may change directly; status and its timestamps change only through the
# workflow functions below.
EDITOR_FIELDS = frozenset(
    {
        "campaign",
        "language",
        "headline",
        "body",
        "cta_text",
        "cta_url",
        "alt_text",
        "template",
        "publish_at",
        "unpublish_at",
    }
)


@transaction.atomic
def save_message(*, user, message: Message, changed_fields=(), excerpts_changed=False) -> Message:
    """Save an editor's changes; after approval, any change sends the message back to review.

    Only the fields the editor changed are written, so a save can never undo what a worker
    did meanwhile (publishing it, say) with a stale copy of the row.
    """
    if message.pk is None or not Message.objects.filter(pk=message.pk).exists():
        if message.author_id is None:
            message.author = user
        message.save()
        return message
    fields = sorted(EDITOR_FIELDS.intersection(changed_fields))
    if fields:
        message.save(update_fields=[*fields, "updated_at"])
    outbound_changed = excerpts_changed or any(
        f in {o.removesuffix("_id") for o in OUTBOUND_FIELDS} for f in fields
    )
    locked = _lock_message(message)
    if outbound_changed:
        _return_to_review(locked, actor=user)
        _audit_vault_matches(locked, actor=user)
    for name in ("status", "approved_by_id", "approved_at", "leak_checked_at", "published_at"):
        setattr(message, name, getattr(locked, name))
    return message


RETURNABLE = frozenset({MStatus.APPROVED, MStatus.SCHEDULED, MStatus.PUBLISHED})


def _return_to_review(locked: Message, *, actor, comment: str = "", **detail) -> bool:
    """Send an approved, scheduled or live message back to review.

    A live message comes down (partners get ``message.withdrawn``): its API representation
    is read from the rows an edit just changed, so the only reviewed thing left to serve
    would be an old image beside unreviewed text. Its renditions keep the hash the last
    approval cleared, and only renditions matching it are ever served.
    """
    if locked.status not in RETURNABLE:
        return False
    previous = locked.status
    locked.status = check_message_transition(locked, "return_to_review")
    locked.approved_by, locked.approved_at, locked.leak_checked_at = None, None, None
    locked.save(
        update_fields=["status", "approved_by", "approved_at", "leak_checked_at", "updated_at"]
    )
    _message_event(
        locked,
        actor=actor,
        action=MAction.RETURNED_TO_REVIEW,
        from_status=previous,
        comment=comment,
        **detail,
    )
    if previous in {MStatus.SCHEDULED, MStatus.PUBLISHED}:
        announce(locked, "message.withdrawn")
    return True


@transaction.atomic
def return_quoting_messages_to_review(*, excerpt_ids, actor=None, why: str) -> int:
    """An excerpt's text or translation changed: messages quoting it need a new review."""
    ids = Message.objects.filter(
        excerpt_links__excerpt_id__in=list(excerpt_ids), status__in=RETURNABLE
    ).values("pk")
    messages = Message.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return sum(_return_to_review(m, actor=actor, comment=why) for m in messages)


@transaction.atomic
def recheck_messages_against_vault() -> int:
    """The vault changed: scan every approved, scheduled or live message again.

    One that now matches a vault record is withdrawn if it was scheduled or live (it may be
    visible right now), or sent back to review if it was only approved. Returns how many.
    """
    from campaigns.selectors import message_findings

    acted = 0
    for message in Message.objects.select_for_update().filter(status__in=RETURNABLE):
        findings = [f for f in message_findings(message) if f.vault]
        if not findings:
            message.leak_checked_at = timezone.now()
            message.save(update_fields=["leak_checked_at"])
            continue
        if message.status == MStatus.APPROVED:
            _return_to_review(message, actor=None, comment="The vault now holds text it uses.")
        else:
            withdraw_message(
                user=None,
                message=message,
                reason="Withdrawn automatically: the vault now holds text this message uses.",
            )
        acted += 1
    return acted


@transaction.atomic
def submit_message(*, user, message: Message) -> Message:
    """Send a draft (or a message with changes requested) to the analysts for review."""
    if not user.has_perm("campaigns.change_message"):
        raise PermissionDenied("You may not submit messages.")
    message = _lock_message(message)
    previous = message.status
    message.status = check_message_transition(message, "submit")
    message.save(update_fields=["status", "updated_at"])
    _message_event(message, actor=user, action=MAction.SUBMITTED, from_status=previous)
    _audit_vault_matches(message, actor=user)
    return message


def _audit_vault_matches(message: Message, *, actor) -> None:
    """A message belongs to no vault record: every vault value in what it sends out is another
    record's, and its review page shows the match. Write it to the audit trail (how many, never
    which), so custodians see who keeps probing the vault through messages."""
    from campaigns.selectors import message_findings

    count = sum(f.vault for f in message_findings(message))
    if count:
        audit.record(
            action=audit.Action.VAULT_FOREIGN_MATCH,
            actor=actor,
            target=message,
            detail={"matches": count},
        )


@transaction.atomic
def approve_message(*, user, message: Message) -> Message:
    """Approve a message in review: four eyes, reusable excerpts only, and a clean leak check."""
    if not user.has_perm("campaigns.approve_message"):
        raise PermissionDenied("You may not approve messages.")
    message = _lock_message(message)
    previous = message.status
    target = check_message_transition(message, "approve")
    if message.author_id == user.pk:
        raise MessageError("You wrote this message; another person must approve it.")
    from narratives.models import Excerpt

    links = message.excerpt_links.all()
    if links.exclude(excerpt__in=Excerpt.objects.reusable()).exists():
        raise MessageError("The message quotes an excerpt that is no longer approved for reuse.")
    _lock_inputs(message)
    _require_clean(message)
    message.status = target
    message.approved_by = user
    message.approved_at = timezone.now()
    message.save(
        update_fields=["status", "approved_by", "approved_at", "leak_checked_at", "updated_at"]
    )
    _message_event(message, actor=user, action=MAction.APPROVED, from_status=previous)
    audit.record(action=audit.Action.MESSAGE_APPROVED, actor=user, target=message)
    # The cards approved are the ones drawn from the inputs just scanned (locked till commit).
    queue_renditions(message=message)
    message.renditions.update(approved_hash=F("content_hash"))
    return message


def _lock_inputs(message: Message) -> None:
    """Lock the campaign and template a message draws on, so an edit to either waits for
    this approval to commit, then sends the message back to review."""
    message.campaign = Campaign.objects.select_for_update().get(pk=message.campaign_id)
    if message.template_id is not None:
        message.template = VisualTemplate.objects.select_for_update().get(pk=message.template_id)


@transaction.atomic
def request_message_changes(*, user, message: Message, comment: str) -> Message:
    """Send a message in review back to its editor with a comment."""
    if not user.has_perm("campaigns.approve_message"):
        raise PermissionDenied("You may not review messages.")
    comment = (comment or "").strip()
    if not comment:
        raise MessageError("Say what needs to change.")
    message = _lock_message(message)
    previous = message.status
    message.status = check_message_transition(message, "request_changes")
    message.save(update_fields=["status", "updated_at"])
    _message_event(
        message, actor=user, action=MAction.CHANGES_REQUESTED, from_status=previous, comment=comment
    )
    return message


@transaction.atomic
def dismiss_message_finding(
    *, user, message: Message, field: str, start: int, end: int, reason: str
):
    """Record that a generic finding in a message identifies nobody; vault matches cannot be."""
    from campaigns.selectors import message_findings

    if not user.has_perm("campaigns.approve_message"):
        raise PermissionDenied("You may not review messages.")
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise MessageError("Say why this finding does not identify anyone.")
    message = _lock_message(message)
    finding = next(
        (f for f in message_findings(message) if (f.field, f.start, f.end) == (field, start, end)),
        None,
    )
    if finding is None:
        raise MessageError("That finding is no longer in the text; reload the page.")
    if finding.vault:
        raise MessageError("A match on the vault cannot be dismissed: change the text.")
    dismissal, _ = MessageFindingDismissal.objects.get_or_create(
        message=message,
        fingerprint=finding.fingerprint,
        defaults={"category": finding.category, "reason": reason, "dismissed_by": user},
    )
    _message_event(
        message,
        actor=user,
        action=MAction.DISMISSED,
        from_status=message.status,
        comment=reason,
        field=field,
        category=finding.category,
    )
    return dismissal


@transaction.atomic
def schedule_message(*, user, message: Message, publish_at, unpublish_at=None) -> Message:
    """Schedule an approved message; it goes live at ``publish_at`` (now, if that has passed)."""
    if not user.has_perm("campaigns.schedule_message"):
        raise PermissionDenied("You may not schedule messages.")
    if publish_at is None:
        raise MessageError("Set when the message should go live.")
    if unpublish_at is not None and unpublish_at <= publish_at:
        raise MessageError("The message must come down after it goes live.")
    if unpublish_at is not None and unpublish_at <= timezone.now():
        raise MessageError("The end of the schedule has already passed.")
    message = _lock_message(message)
    previous = message.status
    message.status = check_message_transition(message, "schedule")
    message.publish_at, message.unpublish_at = publish_at, unpublish_at
    _require_clean(message)
    message.publish_attempts, message.publish_error, message.publish_retry_at = 0, "", None
    message.save()
    _message_event(
        message,
        actor=user,
        action=MAction.SCHEDULED,
        from_status=previous,
        publish_at=publish_at.isoformat(),
        unpublish_at=unpublish_at.isoformat() if unpublish_at else None,
    )
    audit.record(action=audit.Action.MESSAGE_SCHEDULED, actor=user, target=message)
    return message


@transaction.atomic
def unschedule_message(*, user, message: Message) -> Message:
    """Take a scheduled message off the schedule before it goes live."""
    if not user.has_perm("campaigns.schedule_message"):
        raise PermissionDenied("You may not schedule messages.")
    message = _lock_message(message)
    if message.publish_at and message.publish_at <= timezone.now():
        raise MessageError("The message is already live: withdraw it instead.")
    previous = message.status
    message.status = check_message_transition(message, "unschedule")
    message.save(update_fields=["status", "updated_at"])
    _message_event(message, actor=user, action=MAction.UNSCHEDULED, from_status=previous)
    return message


@transaction.atomic
def withdraw_message(*, user, message: Message, reason: str) -> Message:
    """Take a message down at once, whatever its schedule, and record why."""
    if user is not None and not user.has_perm("campaigns.withdraw_message"):
        raise PermissionDenied("You may not withdraw messages.")
    reason = (reason or "").strip()
    if not reason:
        raise MessageError("Say why the message is withdrawn.")
    message = _lock_message(message)
    previous = message.status
    message.status = check_message_transition(message, "withdraw")
    now = timezone.now()
    message.withdrawn_at, message.withdrawal_reason = now, reason
    message.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    PublishEvent.objects.create(
        message=message,
        kind=PublishEvent.Kind.WITHDRAW,
        scheduled_for=now,
        occurred_at=now,
        actor=user,
        reason=reason,
    )
    _message_event(
        message, actor=user, action=MAction.WITHDRAWN, from_status=previous, comment=reason
    )
    audit.record(action=audit.Action.MESSAGE_WITHDRAWN, actor=user, target=message)
    discard_renditions(message=message)
    if previous in {MStatus.SCHEDULED, MStatus.PUBLISHED}:
        announce(message, "message.withdrawn")
    logger.info(
        "publish_event kind=withdraw message=%s",
        message.public_id,
        extra={"event": "withdraw", "message_id": message.public_id, "previous": previous},
    )
    return message
