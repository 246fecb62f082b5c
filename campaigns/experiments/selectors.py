"""Reads for experiments: the stored counts as the analysis takes them, and its result."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet, Sum
from django.utils import timezone

from campaigns.experiments import analysis
from campaigns.experiments.models import Experiment, ExperimentChange, ExperimentCount, Variant

SUMMED = ("impressions", "reach", "cta_clicks", "helpline_contacts", "partner_outcome")


def experiment_variants(experiment: Experiment) -> QuerySet[Variant]:
    """The variants in order, the control first, with their messages."""
    return experiment.variants.select_related("message").order_by("position", "pk")


def experiment_history(experiment: Experiment) -> QuerySet[ExperimentChange]:
    """Every change, oldest first, with who made it."""
    return experiment.changes.select_related("actor").order_by("at", "pk")


def _plan(experiment: Experiment) -> dict:
    """The plan the analysis holds the data to: the frozen one once started."""
    frozen = experiment.plan_at_start or {}
    return {
        "primary_outcome": frozen.get("primary_outcome", experiment.primary_outcome),
        "secondary_outcomes": frozen.get(
            "secondary_outcomes", list(experiment.secondary_outcomes or [])
        ),
        "baseline_rate": frozen.get("baseline_rate", experiment.baseline_rate),
        "min_effect": frozen.get("min_effect", experiment.min_effect),
        "planned_units": frozen.get("planned_units", experiment.planned_units),
    }


def _days(experiment: Experiment, last_count: date | None) -> list[date]:
    """The days from the start to today (or the stop), or to the last count reported."""
    if experiment.started_at is None:
        return []
    first = timezone.localdate(experiment.started_at)
    end = timezone.localdate(experiment.stopped_at) if experiment.stopped_at else None
    last = end or timezone.localdate()
    if last_count is not None and last_count > last:
        last = last_count
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def experiment_days(experiment: Experiment) -> list[date]:
    """The days :func:`experiment_data` has a column for."""
    last = experiment.counts.order_by("-day").values_list("day", flat=True).first()
    return _days(experiment, last)


def experiment_data(experiment: Experiment) -> analysis.Data:
    """The stored counts as the analysis takes them: per variant (the control first) and
    day from the start, summed over the sources; the primary outcome first."""
    plan = _plan(experiment)
    variants = list(experiment_variants(experiment))
    index = {v.pk: i for i, v in enumerate(variants)}
    days = experiment_days(experiment)
    column = {day: i for i, day in enumerate(days)}
    grids = {name: [[0.0] * len(days) for _ in variants] for name in SUMMED}
    sums = (
        ExperimentCount.objects.filter(experiment=experiment)
        .values("variant_id", "day")
        .annotate(**{f"sum_{name}": Sum(name) for name in SUMMED})
    )
    for row in sums:
        v, d = index.get(row["variant_id"]), column.get(row["day"])
        if v is None or d is None:
            continue
        for name in SUMMED:
            grids[name][v][d] = float(row[f"sum_{name}"] or 0)
    outcomes = [
        analysis.Outcome(name=code, primary=code == plan["primary_outcome"], daily=grids[code])
        for code in [plan["primary_outcome"], *plan["secondary_outcomes"]]
        if code in grids
    ]
    return analysis.Data(
        variants=[v.key for v in variants],
        weights=[float(v.weight) for v in variants],
        units=grids["impressions"],
        outcomes=outcomes,
        planned_units=int(plan["planned_units"] or 0),
        baseline_rate=float(plan["baseline_rate"] or 0.0),
        relative_effect=float(plan["min_effect"] or 0.0),
    )


def analyse_experiment(experiment: Experiment) -> analysis.Analysis:
    """The analysis of the experiment's counts so far."""
    return analysis.analyse(experiment_data(experiment))


def experiment_outcomes(experiment: Experiment) -> list[str]:
    """The outcomes the plan reads, the primary first (the frozen plan's once started)."""
    plan = _plan(experiment)
    return [
        code
        for code in dict.fromkeys([plan["primary_outcome"], *plan["secondary_outcomes"]])
        if code in SUMMED
    ]


def experiment_daily_counts(experiment: Experiment) -> list[dict]:
    """The counts per day and variant, summed over the sources: oldest day first, the
    control first within a day. Each row has ``day``, ``variant`` (its key), ``message``
    (its public id) and every count of :data:`SUMMED`."""
    variants = {v.pk: v for v in experiment_variants(experiment)}
    order = {pk: i for i, pk in enumerate(variants)}
    sums = (
        ExperimentCount.objects.filter(experiment=experiment)
        .values("variant_id", "day")
        .annotate(**{f"sum_{name}": Sum(name) for name in SUMMED})
    )
    rows = []
    for row in sums:
        variant = variants.get(row["variant_id"])
        if variant is None:
            continue
        rows.append(
            {
                "day": row["day"],
                "variant": variant.key,
                "message": variant.message.public_id,
                "_order": order[variant.pk],
                **{name: int(row[f"sum_{name}"] or 0) for name in SUMMED},
            }
        )
    rows.sort(key=lambda r: (r["day"], r["_order"]))
    for row in rows:
        del row["_order"]
    return rows
