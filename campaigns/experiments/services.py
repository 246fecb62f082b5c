"""The experiment workflow and the counts partners report: every write, one transaction each.

Draft → in review → (changes requested →) approved → running → stopped. The plan (question,
outcomes, baseline, effect, variants and weights) is edited only before start; an analyst
other than its author approves it (four eyes); starting freezes it in ``plan_at_start``. A
running experiment may still be amended in its wording or planned end, each amendment
recorded with its reason, never in its weights or outcomes.

Refusals are :class:`ExperimentError`: translated, and naming rows and ids, never repeating
what was submitted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from campaigns.experiments.analysis import planned_sample_size
from campaigns.experiments.assignment import MAX_VARIANTS, MIN_VARIANTS
from campaigns.experiments.models import (
    Experiment,
    ExperimentChange,
    ExperimentCount,
    OutcomeCode,
    Variant,
)
from campaigns.models import Campaign, Message
from campaigns.signals import experiment_event
from core import audit
from core.models import User
from core.workflow import EventLog, ReviewWords, Step, Workflow, review_steps

EStatus = Experiment.Status
EAction = ExperimentChange.Action


class ExperimentError(ValidationError):
    """A request the experiment's state or the rules do not allow; the message is for users."""


# The statuses whose plan may still change; an approved plan changed goes back to review.
PLAN_EDITABLE = frozenset({EStatus.DRAFT, EStatus.CHANGES_REQUESTED, EStatus.APPROVED})
# The messages a variant may show: approved ones, whether or not they are live yet.
USABLE_MESSAGE_STATUSES = frozenset(
    {Message.Status.APPROVED, Message.Status.SCHEDULED, Message.Status.PUBLISHED}
)
# What the plan is made of (the variants too): read-only once the experiment starts.
PLAN_FIELDS = (
    "question",
    "hypothesis",
    "primary_outcome",
    "secondary_outcomes",
    "baseline_rate",
    "min_effect",
    "allocation",
    "planned_end",
)
# What a running experiment may still have changed, with a reason: its words and its end.
AMENDABLE_FIELDS = ("question", "hypothesis", "planned_end")
CHANGE_PERMISSION = "campaigns.change_experiment"
COUNT_FIELDS = ("impressions", "reach", "cta_clicks", "helpline_contacts", "partner_outcome")
OUTCOME_FIELDS = ("cta_clicks", "helpline_contacts", "partner_outcome")
SOURCE_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
MAX_BATCH = 5000

EXPERIMENT_WORKFLOW: Workflow[Experiment] = Workflow(
    noun="experiment",
    model=Experiment,
    steps=(
        *review_steps(
            "campaigns",
            "experiment",
            ReviewWords(
                cannot_submit=gettext_noop(
                    "An experiment that is %(status)s cannot be submitted for approval."
                ),
                cannot_approve=gettext_noop("An experiment that is %(status)s cannot be approved."),
                cannot_send_back=gettext_noop(
                    "An experiment that is %(status)s cannot be sent back for changes."
                ),
                cannot_return_to_review=gettext_noop(
                    "An experiment that is %(status)s cannot be returned to review."
                ),
                may_not_submit=gettext_noop("You may not submit experiments."),
                may_not_approve=gettext_noop("You may not approve experiments."),
                may_not_review=gettext_noop("You may not review experiments."),
            ),
            submit_label=gettext_noop("Submit for approval"),
            submit_permission=CHANGE_PERMISSION,
        ),
        Step(
            "start",
            frozenset({EStatus.APPROVED}),
            EStatus.RUNNING,
            "started",
            gettext_noop("Start the experiment"),
            EAction.STARTED,
            CHANGE_PERMISSION,
            gettext_noop("You may not start experiments."),
            wrong_status=gettext_noop("An experiment that is %(status)s cannot be started."),
        ),
        Step(
            "stop",
            frozenset({EStatus.RUNNING}),
            EStatus.STOPPED,
            "stopped",
            gettext_noop("Stop the experiment"),
            EAction.STOPPED,
            CHANGE_PERMISSION,
            gettext_noop("You may not stop experiments."),
            gettext_noop("Say why the experiment stops."),
            wrong_status=gettext_noop("An experiment that is %(status)s cannot be stopped."),
        ),
    ),
    error=ExperimentError,
    record=EventLog(ExperimentChange, "experiment"),
)


def _require(user: User, permission: str, refusal: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(refusal)


def _require_plan_editable(experiment: Experiment) -> None:
    if experiment.status in {EStatus.RUNNING, EStatus.STOPPED}:
        raise ExperimentError(
            _(
                "The experiment has started: its plan and variants are read-only. Amend its "
                "wording or planned end with a reason, or stop it and plan a new one."
            )
        )
    if experiment.status == EStatus.IN_REVIEW:
        raise ExperimentError(
            _(
                "The plan is in review: ask the reviewer to send it back for changes before "
                "you change it."
            )
        )


def _clean_outcomes(primary: str, secondary: Iterable[str]) -> list[str]:
    codes = set(OutcomeCode.values)
    if primary not in codes:
        raise ExperimentError(_("Choose the primary outcome from the list."))
    cleaned: list[str] = []
    for code in secondary:
        if code not in codes:
            raise ExperimentError(_("Choose the secondary outcomes from the list."))
        if code != primary and code not in cleaned:
            cleaned.append(code)
    return cleaned


def check_plan_numbers(experiment: Experiment) -> None:
    """Refuse a baseline or effect the plan cannot be computed from."""
    baseline, effect = experiment.baseline_rate, experiment.min_effect
    if baseline is not None and not 0 < baseline < 1:
        raise ExperimentError(_("The baseline rate is a share between 0 and 1: 0.02 for 2 %, say."))
    if effect is not None and effect <= 0:
        raise ExperimentError(
            _("The smallest effect worth detecting must be positive: 0.2 for a lift of 20 %.")
        )
    if baseline is not None and effect is not None and baseline * (1 + effect) >= 1:
        raise ExperimentError(
            _("That effect would put the rate at or above 100 %: choose a smaller one.")
        )


def past_daily_impressions(campaign: Campaign, *, exclude: Experiment | None = None) -> float:
    """The campaign's impressions per day in its experiments so far (0 without any)."""
    counts = ExperimentCount.objects.filter(experiment__campaign=campaign)
    if exclude is not None and exclude.pk is not None:
        counts = counts.exclude(experiment=exclude)
    figures = counts.aggregate(total=Sum("impressions"), days=Count("day", distinct=True))
    total, days = figures["total"] or 0, figures["days"] or 0
    return total / days if days else 0.0


def _apply_changes(locked: Experiment, changes: Mapping[str, Any]) -> list[str]:
    """Set the fields that differ (texts stripped) and return their names; an experiment
    always keeps its question."""
    changed = []
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    if not locked.question:
        raise ExperimentError(_("Say what the experiment asks."))
    return changed


def _compute_plan(experiment: Experiment) -> list[str]:
    """Set the planned sample size and expected duration from the plan as it stands."""
    check_plan_numbers(experiment)
    weights = [float(w) for w in experiment.variants.values_list("weight", flat=True)]
    planned = None
    if (
        experiment.baseline_rate is not None
        and experiment.min_effect is not None
        and len(weights) >= MIN_VARIANTS
    ):
        planned = planned_sample_size(
            experiment.baseline_rate, experiment.min_effect, weights=weights
        )
    experiment.planned_units = planned
    daily = past_daily_impressions(experiment.campaign, exclude=experiment)
    experiment.expected_days = math.ceil(planned / daily) if planned and daily else None
    return ["planned_units", "expected_days"]


def _replan(locked: Experiment, *, user: User) -> None:
    """After a change of the plan: recompute it, and send an approved plan back to review."""
    locked.save(update_fields=[*_compute_plan(locked), "updated_at"])
    if locked.status == EStatus.APPROVED:
        EXPERIMENT_WORKFLOW.advance(locked, "return_to_review", actor=user, change=_clear_approval)


def _clear_approval(experiment: Experiment) -> list[str]:
    experiment.approved_by, experiment.approved_at = None, None
    return ["approved_by", "approved_at"]


@transaction.atomic
def create_experiment(
    *,
    user: User,
    campaign: Campaign,
    question: str,
    primary_outcome: str,
    hypothesis: str = "",
    secondary_outcomes: Sequence[str] = (),
    baseline_rate: float | None = None,
    min_effect: float | None = None,
    allocation: str = Experiment.Allocation.OURS,
    planned_end: date | None = None,
) -> Experiment:
    """Plan a new experiment on ``campaign`` (a draft; variants come next)."""
    _require(user, "campaigns.add_experiment", _("You may not plan experiments."))
    question = (question or "").strip()
    if not question:
        raise ExperimentError(_("Say what the experiment asks."))
    if allocation not in Experiment.Allocation.values:
        raise ExperimentError(_("Choose who randomises from the list."))
    experiment = Experiment(
        campaign=campaign,
        question=question,
        hypothesis=(hypothesis or "").strip(),
        primary_outcome=primary_outcome,
        secondary_outcomes=_clean_outcomes(primary_outcome, secondary_outcomes),
        baseline_rate=baseline_rate,
        min_effect=min_effect,
        allocation=allocation,
        planned_end=planned_end,
        author=user,
    )
    check_plan_numbers(experiment)
    experiment.save()
    EXPERIMENT_WORKFLOW.note(experiment, EAction.CREATED, actor=user)
    return experiment


@transaction.atomic
def update_experiment_plan(
    *, user: User, experiment: Experiment, changes: Mapping[str, Any]
) -> Experiment:
    """Change the plan before start (``changes``: field → value, of :data:`PLAN_FIELDS`)."""
    _require(user, CHANGE_PERMISSION, _("You may not change experiments."))
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ExperimentError(
            _("Only the plan's fields can be changed here: %(fields)s.")
            % {"fields": ", ".join(PLAN_FIELDS)}
        )
    locked = EXPERIMENT_WORKFLOW.lock(experiment)
    _require_plan_editable(locked)
    changed = _apply_changes(locked, changes)
    locked.secondary_outcomes = _clean_outcomes(
        locked.primary_outcome, locked.secondary_outcomes or []
    )
    if not changed:
        return locked
    locked.save(update_fields=[*changed, "secondary_outcomes", "updated_at"])
    EXPERIMENT_WORKFLOW.note(locked, EAction.EDITED, actor=user, fields=sorted(changed))
    _replan(locked, user=user)
    return locked


def check_message(experiment: Experiment, message: Message) -> None:
    """Refuse a message a variant of ``experiment`` may not show."""
    if message.campaign_id != experiment.campaign_id:
        raise ExperimentError(
            _("Message %(message)s belongs to another campaign: choose one of this campaign's.")
            % {"message": message.public_id}
        )
    if message.status not in USABLE_MESSAGE_STATUSES:
        raise ExperimentError(
            _(
                "Message %(message)s is %(status)s: a variant shows an approved message "
                "(approved, scheduled or published)."
            )
            % {"message": message.public_id, "status": message.get_status_display().lower()}
        )


def _check_weight(weight: object) -> int:
    if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
        raise ExperimentError(_("A variant's weight is a whole number of 1 or more."))
    return weight


def _renumber(experiment: Experiment) -> None:
    """Positions 0, 1, 2…: the first is the control."""
    for index, variant in enumerate(experiment.variants.order_by("position", "pk")):
        if variant.position != index:
            variant.position = index
            variant.save(update_fields=["position"])


@transaction.atomic
def add_variant(
    *, user: User, experiment: Experiment, message: Message, weight: int = 1
) -> Variant:
    """Add a variant showing ``message`` (the first added is the control)."""
    _require(user, CHANGE_PERMISSION, _("You may not change experiments."))
    locked = EXPERIMENT_WORKFLOW.lock(experiment)
    _require_plan_editable(locked)
    check_message(locked, message)
    weight = _check_weight(weight)
    existing = locked.variants.count()
    if existing >= MAX_VARIANTS:
        raise ExperimentError(
            _("An experiment has at most %(count)s variants: remove one first.")
            % {"count": MAX_VARIANTS}
        )
    if locked.variants.filter(message=message).exists():
        raise ExperimentError(
            _("Message %(message)s is already a variant of this experiment.")
            % {"message": message.public_id}
        )
    variant = Variant.objects.create(
        experiment=locked, message=message, weight=weight, position=existing
    )
    EXPERIMENT_WORKFLOW.note(
        locked,
        EAction.VARIANT_ADDED,
        actor=user,
        variant=variant.key,
        message=message.public_id,
        weight=weight,
    )
    _replan(locked, user=user)
    return variant


@transaction.atomic
def change_variant(
    *,
    user: User,
    variant: Variant,
    weight: int | None = None,
    message: Message | None = None,
    position: int | None = None,
) -> Variant:
    """Change a variant's weight, message or place (0 makes it the control) before start."""
    _require(user, CHANGE_PERMISSION, _("You may not change experiments."))
    locked = EXPERIMENT_WORKFLOW.lock(variant.experiment)
    _require_plan_editable(locked)
    variant = Variant.objects.select_for_update().get(pk=variant.pk)
    changed: dict[str, Any] = {}
    if weight is not None and weight != variant.weight:
        variant.weight = _check_weight(weight)
        changed["weight"] = variant.weight
    if message is not None and message.pk != variant.message_id:
        check_message(locked, message)
        if locked.variants.filter(message=message).exclude(pk=variant.pk).exists():
            raise ExperimentError(
                _("Message %(message)s is already a variant of this experiment.")
                % {"message": message.public_id}
            )
        variant.message = message
        changed["message"] = message.public_id
    if not changed and position is None:
        return variant
    variant.save()
    if position is not None and position != variant.position:
        others = list(locked.variants.exclude(pk=variant.pk).order_by("position", "pk"))
        others.insert(max(0, min(position, len(others))), variant)
        for index, row in enumerate(others):
            Variant.objects.filter(pk=row.pk).update(position=index)
        variant.refresh_from_db(fields=["position"])
        changed["position"] = variant.position
    if not changed:
        return variant
    EXPERIMENT_WORKFLOW.note(
        locked, EAction.VARIANT_CHANGED, actor=user, variant=variant.key, **changed
    )
    _replan(locked, user=user)
    return variant


@transaction.atomic
def remove_variant(*, user: User, variant: Variant) -> None:
    """Remove a variant before start; the others move up (the next becomes the control)."""
    _require(user, CHANGE_PERMISSION, _("You may not change experiments."))
    locked = EXPERIMENT_WORKFLOW.lock(variant.experiment)
    _require_plan_editable(locked)
    key = variant.key
    Variant.objects.filter(pk=variant.pk).delete()
    _renumber(locked)
    EXPERIMENT_WORKFLOW.note(locked, EAction.VARIANT_REMOVED, actor=user, variant=key)
    _replan(locked, user=user)


def _require_complete_plan(experiment: Experiment) -> None:
    """Refuse a plan that could not be run: its variants, an outcome, a computed size."""
    count = experiment.variants.count()
    if not MIN_VARIANTS <= count <= MAX_VARIANTS:
        raise ExperimentError(
            _("An experiment has %(low)s to %(high)s variants; this one has %(count)s.")
            % {"low": MIN_VARIANTS, "high": MAX_VARIANTS, "count": count}
        )
    if experiment.primary_outcome not in OutcomeCode.values:
        raise ExperimentError(_("Choose the primary outcome from the list."))
    if not experiment.planned_units:
        raise ExperimentError(
            _(
                "The planned sample size is not computed yet: give the baseline rate and the "
                "smallest effect worth detecting."
            )
        )
    for variant in experiment.variants.select_related("message"):
        check_message(experiment, variant.message)


@transaction.atomic
def submit_experiment_for_approval(*, user: User, experiment: Experiment) -> Experiment:
    """Send a complete plan to the analysts for approval."""
    EXPERIMENT_WORKFLOW.authorize(user, "submit")
    return EXPERIMENT_WORKFLOW.run(experiment, "submit", actor=user, guard=_require_complete_plan)


def _shaped_since_review(experiment: Experiment, user: User) -> bool:
    """Whether ``user`` wrote, changed or submitted the plan now in review."""
    changes = experiment.changes.all()
    last_return = changes.filter(action=EAction.CHANGES_REQUESTED).order_by("-at", "-pk").first()
    if last_return is not None:
        changes = changes.filter(pk__gt=last_return.pk)
    shaping = {
        EAction.CREATED,
        EAction.EDITED,
        EAction.VARIANT_ADDED,
        EAction.VARIANT_CHANGED,
        EAction.VARIANT_REMOVED,
        EAction.SUBMITTED,
    }
    return changes.filter(action__in=shaping, actor=user).exists()


@transaction.atomic
def approve_experiment(*, user: User, experiment: Experiment) -> Experiment:
    """Approve the plan in review: four eyes (not its author, nor who shaped this version)."""
    EXPERIMENT_WORKFLOW.authorize(user, "approve")

    def clear(locked: Experiment) -> list[str]:
        if locked.author_id == user.pk:
            raise ExperimentError(_("You planned this experiment; another person must approve it."))
        if _shaped_since_review(locked, user):
            raise ExperimentError(
                _(
                    "You changed or submitted this version of the plan, so you may not "
                    "approve it: ask another analyst, or request changes instead."
                )
            )
        _require_complete_plan(locked)
        locked.approved_by, locked.approved_at = user, timezone.now()
        return ["approved_by", "approved_at"]

    experiment = EXPERIMENT_WORKFLOW.run(experiment, "approve", actor=user, change=clear)
    audit.record(action=audit.Action.EXPERIMENT_APPROVED, actor=user, target=experiment)
    return experiment


@transaction.atomic
def send_back_experiment(*, user: User, experiment: Experiment, comment: str) -> Experiment:
    """Send a plan in review back to its editor, saying what needs to change."""
    comment = EXPERIMENT_WORKFLOW.authorize(user, "request_changes", comment)
    return EXPERIMENT_WORKFLOW.run(experiment, "request_changes", actor=user, comment=comment)


def frozen_plan(experiment: Experiment) -> dict[str, Any]:
    """The plan as it stands, as plain values: what starting pre-registers."""
    return {
        "question": experiment.question,
        "hypothesis": experiment.hypothesis,
        "primary_outcome": experiment.primary_outcome,
        "secondary_outcomes": list(experiment.secondary_outcomes or []),
        "baseline_rate": experiment.baseline_rate,
        "min_effect": experiment.min_effect,
        "planned_units": experiment.planned_units,
        "expected_days": experiment.expected_days,
        "allocation": experiment.allocation,
        "planned_end": experiment.planned_end.isoformat() if experiment.planned_end else None,
        "approved_by": experiment.approved_by_id,
        "approved_at": experiment.approved_at.isoformat() if experiment.approved_at else None,
        "variants": [
            {
                "key": v.key,
                "message": v.message.public_id,
                "weight": v.weight,
                "position": v.position,
            }
            for v in experiment.variants.select_related("message").order_by("position")
        ],
    }


@transaction.atomic
def start_experiment(*, user: User, experiment: Experiment) -> Experiment:
    """Start an approved experiment: its plan is frozen (pre-registered) from now on."""
    EXPERIMENT_WORKFLOW.authorize(user, "start")

    def freeze(locked: Experiment) -> list[str]:
        _require_complete_plan(locked)
        locked.plan_at_start = frozen_plan(locked)
        locked.started_at = timezone.now()
        return ["plan_at_start", "started_at"]

    experiment = EXPERIMENT_WORKFLOW.run(experiment, "start", actor=user, change=freeze)
    audit.record(action=audit.Action.EXPERIMENT_STARTED, actor=user, target=experiment)
    experiment_event.send(sender=Experiment, experiment=experiment, event="experiment.started")
    return experiment


@transaction.atomic
def amend_running_experiment(
    *, user: User, experiment: Experiment, reason: str, changes: Mapping[str, Any]
) -> Experiment:
    """Change a running experiment's wording or planned end, recording why. Weights,
    variants and outcomes never change after start: stop it and plan a new one."""
    _require(user, CHANGE_PERMISSION, _("You may not change experiments."))
    reason = (reason or "").strip()
    if not reason:
        raise ExperimentError(_("Say why the running experiment is amended."))
    if set(changes) - set(AMENDABLE_FIELDS):
        raise ExperimentError(
            _(
                "A running experiment's weights, variants and outcomes cannot change: only its "
                "question, hypothesis and planned end. Stop it and plan a new one instead."
            )
        )
    locked = EXPERIMENT_WORKFLOW.lock(experiment)
    if locked.status != EStatus.RUNNING:
        raise ExperimentError(
            _("Only a running experiment is amended; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    changed = _apply_changes(locked, changes)
    if not changed:
        raise ExperimentError(_("Nothing changed: the amendment was not recorded."))
    locked.save(update_fields=[*changed, "updated_at"])
    EXPERIMENT_WORKFLOW.note(
        locked, EAction.AMENDED, actor=user, comment=reason, fields=sorted(changed)
    )
    audit.record(
        action=audit.Action.EXPERIMENT_AMENDED,
        actor=user,
        target=locked,
        detail={"fields": "+".join(sorted(changed))},
    )
    return locked


@transaction.atomic
def stop_experiment(*, user: User | None, experiment: Experiment, reason: str) -> Experiment:
    """Stop a running experiment, saying why; its counts so far stay and are read. With no
    user, the system stops it (:func:`stop_experiments_showing`)."""
    reason = EXPERIMENT_WORKFLOW.authorize(user, "stop", reason)

    def stop(locked: Experiment) -> list[str]:
        locked.stopped_at, locked.stop_reason = timezone.now(), reason
        return ["stopped_at", "stop_reason"]

    experiment = EXPERIMENT_WORKFLOW.run(
        experiment, "stop", actor=user, change=stop, comment=reason
    )
    audit.record(action=audit.Action.EXPERIMENT_STOPPED, actor=user, target=experiment)
    experiment_event.send(sender=Experiment, experiment=experiment, event="experiment.stopped")
    return experiment


# Why the system stopped an experiment: stored as the stop reason the report shows.
VARIANT_CAME_DOWN = (
    "Stopped by the system: a variant's message came down (withdrawn, or its schedule "
    "ended), so the variants can no longer be shown side by side. The counts so far stay and "
    "are read."
)


def stop_experiments_showing(*, message_ids: Iterable[int]) -> list[Experiment]:
    """Stop every running experiment with a variant showing one of these messages, which
    came down: partners hear (experiment.stopped) and stop assigning."""
    running = (
        Experiment.objects.filter(status=EStatus.RUNNING, variants__message_id__in=message_ids)
        .distinct()
        .order_by("pk")
    )
    return [
        stop_experiment(user=None, experiment=experiment, reason=VARIANT_CAME_DOWN)
        for experiment in running
    ]


# --- Counts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedCounts:
    """What one batch did: rows new, rows that replaced an earlier report, rows as before."""

    created: int
    replaced: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.replaced + self.unchanged


def _row_error(number: int, problem: str) -> ExperimentError:
    return ExperimentError(
        _(
            "Row %(row)s: %(problem)s Nothing in this batch was recorded; correct it and send "
            "the whole batch again."
        )
        % {"row": number, "problem": problem}
    )


def _row_day(value: object, number: int, first: date, last: date) -> date:
    day: date | None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
    else:
        day = None
    if day is None:
        raise _row_error(number, _("give the day as YYYY-MM-DD."))
    if day < first:
        raise _row_error(
            number,
            _("the day is before the experiment started (%(start)s): report days from then on.")
            % {"start": first.isoformat()},
        )
    if day > last:
        raise _row_error(
            number,
            _("the day is after %(last)s: report only days that are over or under way.")
            % {"last": last.isoformat()},
        )
    return day


def _row_numbers(row: Mapping[str, Any], number: int) -> dict[str, int]:
    figures: dict[str, int] = {}
    for name in COUNT_FIELDS:
        value = row.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _row_error(number, _("%(field)s must be a whole number.") % {"field": name})
        if value < 0:
            raise _row_error(number, _("%(field)s cannot be negative.") % {"field": name})
        figures[name] = value
    if figures["reach"] > figures["impressions"]:
        raise _row_error(
            number,
            _("reach is larger than impressions; a person reached saw it at least once."),
        )
    for name in OUTCOME_FIELDS:
        if figures[name] > figures["impressions"]:
            raise _row_error(
                number,
                _("%(field)s is larger than impressions: each is counted among those shown it.")
                % {"field": name},
            )
    return figures


@transaction.atomic
def record_experiment_counts(
    *,
    experiment: Experiment,
    source: str,
    rows: Sequence[Mapping[str, Any]],
    actor: User | None = None,
) -> RecordedCounts:
    """Record one source's counts per variant and day: a row sent again replaces the one
    before (never adds to it). Every row is checked first; one bad row refuses the batch."""
    if not isinstance(source, str) or not SOURCE_PATTERN.fullmatch(source):
        raise ExperimentError(_("Name the source by its id (letters, digits, '_', '-', ':')."))
    if not rows:
        raise ExperimentError(_("The batch is empty: send at least one row."))
    if len(rows) > MAX_BATCH:
        raise ExperimentError(_("Send at most %(count)s rows at a time.") % {"count": MAX_BATCH})
    locked = EXPERIMENT_WORKFLOW.lock(experiment)
    if locked.status not in {EStatus.RUNNING, EStatus.STOPPED} or locked.started_at is None:
        raise ExperimentError(
            _("The experiment has not started: counts are recorded from its start.")
        )
    variants = {v.key: v for v in locked.variants.all()}
    first = timezone.localdate(locked.started_at)
    today = timezone.localdate()
    last = min(today, timezone.localdate(locked.stopped_at)) if locked.stopped_at else today
    cleaned: dict[tuple[str, date], dict[str, int]] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise _row_error(number, _("each row is an object with a variant and a day."))
        unknown = set(row) - {"variant", "day", *COUNT_FIELDS}
        if unknown:
            raise _row_error(
                number,
                _("a row holds only variant, day and %(fields)s; remove the other fields.")
                % {"fields": ", ".join(COUNT_FIELDS)},
            )
        key = row.get("variant")
        variant = variants.get(key) if isinstance(key, str) else None
        if variant is None:
            raise _row_error(
                number,
                _("no variant of this experiment has that key; use one of %(keys)s.")
                % {"keys": ", ".join(sorted(variants))},
            )
        day = _row_day(row.get("day"), number, first, last)
        if (variant.key, day) in cleaned:
            raise _row_error(number, _("the same variant and day came twice in this batch."))
        cleaned[(variant.key, day)] = _row_numbers(row, number)
    existing = {
        (c.variant_id, c.day): c
        for c in ExperimentCount.objects.select_for_update().filter(
            experiment=locked, source=source, day__in={day for _, day in cleaned}
        )
    }
    created = replaced = unchanged = 0
    for (key, day), figures in cleaned.items():
        variant = variants[key]
        count = existing.get((variant.pk, day))
        if count is None:
            ExperimentCount.objects.create(
                experiment=locked, variant=variant, source=source, day=day, **figures
            )
            created += 1
        elif all(getattr(count, name) == value for name, value in figures.items()):
            unchanged += 1
        else:
            for name, value in figures.items():
                setattr(count, name, value)
            count.save()
            replaced += 1
    EXPERIMENT_WORKFLOW.note(
        locked,
        EAction.COUNTS_RECORDED,
        actor=actor,
        source=source,
        created=created,
        replaced=replaced,
        unchanged=unchanged,
    )
    return RecordedCounts(created, replaced, unchanged)
