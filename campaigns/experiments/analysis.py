"""Honest analysis of message experiments: pure functions over daily counts.

What it answers, and how it stays honest when people look every day:

* **Rates** per variant with Wilson score intervals (good at small counts and near 0).
* **Differences** against the control with an always-valid confidence sequence: the
  normal-mixture sequential probability ratio test (mSPRT; Robbins 1970, Johari et al. 2017,
  "Always valid inference"). Its intervals and p-values hold at every look at once, so
  reading the report daily does not inflate false positives.
* **Sample-ratio mismatch** first: a chi-squared test of the units each variant got against
  the allocation weights. A mismatch means the randomisation is broken, and the verdict says
  so instead of naming a winner.
* **Holm's correction** across every comparison (variants against the control, secondary
  outcomes) so that more variants or outcomes do not mean more false winners.
* **The plan**: the sample needed for the smallest effect worth detecting, computed for the
  sequential test itself (so that "at the planned sample" it has the stated power).

Nothing here touches Django or the database; ``campaigns.experiments`` feeds it plain numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

ALPHA = 0.05
POWER = 0.8
# A sample-ratio mismatch is flagged at a strict level: it stops the report, so a false alarm
# is costly, and real breakage gives tiny p-values quickly.
SRM_ALPHA = 0.001

FloatArray = NDArray[np.float64]


# --- Rates ---------------------------------------------------------------------------------


def wilson(successes: float, trials: float, *, alpha: float = ALPHA) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``trials`` (``(0, 1)`` with none)."""
    if trials <= 0:
        return 0.0, 1.0
    z = float(stats.norm.ppf(1 - alpha / 2))
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # At 0 and at every trial a success, the bound is exactly the end (not a rounding off it).
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= trials else min(1.0, centre + half)
    return low, high


def wilson_arrays(
    successes: FloatArray, trials: FloatArray, *, alpha: float = ALPHA
) -> tuple[FloatArray, FloatArray]:
    """:func:`wilson` over arrays (days of one variant), vectorised."""
    z = float(stats.norm.ppf(1 - alpha / 2))
    n = np.maximum(trials, 1e-12)
    p = np.where(trials > 0, successes / n, 0.0)
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = np.where((trials > 0) & (successes > 0), np.maximum(0.0, centre - half), 0.0)
    high = np.where((trials > 0) & (successes < trials), np.minimum(1.0, centre + half), 1.0)
    return low, high


# --- The always-valid test -----------------------------------------------------------------


def _variance(successes: FloatArray, trials: FloatArray) -> FloatArray:
    """The plug-in variance of a rate estimate, floored so an all-0 or all-1 start is finite."""
    n = np.maximum(trials, 1.0)
    p = np.clip(successes / n, 0.5 / n, 1 - 0.5 / n)
    return p * (1 - p) / n


def mixture_log_likelihood_ratio(
    difference: FloatArray, variance: FloatArray, tau2: float
) -> FloatArray:
    """log Λ of the normal-mixture SPRT for H0: difference = 0, mixing over N(0, tau2)."""
    v = np.maximum(variance, 1e-18)
    return 0.5 * np.log(v / (v + tau2)) + difference**2 * tau2 / (2 * v * (v + tau2))


def confidence_half_width(variance: FloatArray, tau2: float, *, alpha: float) -> FloatArray:
    """Half the width of the always-valid interval: every θ with Λ(θ̂ − θ) < 1/α."""
    v = np.maximum(variance, 1e-18)
    return np.sqrt(v * (v + tau2) / tau2 * (2 * math.log(1 / alpha) + np.log((v + tau2) / v)))


def mixing_variance(baseline_rate: float, relative_effect: float) -> float:
    """The mixture's spread, set to the smallest effect worth detecting (its square)."""
    return max((baseline_rate * relative_effect) ** 2, 1e-12)


@dataclass(frozen=True)
class ConfidenceSequence:
    """One comparison over time: the difference and its always-valid interval per look,
    and the always-valid p-value (the running minimum of 1/Λ, capped at 1)."""

    difference: FloatArray
    low: FloatArray
    high: FloatArray
    p_value: FloatArray


def compare(
    control: tuple[FloatArray, FloatArray],
    variant: tuple[FloatArray, FloatArray],
    *,
    tau2: float,
    alpha: float = ALPHA,
) -> ConfidenceSequence:
    """Compare cumulative ``(successes, trials)`` series of a variant with the control's."""
    (cs, cn), (vs, vn) = control, variant
    rate_c = np.where(cn > 0, cs / np.maximum(cn, 1), 0.0)
    rate_v = np.where(vn > 0, vs / np.maximum(vn, 1), 0.0)
    difference = rate_v - rate_c
    variance = _variance(cs, cn) + _variance(vs, vn)
    log_ratio = mixture_log_likelihood_ratio(difference, variance, tau2)
    # No data on either side is no evidence, whatever the arithmetic says.
    log_ratio = np.where((cn > 0) & (vn > 0), log_ratio, -np.inf)
    p_value = np.minimum(1.0, np.minimum.accumulate(np.exp(-log_ratio), axis=-1))
    half = confidence_half_width(variance, tau2, alpha=alpha)
    return ConfidenceSequence(difference, difference - half, difference + half, p_value)


# --- Planning ------------------------------------------------------------------------------


def planned_sample_size(
    baseline_rate: float,
    relative_effect: float,
    *,
    weights: Sequence[float] = (1.0, 1.0),
    alpha: float = ALPHA,
    power: float = POWER,
) -> int:
    """The total number of units (all variants together) at which the sequential test finds
    a true ``relative_effect`` on ``baseline_rate`` with probability ``power``.

    The first weight is the control's. With several variants the level is split between the
    comparisons (Bonferroni, which Holm's procedure never does worse than); the least
    allocated variant sets the size.
    """
    if not 0 < baseline_rate < 1:
        raise ValueError("The baseline rate must be between 0 and 1.")
    if relative_effect <= 0:
        raise ValueError("The smallest effect worth detecting must be positive.")
    treated = baseline_rate * (1 + relative_effect)
    if treated >= 1:
        raise ValueError("That effect would put the rate at or above 100 %.")
    if len(weights) < 2 or min(weights) <= 0:
        raise ValueError("Give the control and at least one variant a positive weight.")
    total_weight = float(sum(weights))
    shares = [w / total_weight for w in weights]
    level = alpha / (len(weights) - 1)
    tau2 = mixing_variance(baseline_rate, relative_effect)
    effect = treated - baseline_rate
    z_power = float(stats.norm.ppf(power))
    control_share, variant_share = shares[0], min(shares[1:])

    def powered(total: int) -> bool:
        variance = np.array(
            [
                baseline_rate * (1 - baseline_rate) / (control_share * total)
                + treated * (1 - treated) / (variant_share * total)
            ]
        )
        half = float(confidence_half_width(variance, tau2, alpha=level)[0])
        return (effect - half) / math.sqrt(float(variance[0])) >= z_power

    high = 64
    while not powered(high):
        high *= 2
    low = high // 2
    while high - low > 1:
        middle = (low + high) // 2
        if powered(middle):
            high = middle
        else:
            low = middle
    return high


# --- Checks and corrections ----------------------------------------------------------------


@dataclass(frozen=True)
class SampleRatio:
    """The chi-squared check of the units each variant got against the allocation."""

    p_value: float
    mismatch: bool
    expected_shares: tuple[float, ...]
    observed_shares: tuple[float, ...]


def sample_ratio_check(
    units: Sequence[float], weights: Sequence[float], *, alpha: float = SRM_ALPHA
) -> SampleRatio:
    """Whether the units per variant are consistent with the allocation weights."""
    total = float(sum(units))
    total_weight = float(sum(weights))
    expected = [w / total_weight for w in weights]
    if total <= 0:
        return SampleRatio(1.0, False, tuple(expected), tuple(0.0 for _ in units))
    observed = [u / total for u in units]
    p_value = float(stats.chisquare(list(units), [e * total for e in expected]).pvalue)
    return SampleRatio(p_value, p_value < alpha, tuple(expected), tuple(observed))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    count = len(p_values)
    adjusted = [1.0] * count
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (count - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


# --- The whole analysis --------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """Daily counts of one outcome (clicks, helpline contacts…), one row per variant."""

    name: str
    primary: bool
    daily: Sequence[Sequence[float]]


@dataclass(frozen=True)
class Data:
    """An experiment's daily figures. The first variant is the control.

    ``units`` are the impressions (or assigned units) per variant and day: the denominators
    of every rate and what the sample-ratio check counts.
    """

    variants: Sequence[str]
    weights: Sequence[float]
    units: Sequence[Sequence[float]]
    outcomes: Sequence[Outcome]
    planned_units: int
    baseline_rate: float
    relative_effect: float
    alpha: float = ALPHA


@dataclass(frozen=True)
class VariantRate:
    variant: str
    successes: int
    trials: int
    rate: float
    low: float
    high: float


@dataclass(frozen=True)
class Comparison:
    """A variant against the control on one outcome, at the latest look."""

    outcome: str
    variant: str
    difference: float
    low: float
    high: float
    p_value: float
    adjusted_p_value: float
    significant: bool

    @property
    def direction(self) -> int:
        """+1 if the variant is reliably better, -1 if reliably worse, 0 if neither."""
        if not self.significant:
            return 0
        return 1 if self.difference > 0 else -1


@dataclass(frozen=True)
class DailyRates:
    """A variant's cumulative rate and Wilson interval after each day, for the charts."""

    variant: str
    rate: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


@dataclass(frozen=True)
class OutcomeResult:
    name: str
    primary: bool
    rates: tuple[VariantRate, ...]
    comparisons: tuple[Comparison, ...]
    daily: tuple[DailyRates, ...]


@dataclass(frozen=True)
class Verdict:
    """What the data supports, as a code the report words in the reader's language.

    ``code`` is one of ``no_data``, ``sample_ratio_mismatch``, ``collecting``, ``better``,
    ``worse``, ``mixed`` and ``no_difference``; ``variants`` names those reliably better (or
    worse, for ``worse``) than the control on the primary outcome.
    """

    code: str
    variants: tuple[str, ...] = ()
    progress: float = 0.0


@dataclass(frozen=True)
class Analysis:
    sample_ratio: SampleRatio
    units: int
    planned_units: int
    outcomes: tuple[OutcomeResult, ...]
    verdict: Verdict

    @property
    def enough_data(self) -> bool:
        return self.units >= self.planned_units


def _cumulative(rows: Sequence[Sequence[float]], variants: int, days: int) -> FloatArray:
    array = np.zeros((variants, days), dtype=np.float64)
    for index, row in enumerate(rows):
        values = np.asarray(row, dtype=np.float64)[:days]
        array[index, : len(values)] = values
    return np.cumsum(array, axis=1)


def analyse(data: Data) -> Analysis:
    """Rates, comparisons, the sample-ratio check and the verdict, at the latest day."""
    count = len(data.variants)
    if count < 2 or len(data.weights) != count or len(data.units) != count:
        raise ValueError("Give the control and at least one variant, each with a weight.")
    days = max((len(row) for row in data.units), default=0)
    units = _cumulative(data.units, count, days)
    totals = units[:, -1] if days else np.zeros(count)
    sample_ratio = sample_ratio_check([float(u) for u in totals], data.weights)
    tau2 = mixing_variance(data.baseline_rate, data.relative_effect)
    results: list[OutcomeResult] = []
    raw: list[tuple[int, int, ConfidenceSequence]] = []
    for o_index, outcome in enumerate(data.outcomes):
        successes = _cumulative(outcome.daily, count, days)
        if np.any(successes > units + 1e-9):
            raise ValueError(f"More {outcome.name} than units on some day.")
        for v_index in range(1, count):
            sequence = compare(
                (successes[0], units[0]),
                (successes[v_index], units[v_index]),
                tau2=tau2,
                alpha=data.alpha,
            )
            raw.append((o_index, v_index, sequence))
        results.append(_outcome_rates(data, outcome, successes, units))
    adjusted = holm([float(s.p_value[-1]) if days else 1.0 for _, _, s in raw])
    comparisons: dict[int, list[Comparison]] = {i: [] for i in range(len(data.outcomes))}
    for (o_index, v_index, sequence), p_adjusted in zip(raw, adjusted, strict=True):
        last = -1 if days else None
        comparisons[o_index].append(
            Comparison(
                outcome=data.outcomes[o_index].name,
                variant=data.variants[v_index],
                difference=float(sequence.difference[last]) if last else 0.0,
                low=float(sequence.low[last]) if last else -1.0,
                high=float(sequence.high[last]) if last else 1.0,
                p_value=float(sequence.p_value[last]) if last else 1.0,
                adjusted_p_value=p_adjusted,
                significant=p_adjusted <= data.alpha,
            )
        )
    outcomes = tuple(
        OutcomeResult(r.name, r.primary, r.rates, tuple(comparisons[i]), r.daily)
        for i, r in enumerate(results)
    )
    total_units = int(totals.sum())
    verdict = _verdict(outcomes, sample_ratio, total_units, data.planned_units)
    return Analysis(sample_ratio, total_units, data.planned_units, outcomes, verdict)


def _outcome_rates(
    data: Data, outcome: Outcome, successes: FloatArray, units: FloatArray
) -> OutcomeResult:
    rates = []
    daily = []
    for index, name in enumerate(data.variants):
        s = float(successes[index, -1]) if units.shape[1] else 0.0
        n = float(units[index, -1]) if units.shape[1] else 0.0
        low, high = wilson(s, n, alpha=data.alpha)
        rates.append(VariantRate(name, int(s), int(n), s / n if n else 0.0, low, high))
        lows, highs = wilson_arrays(successes[index], units[index], alpha=data.alpha)
        rate = np.where(units[index] > 0, successes[index] / np.maximum(units[index], 1), 0.0)
        daily.append(
            DailyRates(
                name,
                tuple(float(x) for x in rate),
                tuple(float(x) for x in lows),
                tuple(float(x) for x in highs),
            )
        )
    return OutcomeResult(outcome.name, outcome.primary, tuple(rates), (), tuple(daily))


def _verdict(
    outcomes: tuple[OutcomeResult, ...], sample_ratio: SampleRatio, units: int, planned: int
) -> Verdict:
    if units == 0:
        return Verdict("no_data")
    if sample_ratio.mismatch:
        return Verdict("sample_ratio_mismatch")
    progress = min(1.0, units / planned) if planned else 1.0
    if units < planned:
        return Verdict("collecting", progress=progress)
    primary = next((o for o in outcomes if o.primary), None)
    if primary is None:
        return Verdict("no_difference", progress=progress)
    better = tuple(c.variant for c in primary.comparisons if c.direction > 0)
    worse = tuple(c.variant for c in primary.comparisons if c.direction < 0)
    if better and worse:
        return Verdict("mixed", better, progress)
    if better:
        return Verdict("better", better, progress)
    if worse:
        return Verdict("worse", worse, progress)
    return Verdict("no_difference", progress=progress)
