"""The experiment report: what the page, its printable form and its CSV show, worded in the
reader's language.

It reads the experiment through the selectors, asks the pure analysis for the result and the
pure charts for the SVG and the data table, and puts the words around them (translated
here, as :class:`~campaigns.experiments.charts.ChartText` expects).

Small counts. An outcome count (clicks, help-line contacts, a partner's outcome) can
describe people, so the report follows the evidence dashboard's rule: a count with
``0 < n < k`` (``settings.DISCLOSURE_K``) is shown as "< k" (zeros stay visible), in the
page, its table and the CSV. What would give such a count away exactly is withheld too:
a cumulative rate and its interval (rate × impressions is the count) where the cumulative
count is small or where, with the daily counts of the CSV, subtraction would recover a
small one (:func:`visible_points`); a variant's total and its difference from the control
when its last day is withheld. The verdict and the adjusted p-values are coarse and stay.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from campaigns.experiments import analysis, charts, selectors
from campaigns.experiments.models import Experiment, ExperimentChange, OutcomeCode

Action = ExperimentChange.Action
# Changes to the plan: after the start, each is an amendment and highlighted.
PLAN_CHANGES = frozenset(
    {
        Action.EDITED,
        Action.VARIANT_ADDED,
        Action.VARIANT_CHANGED,
        Action.VARIANT_REMOVED,
        Action.AMENDED,
    }
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def disclosure_k() -> int:
    """The dashboard's threshold: counts under it (but not zero) are not shown."""
    return int(settings.DISCLOSURE_K)


def is_small(count: float, k: int) -> bool:
    return 0 < count < k


def mark(k: int) -> str:
    """How a small count is written: "< k"."""
    return f"< {k}"


def shown_count(count: float, k: int) -> str:
    """A count as written in the report: grouped digits, or "< k" when small."""
    if is_small(count, k):
        return mark(k)
    return number_format(int(count), force_grouping=True)


# --- Formatting ----------------------------------------------------------------------------


def percent(rate: float) -> str:
    value = rate * 100
    places = 2 if 0 < abs(value) < 1 else 1
    return f"{number_format(value, decimal_pos=places)}\u00a0%"


def points(difference: float) -> str:
    """A difference of rates in percentage points, signed."""
    value = difference * 100
    sign = "+" if value > 0 else "\u2212" if value < 0 else ""
    return _("%(value)s points") % {"value": sign + number_format(abs(value), decimal_pos=2)}


def p_value(p: float) -> str:
    if p < 0.001:
        return "< " + number_format(0.001, decimal_pos=3)
    return number_format(p, decimal_pos=3)


def day_label(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def outcome_label(code: str) -> str:
    try:
        return str(OutcomeCode(code).label)
    except ValueError:
        return code


# --- The plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanVariant:
    key: str
    message: str
    weight: int
    control: bool


@dataclass(frozen=True)
class Plan:
    """The plan as pre-registered at the start (or as it stands, before the start)."""

    frozen: bool
    question: str
    hypothesis: str
    primary_outcome: str
    secondary_outcomes: tuple[str, ...]
    baseline_rate: str
    min_effect: str
    planned_units: str
    expected_days: str
    allocation: str
    planned_end: str
    variants: tuple[PlanVariant, ...]
    # What an amendment after the start changed: (label, now) pairs.
    amended: tuple[tuple[str, str], ...] = ()


def _date_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except ValueError:  # well formed but no such day: nothing to show
            value = None
    return date_format(value, "DATE_FORMAT") if isinstance(value, date) else "—"


def _whole(value: Any) -> int:
    """A stored whole number, or 0 for anything else (the frozen plan is plain JSON)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _plan(experiment: Experiment) -> Plan:
    frozen = dict(experiment.plan_at_start or {})
    is_frozen = bool(frozen)

    def get(name: str) -> Any:
        return frozen.get(name) if is_frozen else getattr(experiment, name)

    if is_frozen:
        stored = frozen.get("variants")
        rows = [v for v in stored if isinstance(v, dict)] if isinstance(stored, list) else []
        variants = tuple(
            PlanVariant(
                str(v.get("key", "")),
                str(v.get("message", "")),
                _whole(v.get("weight")),
                index == 0,
            )
            for index, v in enumerate(sorted(rows, key=lambda v: _whole(v.get("position"))))
        )
    else:
        variants = tuple(
            PlanVariant(v.key, v.message.public_id, v.weight, index == 0)
            for index, v in enumerate(selectors.experiment_variants(experiment))
        )
    baseline, effect = _number(get("baseline_rate")), _number(get("min_effect"))
    planned, days = _whole(get("planned_units")), _whole(get("expected_days"))
    allocation = get("allocation") or ""
    try:
        allocation_text = str(Experiment.Allocation(allocation).label)
    except ValueError:
        allocation_text = allocation or "—"
    amended: list[tuple[str, str]] = []
    if is_frozen:
        if experiment.question != frozen.get("question", experiment.question):
            amended.append((_("Question"), experiment.question))
        if experiment.hypothesis != frozen.get("hypothesis", experiment.hypothesis):
            amended.append((_("Hypothesis"), experiment.hypothesis or "—"))
        now_end = experiment.planned_end.isoformat() if experiment.planned_end else None
        if now_end != frozen.get("planned_end"):
            amended.append((_("Planned end"), _date_text(experiment.planned_end)))
    return Plan(
        frozen=is_frozen,
        question=str(get("question") or ""),
        hypothesis=str(get("hypothesis") or ""),
        primary_outcome=outcome_label(str(get("primary_outcome") or "")),
        secondary_outcomes=tuple(outcome_label(str(c)) for c in _list(get("secondary_outcomes"))),
        baseline_rate=percent(baseline) if baseline is not None else "—",
        min_effect=percent(effect) if effect is not None else "—",
        planned_units=number_format(planned, force_grouping=True) if planned else "—",
        expected_days=number_format(days) if days else "—",
        allocation=allocation_text,
        planned_end=_date_text(get("planned_end")),
        variants=variants,
        amended=tuple(amended),
    )


# --- The timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    what: str
    who: str
    comment: str
    amendment: bool


def display_name(user: Any) -> str:
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


def _timeline(experiment: Experiment) -> tuple[list[TimelineEntry], int, datetime | None]:
    """The changes, oldest first, without the batches of counts (counted apart: how many,
    and when the last came)."""
    entries = []
    batches, last_batch = 0, None
    for change in selectors.experiment_history(experiment):
        if change.action == Action.COUNTS_RECORDED:
            batches += 1
            last_batch = change.at
            continue
        after_start = experiment.started_at is not None and change.at > experiment.started_at
        entries.append(
            TimelineEntry(
                at=change.at,
                what=change.get_action_display(),
                who=display_name(change.actor),
                comment=change.comment,
                amendment=after_start and change.action in PLAN_CHANGES,
            )
        )
    return entries, batches, last_batch


# --- The result ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RateView:
    label: str
    successes: str
    trials: str
    rate: str
    interval: str
    suppressed: bool


@dataclass(frozen=True)
class ComparisonView:
    label: str
    difference: str
    interval: str
    p_value: str
    adjusted_p_value: str
    significant: bool
    direction: int
    suppressed: bool


@dataclass(frozen=True)
class TableRow:
    day: str
    cells: tuple[str, ...]  # "rate (low – high)", "—" without units, or "< k"


@dataclass(frozen=True)
class OutcomeView:
    code: str
    label: str
    primary: bool
    chart: charts.SafeSvg | None
    variants: tuple[str, ...]
    rows: tuple[TableRow, ...]
    rates: tuple[RateView, ...]
    comparisons: tuple[ComparisonView, ...]
    caption: str


@dataclass(frozen=True)
class VerdictView:
    code: str
    heading: str
    text: str
    progress: float = 0.0  # 0 to 1, while collecting
    progress_text: str = ""
    shares: tuple[tuple[str, str, str], ...] = ()  # label, expected, observed (a mismatch)


@dataclass
class Report:
    experiment: Experiment
    plan: Plan
    timeline: list[TimelineEntry]
    count_batches: int
    last_batch: datetime | None
    verdict: VerdictView
    outcomes: list[OutcomeView] = field(default_factory=list)
    k: int = 5
    any_suppressed: bool = False
    rtl: bool = False

    @property
    def mark(self) -> str:
        return mark(self.k)

    @property
    def withheld(self) -> str:
        return _("withheld")


def variant_label(key: str, message: str, control: bool) -> str:
    if control:
        return _("%(key)s (control) · %(message)s") % {"key": key, "message": message}
    return f"{key} · {message}"


def _chart_text(outcome: str) -> charts.ChartText:
    return charts.ChartText(
        title=_("%(outcome)s: cumulative rate per variant") % {"outcome": outcome},
        description=_(
            "A line per variant: its cumulative rate of %(outcome)s by day since the start, "
            "with its 95 %% interval as a shaded band."
        )
        % {"outcome": outcome.lower()},
        x_axis=_("Day"),
        y_axis=_("Rate"),
        summary=_(
            "%(variant)s (%(style)s): %(rate)s on %(day)s, 95 %% interval %(low)s to %(high)s."
        ),
        no_data=_("%(variant)s (%(style)s): nothing that can be shown yet."),
        styles=(
            _("solid line, circles"),
            _("dashed line, squares"),
            _("dotted line, triangles"),
            _("dash-dot line, diamonds"),
        ),
        clipped=_("Some early intervals run above the top of the chart and are cut off there."),
    )


def _cumulative(rows: Sequence[Sequence[float]]) -> list[list[float]]:
    out = []
    for row in rows:
        total, running = 0.0, []
        for value in row:
            total += value
            running.append(total)
        out.append(running)
    return out


def visible_points(daily: Sequence[float], k: int) -> list[bool]:
    """Which days' cumulative figures may be shown, given the daily counts the CSV shows
    (each small one as "< k").

    Two shown cumulative counts differ by the sum of the daily counts between them, so a
    cumulative point is shown only when the small daily counts since the last shown point
    cannot be worked out from that difference: there are none, or at least two adding up to
    ``k`` or more (the rule of ``narratives.disclosure.suppress_small_cells``). A cumulative
    count that is itself small is never shown.
    """
    shown = []
    cumulative = hidden_cells = hidden_sum = 0.0
    for count in daily:
        cumulative += count
        if is_small(count, k):
            hidden_cells += 1
            hidden_sum += count
        ok = not is_small(cumulative, k) and (
            hidden_cells == 0 or (hidden_cells >= 2 and hidden_sum >= k)
        )
        shown.append(ok)
        if ok:
            hidden_cells = hidden_sum = 0.0
    return shown


def protected_daily(
    series: analysis.DailyRates, daily: Sequence[float], k: int
) -> tuple[analysis.DailyRates, list[bool]]:
    """``series`` without the days :func:`visible_points` withholds: such a day gets the
    interval (0, 1), which the charts read as "nothing to draw"; and which days those are."""
    hidden = [not ok for ok in visible_points(daily, k)]
    return analysis.DailyRates(
        series.variant,
        tuple(0.0 if h else r for r, h in zip(series.rate, hidden, strict=True)),
        tuple(0.0 if h else x for x, h in zip(series.low, hidden, strict=True)),
        tuple(1.0 if h else x for x, h in zip(series.high, hidden, strict=True)),
    ), hidden


def _verdict(result: analysis.Analysis | None, labels: dict[str, str]) -> VerdictView:
    if result is None or result.verdict.code == "no_data":
        return VerdictView(
            "no_data",
            _("No data yet"),
            _(
                "No impressions have been reported for this experiment yet, so there is "
                "nothing to read. The report fills in as partners report their counts."
            ),
        )
    verdict = result.verdict
    primary = next((o for o in result.outcomes if o.primary), None)
    outcome = outcome_label(primary.name).lower() if primary else ""
    names = ", ".join(labels.get(v, v) for v in verdict.variants)
    if verdict.code == "sample_ratio_mismatch":
        ratio = result.sample_ratio
        shares = tuple(
            (labels.get(key, key), percent(expected), percent(observed))
            for key, expected, observed in zip(
                labels, ratio.expected_shares, ratio.observed_shares, strict=False
            )
        )
        return VerdictView(
            verdict.code,
            _("The randomisation looks broken"),
            _(
                "The variants did not get impressions in the proportions their weights set "
                "(sample-ratio check, p = %(p)s). Something in how units are assigned or "
                "counted is wrong, so no result can be read from these data, whatever the "
                "rates below seem to say. Find the cause before reading anything else."
            )
            % {"p": p_value(ratio.p_value)},
            shares=shares,
        )
    if verdict.code == "collecting":
        return VerdictView(
            verdict.code,
            _("Still collecting: no verdict yet"),
            _(
                "The experiment has not reached its planned sample, so it names no winner "
                "and no loser yet. The intervals below stay valid however often you look, "
                "but a difference read now is not the result."
            ),
            progress=verdict.progress,
            progress_text=_("%(units)s of %(planned)s planned impressions (%(share)s)")
            % {
                "units": number_format(result.units, force_grouping=True),
                "planned": number_format(result.planned_units, force_grouping=True),
                "share": percent(verdict.progress),
            },
        )
    if verdict.code == "better":
        return VerdictView(
            verdict.code,
            _("Reliably better than the control"),
            _(
                "At the planned sample, %(variants)s did reliably better than the control on "
                "%(outcome)s, after correcting for every comparison made."
            )
            % {"variants": names, "outcome": outcome},
        )
    if verdict.code == "worse":
        return VerdictView(
            verdict.code,
            _("Reliably worse than the control"),
            _(
                "At the planned sample, %(variants)s did reliably worse than the control on "
                "%(outcome)s, after correcting for every comparison made. The control did "
                "better."
            )
            % {"variants": names, "outcome": outcome},
        )
    if verdict.code == "mixed":
        worse = ", ".join(
            labels.get(c.variant, c.variant)
            for c in (primary.comparisons if primary else ())
            if c.direction < 0
        )
        return VerdictView(
            verdict.code,
            _("A mixed result"),
            _(
                "At the planned sample, on %(outcome)s, %(better)s did reliably better than "
                "the control and %(worse)s reliably worse."
            )
            % {"outcome": outcome, "better": names, "worse": worse},
        )
    return VerdictView(
        "no_difference",
        _("No reliable difference"),
        _(
            "At the planned sample, no variant did reliably better or worse than the control "
            "on %(outcome)s. There is no winner: the differences seen may be chance, or "
            "smaller than the plan could detect."
        )
        % {"outcome": outcome},
    )


def _outcome_view(
    result: analysis.OutcomeResult,
    data: analysis.Data,
    labels: dict[str, str],
    days: Sequence[str],
    k: int,
    rtl: bool,
    index: int,
) -> tuple[OutcomeView, bool]:
    outcome = next(o for o in data.outcomes if o.name == result.name)
    counts = _cumulative(outcome.daily)
    label = outcome_label(result.name)
    protected, hidden = [], []
    for series, daily in zip(result.daily, outcome.daily, strict=True):
        shown, hides = protected_daily(series, daily, k)
        protected.append(
            analysis.DailyRates(labels[series.variant], shown.rate, shown.low, shown.high)
        )
        hidden.append(hides)
    any_hidden = any(any(h) for h in hidden)
    chart = charts.rate_chart(
        chart_id=f"chart-{index}",
        series=protected,
        days=days,
        text=_chart_text(label),
        rtl=rtl,
        lang=get_language() or "",
        format_rate=percent,
    )
    table = charts.rate_table(series=protected, days=days, format_rate=percent)
    withheld = _("withheld")
    rows = []
    for day, row in enumerate(table.rows):
        cells = []
        for v, cell in enumerate(row.cells):
            if hidden[v][day]:
                cells.append(mark(k) if is_small(counts[v][day], k) else withheld)
            elif not cell.has_data:
                cells.append("—")
            else:
                cells.append(f"{cell.rate} ({cell.low} – {cell.high})")
        rows.append(TableRow(row.day, tuple(cells)))
    # A total is the last day's cumulative count: withheld with it.
    small_total = {r.variant: bool(hidden[v] and hidden[v][-1]) for v, r in enumerate(result.rates)}
    rates = tuple(
        RateView(
            label=labels[r.variant],
            successes=(
                withheld
                if small_total[r.variant] and not is_small(r.successes, k)
                else shown_count(r.successes, k)
            ),
            trials=number_format(r.trials, force_grouping=True),
            rate="—" if small_total[r.variant] or not r.trials else percent(r.rate),
            interval=(
                "—"
                if small_total[r.variant] or not r.trials
                else f"{percent(r.low)} – {percent(r.high)}"
            ),
            suppressed=small_total[r.variant],
        )
        for r in result.rates
    )
    control = data.variants[0]
    comparisons = []
    for c in result.comparisons:
        hide = small_total.get(control, False) or small_total.get(c.variant, False)
        comparisons.append(
            ComparisonView(
                label=labels[c.variant],
                difference="—" if hide else points(c.difference),
                interval="—" if hide else f"{points(c.low)} – {points(c.high)}",
                p_value=p_value(c.p_value),
                adjusted_p_value=p_value(c.adjusted_p_value),
                significant=c.significant,
                direction=c.direction,
                suppressed=hide,
            )
        )
    view = OutcomeView(
        code=result.name,
        label=label,
        primary=result.primary,
        chart=chart,
        variants=tuple(labels[v] for v in data.variants),
        rows=tuple(rows),
        rates=rates,
        comparisons=tuple(comparisons),
        caption=_("%(outcome)s: cumulative rate per variant and day, with its 95 %% interval")
        % {"outcome": label},
    )
    suppressed = any_hidden or any(small_total.values())
    return view, suppressed


def build_report(experiment: Experiment) -> Report:
    """Everything the report page shows, in the active language."""
    k = disclosure_k()
    rtl = bool(get_language_bidi())
    timeline, batches, last_batch = _timeline(experiment)
    variants = list(selectors.experiment_variants(experiment))
    labels = {
        v.key: variant_label(v.key, v.message.public_id, index == 0)
        for index, v in enumerate(variants)
    }
    result: analysis.Analysis | None = None
    data: analysis.Data | None = None
    if experiment.started_at is not None and len(variants) >= 2:
        data = selectors.experiment_data(experiment)
        try:
            result = analysis.analyse(data)
        except ValueError:
            result = None
    report = Report(
        experiment=experiment,
        plan=_plan(experiment),
        timeline=timeline,
        count_batches=batches,
        last_batch=last_batch,
        verdict=_verdict(result, labels),
        k=k,
        rtl=rtl,
    )
    if result is None or data is None or result.units == 0:
        return report
    days = [day_label(d) for d in selectors.experiment_days(experiment)]
    for index, outcome in enumerate(result.outcomes):
        view, suppressed = _outcome_view(outcome, data, labels, days, k, rtl, index)
        report.outcomes.append(view)
        report.any_suppressed = report.any_suppressed or suppressed
    return report


# --- The CSV -------------------------------------------------------------------------------


def _csv_cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def report_csv(experiment: Experiment) -> str:
    """The daily counts per variant as CSV: day, variant key, message id, impressions,
    reach and each outcome of the plan; small outcome counts written "< k"."""
    k = disclosure_k()
    outcomes = selectors.experiment_outcomes(experiment)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["day", "variant", "message", "impressions", "reach", *outcomes])
    for row in selectors.experiment_daily_counts(experiment):
        writer.writerow(
            [
                row["day"].isoformat(),
                _csv_cell(row["variant"]),
                _csv_cell(row["message"]),
                row["impressions"],
                row["reach"],
                *(mark(k) if is_small(row[o], k) else row[o] for o in outcomes),
            ]
        )
    return buffer.getvalue()


def csv_filename(experiment: Experiment) -> str:
    stamp = timezone.localdate().isoformat()
    return f"{experiment.public_id}-daily-counts-{stamp}.csv"
