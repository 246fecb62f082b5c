"""Defector narratives, the reasons people gave for leaving, reusable excerpts, and the vault."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.countries import country_choices, validate_country
from core.ids import public_id
from core.languages import language_choices
from core.models import FindingDismissalBase, WorkflowEvent
from narratives.fields import EncryptedJSONField, EncryptedTextField
from narratives.vault import IDENTIFIER_FIELDS, SOURCE_FIELDS, derive_identifiers, is_current


def new_narrative_id() -> str:
    return public_id("nar")


def new_excerpt_id() -> str:
    return public_id("exc")


def validate_first_of_month(value) -> None:
    if value is not None and value.day != 1:
        raise ValidationError(_("Only the month is kept: use the first day of the month."))


class Reason(models.Model):
    """A reason for leaving, or a sub-reason of one (``parent`` set)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent reason"),
        help_text=_("Set for a sub-reason: the reason it belongs to."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="reason_not_own_parent"),
        ]

    def __str__(self) -> str:
        parent = self.parent
        return self.name if parent is None else f"{parent.name} › {self.name}"

    @property
    def top_level(self) -> Reason:
        return self.parent or self


class NarrativeQuerySet(models.QuerySet):
    def approved(self) -> NarrativeQuerySet:
        return self.filter(status=Narrative.Status.APPROVED)


class Narrative(models.Model):
    """An anonymized account of one person's time in, and departure from, the group."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        RETIRED = "retired", _("Retired")

    class SourceKind(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        COURT_RECORD = "court_record", _("Court record")
        MEDIA_REPORT = "media_report", _("Media report")
        SOCIAL_POST = "social_post", _("Social media post")

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")
        UNKNOWN = "unknown", _("Unknown")

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        AGE_18_24 = "18_24", "18–24"
        AGE_25_34 = "25_34", "25–34"
        AGE_35_44 = "35_44", "35–44"
        AGE_45_PLUS = "45_plus", _("45 and over")
        UNKNOWN = "unknown", _("Unknown")

    class RetiredReason(models.TextChoices):
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        CONSENT_EXPIRED = "consent_expired", _("Consent expired")
        EDITORIAL = "editorial", _("Editorial decision")

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_narrative_id, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), help_text=_("The anonymized narrative."))
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    source_kind = models.CharField(_("source kind"), max_length=20, choices=SourceKind.choices)
    made_public_on = models.DateField(
        _("made public in"),
        null=True,
        blank=True,
        validators=[validate_first_of_month],
        help_text=_("Month the account became public (first day of the month)."),
    )
    left_on = models.DateField(
        _("left the group in"),
        null=True,
        blank=True,
        validators=[validate_first_of_month],
        help_text=_("Month the person left the group (first day of the month)."),
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    country = models.CharField(
        _("country of origin"),
        max_length=2,
        blank=True,
        choices=country_choices,
        validators=[validate_country],
    )
    reasons: models.ManyToManyField[Reason, NarrativeReason] = models.ManyToManyField(
        Reason, through="NarrativeReason", related_name="narratives", verbose_name=_("reasons")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("Fictional demonstration data, never real testimony."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Who wrote the anonymized text; they cannot approve it."),
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
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    retired_reason = models.CharField(
        _("why retired"), max_length=20, choices=RetiredReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = NarrativeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        permissions = [("approve_narrative", "Can approve a narrative for use")]
        indexes = [
            models.Index(fields=["status", "language"]),
            models.Index(fields=["status", "-updated_at"]),
            # The dashboard's aggregates read only these columns: covering indexes spare it
            # a scan of the whole table.
            models.Index(
                fields=["status", "country", "gender", "language", "left_on"],
                name="narrative_dashboard_cube",
            ),
            models.Index(fields=["status", "made_public_on"], name="narrative_dashboard_public"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="narrative_approved_has_approved_at",
            ),
            models.CheckConstraint(
                condition=~Q(status="retired") | Q(retired_at__isnull=False),
                name="narrative_retired_has_retired_at",
            ),
        ]

    def __str__(self) -> str:
        # The public id only: the admin history keeps this after the title is erased.
        return self.public_id

    @property
    def primary_reason(self) -> Reason | None:
        for link in self.reason_links.all():
            if link.is_primary:
                return link.reason
        return None


class NarrativeReason(models.Model):
    narrative = models.ForeignKey(
        Narrative,
        on_delete=models.CASCADE,
        related_name="reason_links",
        verbose_name=_("narrative"),
    )
    reason = models.ForeignKey(
        Reason, on_delete=models.PROTECT, related_name="narrative_links", verbose_name=_("reason")
    )
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("reason for leaving")
        verbose_name_plural = _("reasons for leaving")
        constraints = [
            models.UniqueConstraint(fields=["narrative", "reason"], name="narrative_reason_once"),
            models.UniqueConstraint(
                fields=["narrative"],
                condition=Q(is_primary=True),
                name="narrative_one_primary_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason}{' (primary)' if self.is_primary else ''}"


class SourceRecord(models.Model):
    """The vault: the identifying source material behind one narrative.

    Every text field is encrypted at rest. Only custodians may read it, every read is logged,
    and nothing here is ever serialized, rendered outside the custodian's view, or logged.
    """

    narrative = models.OneToOneField(
        Narrative,
        on_delete=models.PROTECT,
        related_name="source_record",
        verbose_name=_("narrative"),
    )
    external_ref = EncryptedTextField(
        _("external reference"),
        blank=True,
        help_text=_("The custodian's own reference for the source."),
    )
    external_ref_index = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    raw_text = EncryptedTextField(_("raw text"), blank=True)
    real_name = EncryptedTextField(_("real name"), blank=True)
    aliases = EncryptedTextField(_("aliases"), blank=True, help_text=_("One per line."))
    kunya = EncryptedTextField(
        _("kunya"), blank=True, help_text=_("Kunya or nom de guerre, one per line.")
    )
    home_town = EncryptedTextField(_("home town"), blank=True)
    contacts = EncryptedTextField(
        _("contacts"),
        blank=True,
        help_text=_("Phone numbers, e-mail addresses, handles; one per line."),
    )
    consent_scope = EncryptedTextField(_("consent scope"), blank=True)
    consent_notes = EncryptedTextField(_("consent notes"), blank=True)
    consent_expires_on = models.DateField(_("consent expires on"), null=True, blank=True)
    derived_identifiers = EncryptedJSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="What the scanner's detectors found in the free-text fields, for the gate.",
    )
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        permissions = [("withdraw_consent", "Can record a withdrawal of consent")]
        # The vault's last change is read by every ``Message.objects.live`` query.
        indexes = [models.Index(fields=["updated_at"], name="narratives_source_changed_idx")]

    def __str__(self) -> str:
        # Never the content: only which narrative this vault entry belongs to.
        return f"Vault record #{self.pk}"

    def __repr__(self) -> str:
        return f"<SourceRecord pk={self.pk}>"

    @classmethod
    def encrypted_field_names(cls) -> list[str]:
        """Every encrypted field (the derivation included): all that erasure blanks and key
        rotation rewrites."""
        return [f.name for f in cls._meta.concrete_fields if isinstance(f, EncryptedTextField)]

    def identifiers(self) -> list[tuple[str, str]]:
        """Return every identifying value as ``(category, value)`` pairs, for the scanner."""
        found: list[tuple[str, str]] = []
        for name, category in IDENTIFIER_FIELDS:
            lines = (getattr(self, name) or "").splitlines()
            found.extend((category, line.strip()) for line in lines if line.strip())
        return found

    def source_texts(self) -> list[str]:
        return [getattr(self, name) or "" for name in SOURCE_FIELDS]

    def derive_identifiers(self) -> None:
        """Run the detectors over the free-text fields and keep what they find."""
        self.derived_identifiers = derive_identifiers(self.source_texts())

    def derived(self) -> list[tuple[str, str]]:
        """Return the identifiers derived from the free text as ``(category, value)`` pairs.

        A derivation that no longer matches the free text (a record written around
        ``save_source_record``) is made again here, never trusted.
        """
        derivation = self.derived_identifiers
        if not is_current(derivation, self.source_texts()):
            derivation = derive_identifiers(self.source_texts())
        return [(category, value) for category, value in derivation["identifiers"]]


class ExcerptQuerySet(models.QuerySet):
    def reusable(self) -> ExcerptQuerySet:
        """Excerpts approved for reuse, from narratives that are still approved."""
        return self.filter(
            status=Excerpt.Status.APPROVED, narrative__status=Narrative.Status.APPROVED
        )


class Excerpt(models.Model):
    """A span of an approved narrative that may be quoted in messages."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved for reuse")
        RETIRED = "retired", _("Retired")

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_excerpt_id, editable=False
    )
    narrative = models.ForeignKey(
        Narrative, on_delete=models.CASCADE, related_name="excerpts", verbose_name=_("narrative")
    )
    start = models.PositiveIntegerField(
        _("start"), help_text=_("Code-point offset of the first character.")
    )
    end = models.PositiveIntegerField(
        _("end"), help_text=_("Code-point offset after the last character.")
    )
    text = models.TextField(_("text"))
    reasons = models.ManyToManyField(
        Reason, related_name="excerpts", blank=True, verbose_name=_("reasons")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = ExcerptQuerySet.as_manager()

    class Meta:
        ordering = ["narrative", "start"]
        verbose_name = _("excerpt")
        verbose_name_plural = _("excerpts")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="excerpt_non_empty_span"),
        ]

    def __str__(self) -> str:
        # Never the quoted words: this is what the admin's history and messages keep.
        return f"Excerpt {self.public_id}"

    def picker_label(self) -> str:
        """The excerpt's words and the languages a message may quote it in (its own, and
        each approved translation's), for the message form's picker (reusable excerpts only)."""
        preview = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"“{preview}” · {', '.join(self.quotable_languages())}"

    def quotable_languages(self) -> list[str]:
        """Language codes a message may quote the excerpt in: its own first, then those of
        its approved translations (``translations`` prefetched or not)."""
        translated = sorted(
            t.language
            for t in self.translations.all()
            if t.status == ExcerptTranslation.Status.APPROVED
        )
        return [self.language, *(code for code in translated if code != self.language)]

    @property
    def language(self) -> str:
        return self.narrative.language


class ExcerptTranslation(models.Model):
    """An excerpt's words in another language. Only an approved translation is ever quoted:
    a second analyst approves it (never its translator), after the leak check; any edit
    sends it back to review (``narratives.services.translations``)."""

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("Awaiting approval")
        APPROVED = "approved", _("Approved")

    excerpt = models.ForeignKey(
        Excerpt, on_delete=models.CASCADE, related_name="translations", verbose_name=_("excerpt")
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_REVIEW
    )
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("translated by"),
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("excerpt translation")
        verbose_name_plural = _("excerpt translations")
        constraints = [
            models.UniqueConstraint(
                fields=["excerpt", "language"], name="excerpt_translation_once_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} translation"


class ExcerptTranslationVersion(models.Model):
    """One saved text of a translation: every edit is kept (and erased with the excerpt)."""

    translation = models.ForeignKey(
        ExcerptTranslation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)  # when this text was approved

    class Meta:
        ordering = ["translation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "number"], name="translation_version_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Translation version {self.number}"


class VaultAccess(models.Model):
    """An append-only record of every time someone opened or changed a vault record."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")

    source_record = models.ForeignKey(
        SourceRecord,
        null=True,
        on_delete=models.SET_NULL,
        related_name="accesses",
        verbose_name=_("source record"),
    )
    narrative_public_id = models.CharField(_("narrative"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("vault access")
        verbose_name_plural = _("vault accesses")

    def __str__(self) -> str:
        return f"{self.username} {self.get_action_display().lower()} {self.narrative_public_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Vault access records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Vault access records are append-only.")


class NarrativeEvent(WorkflowEvent):
    """The history of a narrative: who did what, when, with what comment."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted for review")
        REDACTED = "redacted", _("Redacted a finding")
        DISMISSED = "dismissed", _("Dismissed a finding")
        TAGGED = "tagged", _("Tagged reasons")
        EXCERPT_MARKED = "excerpt_marked", _("Marked an excerpt")
        EXCERPT_REMOVED = "excerpt_removed", _("Removed an excerpt")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Requested changes")
        RETURNED_TO_REVIEW = "returned_to_review", _("Returned to review after an edit")
        ASSIGNED = "assigned", _("Assigned a reviewer")
        UNASSIGNED = "unassigned", _("Removed the reviewer")
        RETIRED = "retired", _("Retired")

    narrative = models.ForeignKey(
        Narrative, on_delete=models.CASCADE, related_name="events", verbose_name=_("narrative")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("narrative event")
        verbose_name_plural = _("narrative history")


class FindingDismissal(FindingDismissalBase):
    """A scanner finding in a narrative that an analyst judged not identifying."""

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="dismissals")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["narrative", "fingerprint"], name="finding_dismissed_once"
            ),
        ]
