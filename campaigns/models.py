"""Campaigns, the messages built from approved excerpts, their visual templates and renditions."""

from __future__ import annotations

import enum
import operator
import secrets
from datetime import datetime, timedelta
from functools import reduce

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Exists, F, Q, Subquery
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from campaigns.rendering.palettes import palette_choices
from campaigns.storage import delete_stored
from core.ids import public_id
from core.languages import language_choices
from core.models import FindingDismissalBase, WorkflowEvent
from narratives.models import Excerpt, SourceRecord

hex_colour = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as #RRGGBB."))


def new_campaign_id() -> str:
    return public_id("cmp")


def new_message_id() -> str:
    return public_id("msg")


def new_rendition_token() -> str:
    """An unguessable name for a rendition's public URL (nothing derived from the message)."""
    return secrets.token_urlsafe(24)


class RenditionFormat(models.TextChoices):
    SQUARE = "square", _("Square 1080×1080")
    LANDSCAPE = "landscape", _("Landscape 1200×675")
    STORY = "story", _("Story 1080×1920")


def all_formats() -> list[str]:
    return list(RenditionFormat.values)


class Campaign(models.Model):
    """A prevention campaign, planned along the GAMMMA+ model."""

    class Goal(models.TextChoices):
        PREVENT_JOINING = "prevent_joining", _("Prevent joining")
        ENCOURAGE_LEAVING = "encourage_leaving", _("Encourage leaving")
        SUPPORT_FAMILIES = "support_families", _("Support families")

    class Stage(models.TextChoices):
        PREVENTION = "prevention", _("Prevention")
        INTERVENTION = "intervention", _("Intervention")
        EXIT = "exit", _("Exit")

    class Messenger(models.TextChoices):
        FORMER = "former", _("Former member")
        FAMILY = "family", _("Family member")
        RELIGIOUS = "religious", _("Religious authority")
        PEER = "peer", _("Peer")
        SURVIVOR = "survivor", _("Survivor of violence")
        PRACTITIONER = "practitioner", _("Practitioner")

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_campaign_id, editable=False
    )
    name = models.CharField(_("name"), max_length=200)
    # Goal
    goal = models.CharField(_("goal"), max_length=20, choices=Goal.choices)
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("Measurable objectives.")
    )
    # Audience
    audience_stage = models.CharField(_("audience stage"), max_length=20, choices=Stage.choices)
    audience_regions = models.JSONField(_("audience regions"), default=list, blank=True)
    audience_languages = models.JSONField(_("audience languages"), default=list, blank=True)
    audience_age_min = models.PositiveSmallIntegerField(
        _("audience's youngest age"), null=True, blank=True
    )
    audience_age_max = models.PositiveSmallIntegerField(
        _("audience's oldest age"), null=True, blank=True
    )
    platforms = models.JSONField(_("platforms"), default=list, blank=True)
    # Message
    key_message = models.TextField(_("key message"), blank=True)
    counters_claim = models.TextField(
        _("claim countered"), blank=True, help_text=_("The group's claim this counters.")
    )
    # Messenger
    messenger_type = models.CharField(
        _("messenger"), max_length=20, choices=Messenger.choices, blank=True
    )
    messenger_credibility = models.TextField(
        _("messenger's credibility"), blank=True, help_text=_("Why the messenger is credible.")
    )
    # Media
    channels = models.TextField(_("channels"), blank=True)
    formats = models.JSONField(_("formats"), default=all_formats, blank=True)
    # Action
    cta_text = models.CharField(_("call to action"), max_length=200, blank=True)
    cta_url = models.URLField(_("call-to-action URL"), blank=True)
    cta_helpline = models.CharField(_("help-line"), max_length=50, blank=True)
    palette = models.CharField(
        _("palette"),
        max_length=20,
        choices=palette_choices,
        blank=True,
        help_text=_("Colours of the campaign's cards; blank: each template's own colours."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        help_text=_("Drawn on the campaign's cards instead of the template's logo."),
    )
    # Monitoring, risk
    monitoring_plan = models.TextField(_("monitoring plan"), blank=True)
    risk_assessment = models.TextField(_("risk assessment"), blank=True)
    safeguarding_contact = models.CharField(_("safeguarding contact"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    is_sample = models.BooleanField(_("sample"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="campaign_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(audience_age_max__isnull=True)
                | Q(audience_age_min__isnull=True)
                | Q(audience_age_max__gte=F("audience_age_min")),
                name="campaign_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class VisualTemplate(models.Model):
    """How a message looks: layout, colours, font, logo, and the formats it renders to."""

    class Layout(models.TextChoices):
        QUOTE_CARD = "quote_card", _("Quote card")
        STATISTIC_CARD = "statistic_card", _("Statistic card")
        CTA_CARD = "cta_card", _("Call-to-action card")
        CAROUSEL = "carousel", _("Multi-quote carousel (one slide per quote)")
        PHOTO_CARD = "photo_card", _("Testimony on a background photo")

    class FontFamily(models.TextChoices):
        NOTO_SANS = "noto_sans", "Noto Sans"
        NOTO_SANS_ARABIC = "noto_sans_arabic", "Noto Sans Arabic"

    class OutputFormat(models.TextChoices):
        PNG = "png", "PNG"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    name = models.CharField(_("name"), max_length=100, unique=True)
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.QUOTE_CARD
    )
    background_color = models.CharField(
        _("background colour"), max_length=7, default="#12263A", validators=[hex_colour]
    )
    text_color = models.CharField(
        _("text colour"), max_length=7, default="#FFFFFF", validators=[hex_colour]
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default="#F4B942", validators=[hex_colour]
    )
    font_family = models.CharField(
        _("font family"), max_length=20, choices=FontFamily.choices, default=FontFamily.NOTO_SANS
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # On the template, like the logo: a photo is part of the look that a template change
    # (and its review) covers, and is sanitised on upload the same way.
    background_photo = models.ImageField(
        _("background photo"),
        upload_to="backgrounds/",
        blank=True,
        help_text=_(
            "The photo card's background. No faces, no people who could be recognised, no "
            "places that could be located: the photo goes out with every message."
        ),
    )
    formats = models.JSONField(_("formats"), default=all_formats)
    output_format = models.CharField(
        _("file format"), max_length=4, choices=OutputFormat.choices, default=OutputFormat.PNG
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("visual template")
        verbose_name_plural = _("visual templates")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Every change is a new version: renditions are keyed by it, so they re-render.
        if self.pk is not None:
            self.version = models.F("version") + 1
        super().save(*args, **kwargs)
        if self.pk is not None and not isinstance(self.version, int):
            self.refresh_from_db(fields=["version"])


class MessageQuerySet(models.QuerySet):
    def live(self, now) -> MessageQuerySet:
        """Messages that are out in the world at ``now``: due by the schedule, and found
        clean by a leak check that is not older than the vault's last change.

        The schedule alone decides when a message goes up or comes down (no worker needs to
        run for that), but a message checked before the vault last changed is not served
        until it has been checked again: a scheduled one by the publisher just before it
        goes live, any other by the recheck every vault write queues. Until then partners
        and visitors get nothing of it, never a text or image the current vault would flag.
        """
        return self.filter(live_q(now))


class Message(models.Model):
    """A prevention message: text, excerpts and a template, rendered to images."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_message_id, editable=False
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="messages", verbose_name=_("campaign")
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    headline = models.CharField(_("headline"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    statistic = models.CharField(
        _("statistic"),
        max_length=40,
        blank=True,
        help_text=_("The figure a statistic card shows large, e.g. “7 in 10” or “85%”."),
    )
    cta_text = models.CharField(_("call to action"), max_length=200, blank=True)
    cta_url = models.URLField(_("call-to-action URL"), blank=True)
    palette = models.CharField(
        _("palette"),
        max_length=20,
        choices=palette_choices,
        blank=True,
        help_text=_("Colours of this message's cards; blank: the campaign's palette, if any."),
    )
    alt_text = models.TextField(
        _("alt text"), blank=True, help_text=_("Describes the image for screen readers.")
    )
    excerpts: models.ManyToManyField[Excerpt, MessageExcerpt] = models.ManyToManyField(
        "narratives.Excerpt",
        through="MessageExcerpt",
        related_name="messages",
        blank=True,
        verbose_name=_("excerpts"),
    )
    template = models.ForeignKey(
        VisualTemplate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
        verbose_name=_("visual template"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    unpublished_at = models.DateTimeField(_("unpublished at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    publish_attempts = models.PositiveSmallIntegerField(_("publishing attempts"), default=0)
    publish_error = models.TextField(
        _("publishing error"),
        blank=True,
        help_text=_("Why the last attempt to publish or unpublish failed."),
    )
    publish_retry_at = models.DateTimeField(_("next retry at"), null=True, blank=True)
    leak_checked_at = models.DateTimeField(
        _("leak-checked at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the leak check last found everything this message sends out clean."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assignee"),
        help_text=_("The analyst asked to review it."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # When it last changed as partners see it while live (see campaigns/changed.py): the key
    # the API's lists and feed page on.
    shown_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The publishing sweeper's claim: due messages of one status, oldest first.
            models.Index(fields=["status", "publish_at"], name="message_due_to_publish"),
            models.Index(fields=["status", "unpublish_at"], name="message_due_to_unpublish"),
            # The partner API's pages, newest or oldest first, whole or in one language.
            models.Index(fields=["shown_changed_at", "id"], name="message_api_changed"),
            # The changes feed: (change time, public id), and a message that came down last.
            models.Index(fields=["shown_changed_at", "public_id"], name="message_feed_changed"),
            models.Index(fields=["unpublish_at", "public_id"], name="message_feed_came_down"),
            models.Index(
                fields=["language", "shown_changed_at", "id"], name="message_api_lang_changed"
            ),
            models.Index(fields=["publish_at", "id"], name="message_api_published"),
            models.Index(fields=["language", "publish_at", "id"], name="message_api_lang_pub"),
        ]
        permissions = [
            ("approve_message", "Can approve a message"),
            ("schedule_message", "Can schedule a message"),
            ("withdraw_message", "Can withdraw a message"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(unpublish_at__gt=F("publish_at")),
                name="message_unpublish_after_publish",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["scheduled", "published"]) | Q(publish_at__isnull=False),
                name="message_scheduled_has_publish_at",
            ),
        ]

    def __str__(self) -> str:
        return self.headline


# --- The schedule: what is live, due and overdue ----------------------------------------------
# Each of these facts is defined here once. ``Message.objects.live``, the publishing claim
# (campaigns/publishing.py compiles these Q objects into its SQL), the selectors, the admin
# and the partner API all build on them.

LIVE_STATUSES = (Message.Status.SCHEDULED, Message.Status.PUBLISHED)
# The time at which a message of each status is due to move on: a scheduled one goes up at
# ``publish_at``, a published one comes down at ``unpublish_at``.
DUE_FIELD: dict[str, str] = {
    Message.Status.SCHEDULED: "publish_at",
    Message.Status.PUBLISHED: "unpublish_at",
}
# A due message that has waited longer than this for the sweeper is overdue.
OVERDUE_GRACE = timedelta(seconds=60)


class VaultChange(enum.Enum):
    """Where :func:`leak_check_current_q` takes the vault's last change from."""

    READ_IN_QUERY = "read in the query"


def on_schedule_q(now: datetime, prefix: str = "") -> Q:
    """Live by the schedule alone: scheduled or published, ``publish_at`` passed and
    ``unpublish_at`` not yet (``prefix`` names the message from a related model)."""
    return Q(**{f"{prefix}status__in": LIVE_STATUSES, f"{prefix}publish_at__lte": now}) & (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    )


def leak_check_current_q(
    vault_changed_at: datetime | VaultChange | None = VaultChange.READ_IN_QUERY,
    prefix: str = "",
) -> Q:
    """Found clean by a leak check not older than the vault's last change.

    ``vault_changed_at`` is that change as the caller read it (None: the vault is empty); by
    default the query reads it itself.
    """
    checked = f"{prefix}leak_checked_at"
    found_clean = Q(**{f"{checked}__isnull": False})
    if vault_changed_at is VaultChange.READ_IN_QUERY:
        latest = SourceRecord.objects.order_by("-updated_at").values("updated_at")[:1]
        return found_clean & (
            Q(**{f"{checked}__gte": Subquery(latest)}) | Q(~Exists(SourceRecord.objects.all()))
        )
    if vault_changed_at is None:
        return found_clean
    return found_clean & Q(**{f"{checked}__gte": vault_changed_at})


def is_leak_check_current(message: Message, vault_changed_at: datetime | None) -> bool:
    """:func:`leak_check_current_q` for one message already loaded."""
    checked = message.leak_checked_at
    return checked is not None and (vault_changed_at is None or checked >= vault_changed_at)


def live_q(now: datetime, prefix: str = "") -> Q:
    """The condition of :meth:`MessageQuerySet.live`, as a Q (for annotations and joins)."""
    return on_schedule_q(now, prefix) & leak_check_current_q(prefix=prefix)


def due_q(status: str, now: datetime) -> Q:
    """Due for the publishing sweeper at ``now``: of ``status`` (scheduled: to publish;
    published: to unpublish), its due time passed, and no retry waiting."""
    return Q(status=status, **{f"{DUE_FIELD[status]}__lte": now}) & (
        Q(publish_retry_at__isnull=True) | Q(publish_retry_at__lte=now)
    )


def waiting_q(now: datetime) -> Q:
    """Scheduled, and not yet due to go up."""
    return Q(status=Message.Status.SCHEDULED, publish_at__gt=now)


def overdue_q(now: datetime) -> Q:
    """Due for longer than :data:`OVERDUE_GRACE`: the workers are behind or failing."""
    cutoff = now - OVERDUE_GRACE
    return reduce(
        operator.or_,
        (Q(status=status, **{f"{field}__lt": cutoff}) for status, field in DUE_FIELD.items()),
    )


def is_overdue(message: Message, now: datetime) -> bool:
    """:func:`overdue_q` for one message already loaded."""
    field = DUE_FIELD.get(message.status)
    due = getattr(message, field) if field else None
    return due is not None and due < now - OVERDUE_GRACE


class PublishEvent(models.Model):
    """A message going live, coming down, or being withdrawn: recorded once each."""

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("Published")
        UNPUBLISH = "unpublish", _("Unpublished (schedule ended)")
        WITHDRAW = "withdraw", _("Withdrawn")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="publish_events", verbose_name=_("message")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    scheduled_for = models.DateTimeField(
        _("scheduled for"),
        help_text=_("When it was due: publish_at, unpublish_at, or the withdrawal itself."),
    )
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("publish event")
        verbose_name_plural = _("publish events")
        constraints = [
            # The database itself refuses a second event for the same due time.
            models.UniqueConstraint(
                fields=["message", "kind", "scheduled_for"], name="publish_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"

    @property
    def lag_seconds(self) -> float:
        return (self.occurred_at - self.scheduled_for).total_seconds()


class Publication(Message):
    """Messages seen as publications, for the admin's list of scheduled, overdue and failed."""

    class Meta:
        proxy = True
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.headline


class MessageEvent(WorkflowEvent):
    """The review history of a message: who did what, when, with what comment."""

    class Action(models.TextChoices):
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Requested changes")
        RETURNED_TO_REVIEW = "returned_to_review", _("Returned to review after an edit")
        SCHEDULED = "scheduled", _("Scheduled")
        UNSCHEDULED = "unscheduled", _("Unscheduled")
        DISMISSED = "dismissed", _("Dismissed a finding")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PUBLISH_FAILED = "publish_failed", _("Publishing refused")
        ASSIGNED = "assigned", _("Assigned a reviewer")
        UNASSIGNED = "unassigned", _("Removed the reviewer")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="events", verbose_name=_("message")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("message event")
        verbose_name_plural = _("message history")


class MessageFindingDismissal(FindingDismissalBase):
    """A generic scanner finding in a message's text judged not identifying (e.g. the name of
    the group's public leader); vault matches can never be dismissed."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="dismissals")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "fingerprint"], name="message_finding_dismissed_once"
            ),
        ]


class MessageExcerpt(models.Model):
    """An excerpt quoted in a message, in order."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="excerpt_links", verbose_name=_("message")
    )
    excerpt = models.ForeignKey(
        "narratives.Excerpt",
        on_delete=models.PROTECT,
        related_name="message_links",
        verbose_name=_("excerpt"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("quoted excerpt")
        verbose_name_plural = _("quoted excerpts")
        constraints = [
            models.UniqueConstraint(fields=["message", "excerpt"], name="message_excerpt_once"),
        ]

    def __str__(self) -> str:
        return f"#{self.position}"


class RenditionQuerySet(models.QuerySet):
    def approved(self) -> RenditionQuerySet:
        """Ready renditions that show what a reviewer approved: the only ones served outside.

        ``content_hash`` is what the file shows (set with ``input_hash``, so a ready file
        always matches it); ``approved_hash`` is what the last approval cleared. An edit that
        re-renders the card changes the first and not the second until the next approval.
        """
        return self.filter(status=Rendition.Status.READY, content_hash=F("approved_hash")).exclude(
            file=""
        )


class Rendition(models.Model):
    """One rendered image of a message in one format, keyed by the hash of its inputs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="renditions")
    # Media URLs name this token, never the file: the URL resolves to this row.
    token = models.CharField(
        max_length=40, unique=True, default=new_rendition_token, editable=False
    )
    format = models.CharField(_("format"), max_length=10, choices=RenditionFormat.choices)
    # A carousel is one rendition per slide and format, numbered from 0; other cards are 0.
    slide = models.PositiveSmallIntegerField(_("slide"), default=0)
    # Describes this slide for screen readers (carousels); blank: the message's alt text.
    alt_text = models.TextField(_("alt text"), blank=True, editable=False)
    input_hash = models.CharField(max_length=64)
    # What the card shows (texts, look, logo; not the engine): set together with input_hash.
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The content_hash the last approval of the message cleared.
    approved_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="renditions/%Y/%m/", blank=True)
    mime_type = models.CharField(_("MIME type"), max_length=20, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    # sha256 of the stored file, checked before it was published; empty until then.
    file_sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(null=True, blank=True)
    # While rendering: the worker renews this; once it has passed, the worker is presumed dead.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RenditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["message", "format", "slide"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "format", "slide"], name="rendition_once_per_format_slide"
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        slide = f", slide {self.slide + 1}" if self.slide else ""
        return f"{self.get_format_display()}{slide} ({self.get_status_display()})"

    @property
    def shown_alt_text(self) -> str:
        """What a screen reader says for this image: the slide's own text, else the
        message's alt text."""
        return self.alt_text or self.message.alt_text


@receiver(post_delete, sender=Rendition)
def _delete_rendition_file(sender, instance: Rendition, **kwargs) -> None:
    """Remove the image once the row is gone for good (after commit)."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: delete_stored(name, storage=instance.file.storage))


# The experiments' models live in their package; imported here so Django finds them.
from campaigns.experiments.models import Experiment as Experiment  # noqa: E402
from campaigns.experiments.models import ExperimentChange as ExperimentChange  # noqa: E402
from campaigns.experiments.models import ExperimentCount as ExperimentCount  # noqa: E402
from campaigns.experiments.models import OutcomeCode as OutcomeCode  # noqa: E402
from campaigns.experiments.models import Variant as Variant  # noqa: E402
