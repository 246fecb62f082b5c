from typing import TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django_otp is untyped: the plugin cannot resolve RecoveryCodeDevice.user's reverse manager (unused)
    """A staff or partner account; what it may do comes from its role groups."""

    # One of settings.LANGUAGES, or "" to follow the browser (core.i18n).
    interface_language = models.CharField(
        _("interface language"),
        max_length=8,
        blank=True,
        default="",
        help_text=_("Blank: follow the browser's language."),
    )

    def has_role(self, *roles: str) -> bool:
        """Return whether the user belongs to any of the named role groups."""
        if not self.is_active:
            return False
        names = getattr(self, "_role_names", None)
        if names is None:
            names = self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return bool(names.intersection(roles))

    @property
    def reviews(self) -> bool:
        """Whether the review UI's analyst pages are open to this user (the menu shows them
        only then); the role names are read once per request, as ``has_role`` caches them."""
        from core.roles import ANALYST

        return self.is_superuser or self.has_role(ANALYST)


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The audit trail is append-only.")


class AuditEntry(models.Model):
    """One security-relevant event: who, what, on which object, from where, when.

    Append-only (the model, its queryset and, on PostgreSQL and SQLite, database triggers
    refuse changes). It holds identifiers only, never narrative or vault text: ``detail``
    accepts numbers, booleans and short identifier-like strings (see ``core.audit``).
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    # Plain columns rather than a foreign key: the trail must outlive the account, and a
    # cascade or SET NULL would be an UPDATE or DELETE on an append-only table.
    actor_pk = models.BigIntegerField(null=True, blank=True)
    actor_username = models.CharField(_("actor"), max_length=150, blank=True, db_index=True)
    target_type = models.CharField(_("target type"), max_length=40, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True, db_index=True)
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_username or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit trail is append-only.")


class WorkflowEvent(models.Model):
    """One step in the review history of a narrative or a message (abstract).

    Subclasses add the object it belongs to and their ``action`` choices. ``detail`` holds
    only non-identifying facts (categories, offsets, counts, codes), never narrative or vault
    text.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]

    if TYPE_CHECKING:
        # Each subclass adds ``action`` with its choices, and Django its display method.
        def get_action_display(self) -> str: ...

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class FindingDismissalBase(models.Model):
    """A leak-scanner finding a reviewer judged not identifying, with the reason (abstract).

    The finding is remembered by a keyed fingerprint of its category and text, so the text
    itself is not stored and the dismissal still holds when the text is edited around it.
    """

    fingerprint = models.CharField(max_length=64)
    category = models.CharField(max_length=20)
    reason = models.TextField()
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"Dismissed {self.category} finding"


class ProcessHeartbeat(models.Model):
    """The last sign of life of one beat or worker process, and how often it was restarted.

    Kept in the database rather than the cache, so a Redis restart does not make a live
    process look dead, and the restart count outlives the broker.
    """

    class Kind(models.TextChoices):
        BEAT = "beat", "beat"
        WORKER = "worker", "worker"

    name = models.CharField(max_length=200, primary_key=True)  # worker@host, beat@host
    kind = models.CharField(max_length=10, choices=Kind.choices)
    last_seen = models.DateTimeField()
    started_at = models.DateTimeField()
    starts = models.PositiveIntegerField(default=0)
    # Starts that followed a run which never stopped cleanly (killed, crashed, machine lost).
    restarts = models.PositiveIntegerField(default=0)
    last_restart_at = models.DateTimeField(null=True, blank=True)
    running = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["kind", "-last_seen"], name="heartbeat_kind_seen")]

    def __str__(self) -> str:
        return self.name


class PrivilegeRequest(models.Model):
    """A grant of privilege (the Custodian role, superuser or staff status) waiting for a
    second custodian's approval: the admin never applies one on a single person's say."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second custodian")
        APPROVED = "approved", _("Approved and applied")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="privilege_requests",
        verbose_name=_("user"),
    )
    grant = models.CharField(
        _("grant"),
        max_length=40,
        help_text=_("group:<role>, superuser or staff: what would be granted."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("privilege request")
        verbose_name_plural = _("privilege requests")

    def __str__(self) -> str:
        return f"{self.grant} for {self.user}"


class LoginFailureCount(models.Model):
    """Failed logins in one fixed window for one scope (a username, an address, or all),
    used when the cache is not Redis or is down (core/lockout.py)."""

    scope = models.CharField(max_length=100)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "window"], name="login_failure_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} @ {self.window}: {self.count}"


class EnrolmentLink(models.Model):
    """A one-time, expiring link that lets one user enrol an authenticator. Only its hash is
    kept; an administrator or custodian issues it (core/enrolment.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"enrolment link for {self.user}"


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A user's set of single-use recovery codes, usable in place of an authenticator code.

    A django-otp device, so a session verified with a code is verified like any other; the
    codes themselves are only ever kept as password hashes (core/recovery.py).
    """

    def __str__(self) -> str:
        return f"recovery codes of {self.user}"

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_RECOVERY_THROTTLE_FACTOR", 1)

    def verify_token(self, token: object) -> bool:
        # Never through django-otp's match_token (the six-digit path): a recovery code is
        # checked and spent only by core.recovery.consume_recovery_code.
        return False


class RecoveryCode(models.Model):
    """One unused recovery code, as a salted password hash; a used code is deleted."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=256)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk}"


class Notice(models.Model):
    """An in-app notice to one user: what happened to which object, by its public id and link.

    Generic: ``core`` knows no app's models, so the object is named by its opaque public id
    and the path of its page. Nothing here holds a title, a name or a word of testimony.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        ASSIGNED = "assigned", _("Assigned to you")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Sent back for changes")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CONSENT_EXPIRING = "consent_expiring", _("Consent expiring")

    class Email(models.TextChoices):
        NONE = "none", _("No e-mail")
        PENDING = "pending", _("E-mail pending")
        SENT = "sent", _("E-mail sent")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # "narrative", "message", "source_record": which noun the subject and body use.
    noun = models.CharField(_("object type"), max_length=20)
    object_ref = models.CharField(_("object"), max_length=40)
    url = models.CharField(_("link"), max_length=300)
    # Set for notices that must be sent once only (consent expiring: once per record and
    # expiry date); unique per recipient.
    once_key = models.CharField(max_length=120, blank=True, default="", editable=False)
    read = models.BooleanField(_("read"), default=False)
    email = models.CharField(
        _("e-mail"), max_length=10, choices=Email.choices, default=Email.NONE, editable=False
    )
    email_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["recipient", "read"], name="notice_unread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "once_key"],
                condition=~models.Q(once_key=""),
                name="notice_sent_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.object_ref}"


class Revision(models.Model):
    """One saved state of a revisioned object's content (``core.revisions``).

    ``content`` is the JSON of the fields the object's app registered, as plain as the live
    fields are (the apps hold no encrypted content in them); ``changed`` names the fields that
    differ from the revision before. Erased with the person's words (each app's erasure.py).
    """

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Earlier version")
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        REVERTED = "reverted", _("Reverted")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reverted_from = models.PositiveIntegerField(_("reverted to revision"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    changed = models.JSONField(_("changed fields"), default=list, blank=True)
    content = models.TextField()

    class Meta:
        ordering = ["content_type", "object_id", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="revision_number_once"
            ),
        ]

    def __str__(self) -> str:  # never the content
        return f"#{self.number} ({self.get_kind_display()})"
