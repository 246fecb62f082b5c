"""Time the experiment analysis, and simulate its error rates.

Run from the repository root: ``python bench/experiments.py``. Three parts:

1. ``analyse()`` over 100 experiments x 90 days of metrics (2 to 4 variants, 1 to 3
   outcomes, rates between 0.5 % and 10 %, a few hundred to tens of thousands of impressions
   a day), the median of several runs; goal: under 1 s for all 100. The baseline, timed in
   the same run on the same data, is the least any analysis must do: a plain numpy loop of
   cumulative rates, Wilson intervals and one fixed-horizon z-test per comparison.
2. 1,000 A/A experiments read every day up to the planned sample (90 looks), through
   ``analyse()``: the share in which some comparison was ever called significant (the
   always-valid p-value is the running minimum over the looks, so its last value is the
   daily reader's verdict). Promise: at most 5 %.
3. 1,000 experiments with a true 20 % lift, stopped at the planned sample (30 looks, fewer
   looks being the harder case for power): the share in which the lift was found. Promise:
   at least 80 %.

And, for the report page and the assignment endpoint: the time to draw every outcome's
chart and table, and one assignment's time.

Prints ``key=value`` pairs on the last line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from campaigns.experiments.analysis import (
    ALPHA,
    Data,
    Outcome,
    analyse,
    planned_sample_size,
)
from campaigns.experiments.assignment import Allocation
from campaigns.experiments.charts import ChartText, rate_chart, rate_table

FloatArray = NDArray[np.float64]
OUTCOMES = ("clicks", "helpline", "partner_reported")


def experiments(count: int, days: int, seed: int = 18) -> list[Data]:
    """``count`` experiments of ``days`` days, as the service would hand them over (lists)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        variants = int(rng.integers(2, 5))
        weights = [1.0] * variants if rng.random() < 0.7 else list(rng.integers(1, 4, variants))
        shares = np.asarray(weights, dtype=float) / sum(weights)
        per_day = rng.uniform(300, 30_000)
        # Weekly rhythm and a ramp-up in the first days, as campaigns have.
        rhythm = 1 + 0.3 * np.sin(np.arange(days) * 2 * np.pi / 7)
        ramp = np.minimum(1.0, (np.arange(days) + 1) / 5)
        units = rng.poisson(np.outer(shares, per_day * rhythm * ramp))
        outcomes = []
        base = float(rng.uniform(0.005, 0.1))
        for index in range(int(rng.integers(1, 4))):
            rate = base / (1 + 3 * index)  # secondary outcomes are rarer
            lifts = np.concatenate([[1.0], rng.uniform(0.9, 1.3, variants - 1)])
            successes = rng.binomial(units, np.minimum(rate * lifts, 1)[:, None])
            outcomes.append(Outcome(OUTCOMES[index], index == 0, successes.tolist()))
        out.append(
            Data(
                variants=[f"V{i}" for i in range(variants)],
                weights=[float(w) for w in weights],
                units=units.tolist(),
                outcomes=outcomes,
                planned_units=planned_sample_size(base, 0.2, weights=weights),
                baseline_rate=base,
                relative_effect=0.2,
            )
        )
    return out


def baseline(data: Data) -> tuple[list[FloatArray], list[float]]:
    """Cumulative rates and Wilson intervals per variant and day, and a fixed-horizon
    two-proportion z-test per comparison at the last day: the least an analysis does.
    Returns each outcome's Wilson low bounds and the comparisons' p-values."""
    z = float(stats.norm.ppf(1 - ALPHA / 2))
    units = np.cumsum(np.asarray(data.units, dtype=float), axis=1)
    n = np.maximum(units, 1)
    lows, p_values = [], []
    for outcome in data.outcomes:
        successes = np.cumsum(np.asarray(outcome.daily, dtype=float), axis=1)
        p = successes / n
        denominator = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
        lows.append(np.maximum(centre - half, 0.0))
        for v in range(1, len(data.variants)):
            pooled = (successes[0, -1] + successes[v, -1]) / (units[0, -1] + units[v, -1])
            se = np.sqrt(pooled * (1 - pooled) * (1 / n[0, -1] + 1 / n[v, -1]))
            statistic = (p[v, -1] - p[0, -1]) / se if se > 0 else 0.0
            p_values.append(float(2 * stats.norm.sf(abs(statistic))))
    return lows, p_values


def timed(function, items, runs: int) -> float:
    """The median over ``runs`` of the seconds to apply ``function`` to every item."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            function(item)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def simulate(
    rng: np.random.Generator, *, runs: int, base: float, lift: float, days: int
) -> tuple[float, float]:
    """The share of ``runs`` two-variant experiments up to the planned sample in which the
    variant was called better than the control; and in which it was called anything."""
    planned = planned_sample_size(base, 0.2)
    per_day = planned / 2 / days
    better = called = 0
    for _ in range(runs):
        units = rng.poisson(per_day, size=(2, days))
        successes = np.stack(
            [rng.binomial(units[0], base), rng.binomial(units[1], base * (1 + lift))]
        )
        data = Data(
            variants=["A", "B"],
            weights=[1.0, 1.0],
            units=units.tolist(),
            outcomes=[Outcome("clicks", True, successes.tolist())],
            planned_units=planned,
            baseline_rate=base,
            relative_effect=0.2,
        )
        (comparison,) = analyse(data).outcomes[0].comparisons
        called += comparison.significant
        better += comparison.direction > 0
    return better / runs, called / runs


CHART_TEXT = ChartText(
    title="Rate by variant",
    description="Lines and bands.",
    x_axis="Day",
    y_axis="Rate",
    summary="%(variant)s (%(style)s): %(rate)s on %(day)s (%(low)s to %(high)s).",
    no_data="%(variant)s: no data.",
    styles=("solid", "dashed", "dotted", "dash-dot"),
)


def charts(analyses: list, days: int) -> int:
    """Draw every outcome's chart and table of every experiment, as the reports would."""
    labels = [f"Day {d + 1}" for d in range(days)]
    size = 0
    for number, result in enumerate(analyses):
        for outcome in result.outcomes:
            svg = rate_chart(
                chart_id=f"c{number}", series=outcome.daily, days=labels, text=CHART_TEXT
            )
            rate_table(series=outcome.daily, days=labels)
            size += len(svg)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--experiments", type=int, default=100)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--runs", type=int, default=5, help="timing runs (the median is kept)")
    parser.add_argument("--simulations", type=int, default=1_000)
    parser.add_argument("--base", type=float, default=0.05, help="the simulations' base rate")
    args = parser.parse_args()

    items = experiments(args.experiments, args.days)
    for data in items:  # the baseline computes the same intervals as the analysis
        lows, _ = baseline(data)
        primary = analyse(data).outcomes[0].daily
        for index, variant in enumerate(primary):
            assert abs(variant.low[-1] - lows[0][index, -1]) < 1e-9
    analysis_s = timed(analyse, items, args.runs)
    baseline_s = timed(baseline, items, args.runs)
    variants = sum(len(d.variants) for d in items)
    comparisons = sum((len(d.variants) - 1) * len(d.outcomes) for d in items)

    analyses = [analyse(d) for d in items]
    start = time.perf_counter()
    svg_bytes = charts(analyses, args.days)
    charts_s = time.perf_counter() - start
    chart_count = sum(len(a.outcomes) for a in analyses)

    allocation = Allocation("bench", ("1", "2", "3", "4"), (1.0, 1.0, 1.0, 1.0))
    units = [f"{i:032x}" for i in range(20_000)]
    start = time.perf_counter()
    for unit in units:
        allocation.assign(unit)
    assign_us = 1e6 * (time.perf_counter() - start) / len(units)

    rng = np.random.default_rng(2026)
    start = time.perf_counter()
    _, aa_rate = simulate(rng, runs=args.simulations, base=args.base, lift=0.0, days=90)
    power, _ = simulate(rng, runs=args.simulations, base=args.base, lift=0.2, days=30)
    simulation_s = time.perf_counter() - start

    per_ms = 1000 * analysis_s / len(items)
    print(
        f"{len(items)} experiments x {args.days} days ({variants} variants, "
        f"{comparisons} comparisons): analyse {analysis_s:.3f} s ({per_ms:.2f} ms each; "
        f"goal < 1 s), numpy baseline {baseline_s:.3f} s ({analysis_s / baseline_s:.1f}x)"
    )
    print(
        f"{args.simulations} A/A experiments, daily looks to the planned sample: "
        f"false-positive rate {aa_rate:.3f} (promise <= {ALPHA}); true 20 % lift found at "
        f"the planned sample: {power:.3f} (promise >= 0.8); simulations {simulation_s:.1f} s"
    )
    print(
        f"{chart_count} charts and tables: {charts_s:.3f} s "
        f"({svg_bytes / chart_count / 1024:.0f} KiB of SVG each); "
        f"one assignment (4 variants): {assign_us:.1f} µs"
    )
    print(
        " ".join(
            [
                f"experiments={len(items)}",
                f"days={args.days}",
                f"comparisons={comparisons}",
                f"analysis_s={analysis_s:.3f}",
                f"per_experiment_ms={per_ms:.2f}",
                f"baseline_s={baseline_s:.3f}",
                f"ratio={analysis_s / baseline_s:.2f}",
                f"analysis_ok={analysis_s < 1.0}",
                f"aa_false_positive_rate={aa_rate:.3f}",
                f"aa_ok={aa_rate <= ALPHA}",
                f"power_at_plan={power:.3f}",
                f"power_ok={power >= 0.8}",
                f"simulation_s={simulation_s:.1f}",
                f"charts_s={charts_s:.3f}",
                f"assign_us={assign_us:.1f}",
            ]
        )
    )


if __name__ == "__main__":
    main()
