"""Experiments on a campaign: the pre-registered plan, its variants, history and counts.

Imported by ``campaigns.models`` (so Django finds these models in the campaigns app). The
analysis over the counts is ``campaigns.experiments.analysis``, a pure module; the writes are
``campaigns.experiments.services``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.ids import public_id
from core.models import WorkflowEvent


def new_experiment_id() -> str:
    return public_id("exp")


def new_variant_key() -> str:
    """A short opaque key for a variant: what partners are assigned and report by."""
    return "v_" + secrets.token_hex(5)


class OutcomeCode(models.TextChoices):
    """What a variant is judged on. Impressions and reach are outputs, never outcomes."""

    CTA_CLICKS = "cta_clicks", _("Call-to-action clicks")
    HELPLINE_CONTACTS = "helpline_contacts", _("Help-line contacts")
    PARTNER_OUTCOME = "partner_outcome", _("Outcome a partner reports")


class Experiment(models.Model):
    """A test of a campaign's messages against each other, with its plan set before start."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        RUNNING = "running", _("Running")
        STOPPED = "stopped", _("Stopped")

    class Allocation(models.TextChoices):
        OURS = "ours", _("Our assignment endpoint")
        PARTNER = "partner", _("The partner randomises on its platform")

    public_id = models.CharField(
        _("public id"), max_length=40, unique=True, default=new_experiment_id, editable=False
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="experiments",
        verbose_name=_("campaign"),
    )
    question = models.TextField(
        _("question"), help_text=_("What the experiment asks, in plain words.")
    )
    hypothesis = models.TextField(
        _("hypothesis"), blank=True, help_text=_("What you expect to find, and why.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    primary_outcome = models.CharField(
        _("primary outcome"), max_length=20, choices=OutcomeCode.choices
    )
    secondary_outcomes = models.JSONField(
        _("secondary outcomes"), default=list, blank=True, help_text=_("Other outcomes read.")
    )
    baseline_rate = models.FloatField(
        _("baseline rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("The primary outcome's usual rate, between 0 and 1 (e.g. 0.02 for 2 %)."),
    )
    min_effect = models.FloatField(
        _("smallest effect worth detecting"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0)],
        help_text=_("Relative to the baseline: 0.2 is a lift of 20 %."),
    )
    planned_units = models.PositiveIntegerField(
        _("planned sample size"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Impressions needed in all, at power 0.8 and α 0.05."),
    )
    expected_days = models.PositiveIntegerField(
        _("expected duration (days)"), null=True, blank=True, editable=False
    )
    allocation = models.CharField(
        _("allocation"), max_length=10, choices=Allocation.choices, default=Allocation.OURS
    )
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    plan_at_start = models.JSONField(_("plan at start"), default=dict, blank=True, editable=False)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, editable=False)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True, editable=False)
    stop_reason = models.TextField(_("reason for stopping"), blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
        editable=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        permissions = [("approve_experiment", "Can approve an experiment's plan")]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_rate__isnull=True)
                | Q(baseline_rate__gte=0, baseline_rate__lte=1),
                name="experiment_baseline_is_a_rate",
            ),
            models.CheckConstraint(
                condition=Q(min_effect__isnull=True) | Q(min_effect__gt=0),
                name="experiment_effect_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["running", "stopped"]) | Q(started_at__isnull=False),
                name="experiment_started_has_started_at",
            ),
        ]

    def __str__(self) -> str:
        # The question is an editor's text: the id names the experiment everywhere else.
        return self.public_id


class Variant(models.Model):
    """One arm of an experiment: an approved message of the campaign, and its weight."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="variants", verbose_name=_("experiment")
    )
    message = models.ForeignKey(
        "campaigns.Message",
        on_delete=models.PROTECT,
        related_name="experiment_variants",
        verbose_name=_("message"),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("0 is the control.")
    )
    key = models.CharField(_("key"), max_length=20, default=new_variant_key, editable=False)

    class Meta:
        ordering = ["experiment", "position", "pk"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "key"], name="variant_key_once"),
            models.UniqueConstraint(fields=["experiment", "message"], name="variant_message_once"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="variant_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.key


class ExperimentChange(WorkflowEvent):
    """The history of an experiment: every step and every change, with its comment."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Changed the plan")
        VARIANT_ADDED = "variant_added", _("Added a variant")
        VARIANT_CHANGED = "variant_changed", _("Changed a variant")
        VARIANT_REMOVED = "variant_removed", _("Removed a variant")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved the plan")
        CHANGES_REQUESTED = "changes_requested", _("Requested changes")
        RETURNED_TO_REVIEW = "returned_to_review", _("Returned to review after a change")
        STARTED = "started", _("Started")
        AMENDED = "amended", _("Amended while running")
        STOPPED = "stopped", _("Stopped")
        COUNTS_RECORDED = "counts_recorded", _("Recorded counts")

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="changes", verbose_name=_("experiment")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("experiment change")
        verbose_name_plural = _("experiment history")


class ExperimentCount(models.Model):
    """One source's counts for one variant on one day. Outputs (impressions, reach) and
    outcomes (clicks, contacts, the partner's outcome) side by side, never mixed."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="counts", verbose_name=_("experiment")
    )
    variant = models.ForeignKey(
        Variant, on_delete=models.CASCADE, related_name="counts", verbose_name=_("variant")
    )
    # Who reported it (a partner's public id): campaigns names partners only by id.
    source = models.CharField(_("source"), max_length=64)
    day = models.DateField(_("day"))
    impressions = models.PositiveIntegerField(_("impressions"), default=0)
    reach = models.PositiveIntegerField(_("reach"), default=0)
    cta_clicks = models.PositiveIntegerField(_("call-to-action clicks"), default=0)
    helpline_contacts = models.PositiveIntegerField(_("help-line contacts"), default=0)
    partner_outcome = models.PositiveIntegerField(_("partner's outcome"), default=0)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        ordering = ["experiment", "day", "variant"]
        verbose_name = _("experiment count")
        verbose_name_plural = _("experiment counts")
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "source", "day"], name="experiment_count_once"
            ),
            models.CheckConstraint(
                condition=Q(cta_clicks__lte=F("impressions")), name="count_clicks_within"
            ),
            models.CheckConstraint(
                condition=Q(helpline_contacts__lte=F("impressions")), name="count_contacts_within"
            ),
            models.CheckConstraint(
                condition=Q(partner_outcome__lte=F("impressions")), name="count_outcome_within"
            ),
            models.CheckConstraint(
                condition=Q(reach__lte=F("impressions")), name="count_reach_within"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
