"""The experiment analysis: intervals, the always-valid test, the plan, the checks, the verdict.

The two simulations are the issue's promise: 1,000 A/A experiments looked at every day keep
the false-positive rate at or under 5 %, and a true 20 % lift is found at least 80 % of the
time by the planned sample.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from campaigns.experiments.analysis import (
    Data,
    Outcome,
    analyse,
    compare,
    holm,
    mixing_variance,
    planned_sample_size,
    sample_ratio_check,
    wilson,
    wilson_arrays,
)

# --- Wilson intervals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (0, 10, 0.0, 0.2775),
        (5, 10, 0.2366, 0.7634),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_matches_published_values(successes, trials, low, high):
    got = wilson(successes, trials)
    assert got == pytest.approx((low, high), abs=5e-4)


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_wilson_holds_the_rate_and_stays_in_zero_one(successes, trials):
    successes = min(successes, trials)
    low, high = wilson(successes, trials)
    assert 0.0 <= low <= successes / trials <= high <= 1.0


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=30))
def test_the_vectorised_wilson_agrees_with_the_scalar_one(pairs):
    successes = np.array([min(s, n) for s, n in pairs], dtype=float)
    trials = np.array([n for _, n in pairs], dtype=float)
    lows, highs = wilson_arrays(successes, trials)
    for s, n, low, high in zip(successes, trials, lows, highs, strict=True):
        assert (low, high) == pytest.approx(wilson(s, n), abs=1e-12)


def test_no_trials_is_the_whole_range():
    assert wilson(0, 0) == (0.0, 1.0)


# --- The always-valid confidence sequence --------------------------------------------------


def _series(values):
    return np.cumsum(np.asarray(values, dtype=float))


@given(
    st.lists(st.integers(50, 400), min_size=2, max_size=20),
    st.floats(0.02, 0.3),
    st.floats(0.02, 0.3),
)
@settings(max_examples=60)
def test_the_sequence_is_antisymmetric_and_its_p_value_never_rises(days, rate_a, rate_b):
    units = _series(days)
    a = (np.floor(units * rate_a), units)
    b = (np.floor(units * rate_b), units)
    ab = compare(a, b, tau2=mixing_variance(0.1, 0.2))
    ba = compare(b, a, tau2=mixing_variance(0.1, 0.2))
    assert np.allclose(ab.difference, -ba.difference)
    assert np.allclose(ab.p_value, ba.p_value)
    assert np.all(np.diff(ab.p_value) <= 1e-12)
    assert np.all((ab.p_value >= 0) & (ab.p_value <= 1))
    assert np.all(ab.low <= ab.difference) and np.all(ab.difference <= ab.high)


def test_the_interval_narrows_as_data_grows_and_excludes_zero_when_significant():
    units = _series([1000] * 60)
    control = (np.round(units * 0.05), units)
    variant = (np.round(units * 0.08), units)
    sequence = compare(control, variant, tau2=mixing_variance(0.05, 0.2))
    widths = sequence.high - sequence.low
    assert np.all(np.diff(widths) < 0)
    significant = sequence.p_value <= 0.05
    assert significant[-1]
    # Where the always-valid p-value says significant, the interval leaves out 0.
    assert np.all(sequence.low[significant] > 0)


def test_no_data_on_one_side_is_no_evidence():
    units = _series([0, 0, 100])
    control = (np.zeros(3), np.zeros(3))
    variant = (np.round(units * 0.5), units)
    assert compare(control, variant, tau2=0.01).p_value.tolist() == [1.0, 1.0, 1.0]


# --- The plan ------------------------------------------------------------------------------


def test_the_plan_is_larger_than_a_fixed_horizon_test_needs_and_grows_as_the_effect_shrinks():
    base, lift = 0.05, 0.2
    treated = base * (1 + lift)
    z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)
    fixed_per_arm = z**2 * (base * (1 - base) + treated * (1 - treated)) / (treated - base) ** 2
    planned = planned_sample_size(base, lift)
    # Looking every day costs sample: more than a single-look test, but not absurdly more.
    assert 2 * fixed_per_arm < planned < 5 * fixed_per_arm
    assert planned_sample_size(base, 0.1) > planned > planned_sample_size(base, 0.4)
    # More variants split the level and the units.
    assert planned_sample_size(base, lift, weights=(1, 1, 1)) > planned
    # A control that gets less of the traffic needs more units in all.
    assert planned_sample_size(base, lift, weights=(1, 3)) > planned


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline_rate": 0, "relative_effect": 0.2}, "between 0 and 1"),
        ({"baseline_rate": 0.5, "relative_effect": 0}, "must be positive"),
        ({"baseline_rate": 0.9, "relative_effect": 0.2}, "above 100"),
        ({"baseline_rate": 0.1, "relative_effect": 0.2, "weights": (1,)}, "at least one"),
        ({"baseline_rate": 0.1, "relative_effect": 0.2, "weights": (1, 0)}, "positive weight"),
    ],
)
def test_an_impossible_plan_is_refused_with_the_reason(kwargs, message):
    with pytest.raises(ValueError, match=message):
        planned_sample_size(**kwargs)


# --- Sample-ratio mismatch and Holm --------------------------------------------------------


def test_the_sample_ratio_check_flags_broken_randomisation_only():
    assert not sample_ratio_check([5_030, 4_970], [1, 1]).mismatch
    assert not sample_ratio_check([2_480, 7_520], [1, 3]).mismatch
    broken = sample_ratio_check([5_300, 4_700], [1, 1])
    assert broken.mismatch and broken.p_value < 0.001
    assert broken.observed_shares == pytest.approx((0.53, 0.47))
    assert not sample_ratio_check([0, 0], [1, 1]).mismatch


def test_the_sample_ratio_check_keeps_its_false_alarm_rate():
    rng = np.random.default_rng(7)
    alarms = sum(
        sample_ratio_check(list(rng.multinomial(20_000, [0.5, 0.25, 0.25])), [2, 1, 1]).mismatch
        for _ in range(2_000)
    )
    assert alarms <= 10  # 0.1 % expected: 2 in 2,000


def test_holm_matches_the_textbook_example():
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_holm_never_lowers_a_p_value_and_keeps_their_order(p_values):
    adjusted = holm(p_values)
    assert all(a >= p - 1e-12 and a <= 1 for a, p in zip(adjusted, p_values, strict=True))
    ranked = sorted(range(len(p_values)), key=lambda i: p_values[i])
    assert all(
        adjusted[ranked[i]] <= adjusted[ranked[i + 1]] + 1e-12 for i in range(len(ranked) - 1)
    )


# --- The simulations -----------------------------------------------------------------------


def _simulate(rng, *, base, true_rate, total, days, runs=1_000):
    """``runs`` two-variant experiments of ``total`` units over ``days``, looked at daily:
    the share in which the always-valid p-value reached 0.05 on some day."""
    per_day = total / 2 / days
    units = rng.poisson(per_day, size=(runs, 2, days))
    successes = np.stack(
        [rng.binomial(units[:, 0], base), rng.binomial(units[:, 1], true_rate)], axis=1
    )
    n, s = units.cumsum(-1).astype(float), successes.cumsum(-1).astype(float)
    sequence = compare((s[:, 0], n[:, 0]), (s[:, 1], n[:, 1]), tau2=mixing_variance(base, 0.2))
    # The p-value is the running minimum over the looks: its last value is the daily peek.
    return float(np.mean(sequence.p_value[:, -1] <= 0.05))


@pytest.mark.parametrize("base", [0.02, 0.05, 0.2])
def test_a_thousand_a_a_experiments_looked_at_daily_keep_false_positives_at_five_percent(base):
    rng = np.random.default_rng(int(base * 1000))
    total = planned_sample_size(base, 0.2)
    rate = _simulate(rng, base=base, true_rate=base, total=total, days=90)
    assert rate <= 0.05


@pytest.mark.parametrize("base", [0.02, 0.05, 0.2])
def test_a_true_twenty_percent_lift_is_found_by_the_planned_sample_four_times_in_five(base):
    rng = np.random.default_rng(int(base * 1000) + 1)
    total = planned_sample_size(base, 0.2)
    power = _simulate(rng, base=base, true_rate=base * 1.2, total=total, days=30)
    assert power >= 0.8


def test_a_naive_daily_z_test_would_have_inflated_the_false_positives():
    """The reason for the sequential test: the same A/A data read with a fixed-horizon z-test
    every day calls a winner far more often than 5 %."""
    rng = np.random.default_rng(3)
    runs, days, per_day, base = 1_000, 60, 200, 0.05
    units = rng.poisson(per_day, size=(runs, 2, days))
    successes = rng.binomial(units, base)
    n, s = units.cumsum(-1).astype(float), successes.cumsum(-1).astype(float)
    rate = s / n
    pooled = (s[:, 0] + s[:, 1]) / (n[:, 0] + n[:, 1])
    se = np.sqrt(pooled * (1 - pooled) * (1 / n[:, 0] + 1 / n[:, 1]))
    z = np.abs(rate[:, 1] - rate[:, 0]) / np.where(se > 0, se, np.inf)
    naive = float(np.mean(np.any(z > 1.96, axis=-1)))
    assert naive > 0.15


# --- The whole analysis and its verdict ----------------------------------------------------


def _data(units, clicks, *, planned=1_000, weights=None, secondary=None):
    outcomes = [Outcome("clicks", True, clicks)]
    if secondary is not None:
        outcomes.append(Outcome("helpline", False, secondary))
    names = ["A", "B", "C", "D"][: len(units)]
    return Data(
        variants=names,
        weights=weights or [1] * len(units),
        units=units,
        outcomes=outcomes,
        planned_units=planned,
        baseline_rate=0.05,
        relative_effect=0.2,
    )


def test_no_data_yet():
    assert analyse(_data([[], []], [[], []])).verdict.code == "no_data"


def test_before_the_planned_sample_the_verdict_is_not_enough_data_even_if_it_looks_clear():
    data = _data([[100] * 5, [100] * 5], [[2] * 5, [20] * 5], planned=10_000)
    analysis = analyse(data)
    assert analysis.verdict.code == "collecting"
    assert analysis.verdict.progress == pytest.approx(0.1)
    assert not analysis.enough_data


def test_a_clear_winner_at_the_planned_sample():
    data = _data([[2_000] * 10, [2_000] * 10], [[100] * 10, [160] * 10], planned=40_000)
    analysis = analyse(data)
    assert analysis.verdict.code == "better" and analysis.verdict.variants == ("B",)
    (comparison,) = analysis.outcomes[0].comparisons
    assert comparison.difference == pytest.approx(0.03)
    assert comparison.low > 0 and comparison.direction == 1
    rates = {r.variant: r for r in analysis.outcomes[0].rates}
    assert rates["A"].rate == pytest.approx(0.05) and rates["B"].rate == pytest.approx(0.08)
    assert len(analysis.outcomes[0].daily[0].rate) == 10


def test_no_difference_is_said_plainly_and_no_winner_named():
    data = _data([[2_000] * 10, [2_000] * 10], [[100] * 10, [104] * 10], planned=40_000)
    verdict = analyse(data).verdict
    assert verdict.code == "no_difference" and verdict.variants == ()


def test_a_broken_allocation_stops_the_verdict_before_anything_else():
    data = _data([[2_300] * 10, [1_700] * 10], [[100] * 10, [200] * 10], planned=40_000)
    analysis = analyse(data)
    assert analysis.sample_ratio.mismatch
    assert analysis.verdict.code == "sample_ratio_mismatch"


def test_holm_spans_variants_and_secondary_outcomes():
    units = [[2_000] * 10] * 4
    clicks = [[100] * 10, [112] * 10, [100] * 10, [100] * 10]
    helpline = [[10] * 10] * 4
    analysis = analyse(_data(units, clicks, planned=80_000, secondary=helpline))
    comparisons = [c for o in analysis.outcomes for c in o.comparisons]
    assert len(comparisons) == 6
    raw = [c.p_value for c in comparisons]
    assert [c.adjusted_p_value for c in comparisons] == pytest.approx(holm(raw))


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError, match="More clicks than units"):
        analyse(_data([[10], [10]], [[11], [1]]))
    with pytest.raises(ValueError, match="each with a weight"):
        analyse(_data([[10]], [[1]]))


def test_the_analysis_is_finite_for_extreme_counts():
    data = _data([[1] * 3, [1_000_000] * 3], [[0] * 3, [1_000_000] * 3], planned=10)
    analysis = analyse(data)
    for outcome in analysis.outcomes:
        for c in outcome.comparisons:
            assert all(math.isfinite(x) for x in (c.difference, c.low, c.high, c.p_value))
