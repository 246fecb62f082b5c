"""Partner organisations, their API keys, the metrics they report and the webhooks they get."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.ids import public_id
from narratives.fields import EncryptedTextField


def new_partner_id() -> str:
    return public_id("ptn")


def new_delivery_id() -> str:
    return public_id("whd")


class Partner(models.Model):
    """An organisation that pulls published content through the API."""

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_partner_id, editable=False
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive partner's keys stop working at once.")
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Content languages this partner may read; empty means all."),
    )
    regions = models.JSONField(
        _("regions"),
        default=list,
        blank=True,
        help_text=_(
            "Audience regions (as written on campaigns) this partner may read; empty means all. "
            "Campaigns without audience regions are open to every partner."
        ),
    )
    webhook_url = models.URLField(
        _("webhook URL"),
        blank=True,
        max_length=500,
        help_text=_("Where message events are sent; empty for none."),
    )
    webhook_secret = EncryptedTextField(blank=True, editable=False)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"<Partner {self.public_id}>"

    @property
    def has_webhook(self) -> bool:
        return bool(self.webhook_url and self.webhook_secret)


class ApiKeyQuerySet(models.QuerySet):
    def usable(self, now) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True, partner__is_active=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    """One API key of a partner: only its prefix and the SHA-256 of the whole key are kept."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="api_keys", verbose_name=_("partner")
    )
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("What the key is for.")
    )
    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"cms_{self.prefix}_…"

    def __repr__(self) -> str:
        return f"<ApiKey {self.prefix}>"

    def is_usable(self, now) -> bool:
        return (
            self.revoked_at is None
            and self.partner.is_active
            and (self.expires_at is None or self.expires_at > now)
        )


class MetricReport(models.Model):
    """What a partner reports for one message on one day; a repeat replaces the values."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="metric_reports", verbose_name=_("partner")
    )
    message = models.ForeignKey(
        "campaigns.Message",
        on_delete=models.CASCADE,
        related_name="metric_reports",
        verbose_name=_("message"),
    )
    day = models.DateField(_("day"))
    impressions = models.PositiveBigIntegerField(_("impressions"), default=0)
    reach = models.PositiveBigIntegerField(_("reach"), default=0)
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0)
    shares = models.PositiveBigIntegerField(_("shares"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Not a column: set by ``services.record_metrics`` on the report it returns (True when it
    # is the first for its message and day); the API answers 201 or 200 by it.
    was_created: bool

    class Meta:
        ordering = ["-day", "partner", "message"]
        verbose_name = _("metric report")
        verbose_name_plural = _("metric reports")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "day", "partner"], name="metric_report_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day}"


class FeedSighting(models.Model):
    """An item the changes feed has shown a partner alive: it then owes the partner a
    tombstone when the item leaves its view, even by leaving its languages or regions."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    public_id = models.CharField(max_length=40)
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "kind", "public_id"], name="feed_sighting_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id}"


class IdempotentWrite(models.Model):
    """A write sent with an ``Idempotency-Key``: a repeat with the same key and body gets
    the stored answer; the same key with another body is refused."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of endpoint and body.")
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "key"], name="idempotent_write_once"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class WebhookDelivery(models.Model):
    """The outbox: one row per partner per event, written in the event's transaction.

    ``payload`` holds only what identifies the event (delivery id, event, time, message id),
    never the message's content: the body is built from the message's current state when it
    is sent (``partners.services.webhook_payload``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERING = "delivering", _("Delivering")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")
        # Not sent: its message was no longer live, or a text held a vault value.
        SUPERSEDED = "superseded", _("Superseded (not sent)")

    class Event(models.TextChoices):
        MESSAGE_PUBLISHED = "message.published", _("Message published")
        MESSAGE_UPDATED = "message.updated", _("Message updated")
        MESSAGE_WITHDRAWN = "message.withdrawn", _("Message withdrawn")
        EXPERIMENT_STARTED = "experiment.started", _("Experiment started")
        EXPERIMENT_STOPPED = "experiment.stopped", _("Experiment stopped")
        # Asked for by the partner (POST /api/v1/webhook/test/): signed like any event, no content.
        PING = "ping", _("Ping (test event)")

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_delivery_id, editable=False
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("partner")
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    object_id = models.CharField(
        _("object id"),
        max_length=40,
        help_text=_("Public id of the message (of the partner, for a ping)."),
    )
    payload = models.JSONField(
        _("payload"), help_text=_("Only what identifies the event; no message content.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    # While delivering: the worker renews this; once it has passed, the worker is presumed dead.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.public_id} {self.event}"


class RateLimitCount(models.Model):
    """How many requests one caller made in one fixed window of the API rate limit.

    The rate limit's store when the cache is not Redis (the embedded defaults): counted with
    one atomic upsert per request, so concurrent web processes never lose an increment.
    """

    scope = models.CharField(max_length=120, help_text="Who is counted, and the period.")
    window = models.BigIntegerField(help_text="The window's number: Unix time // period.")
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "window"], name="rate_limit_count_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.scope} #{self.window}: {self.count}"
