"""Assigning units to variants: deterministic, split as weighted, stable when weights change.

The statistical checks draw their units from fixed seeds, so they give the same answer on
every run: a pass cannot turn into a flake.
"""

from __future__ import annotations

import itertools
import random
import string
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from campaigns.experiments.analysis import sample_ratio_check
from campaigns.experiments.assignment import (
    Allocation,
    AssignmentError,
    assign_variant,
    validate_unit,
)

UNIT_ALPHABET = string.ascii_letters + string.digits + "-_"
units_strategy = st.text(UNIT_ALPHABET, min_size=16, max_size=128)
weight_strategy = st.floats(0.05, 20, allow_nan=False, allow_infinity=False)


def _units(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.getrandbits(128).to_bytes(16, "big").hex() for _ in range(count)]


def _allocation(weights, experiment="exp-1"):
    return Allocation(experiment, tuple("ABCD"[: len(weights)]), tuple(weights))


# --- Determinism ---------------------------------------------------------------------------


@given(
    units_strategy,
    st.text(min_size=1, max_size=80),
    st.lists(weight_strategy, min_size=2, max_size=4),
)
def test_the_same_unit_in_the_same_experiment_always_gets_the_same_variant(
    unit, experiment, weights
):
    first = _allocation(weights, experiment).assign(unit)
    again = _allocation(list(weights), experiment).assign(unit)
    via_function = assign_variant(
        unit, experiment=experiment, variants="ABCD"[: len(weights)], weights=weights
    )
    assert first == again == via_function


@given(units_strategy, st.lists(weight_strategy, min_size=2, max_size=4), st.randoms())
def test_the_order_in_which_variants_are_listed_does_not_matter(unit, weights, rng):
    pairs = list(zip("ABCD", weights, strict=False))
    shuffled = pairs[:]
    rng.shuffle(shuffled)
    listed = Allocation("exp", tuple(v for v, _ in pairs), tuple(w for _, w in pairs))
    reordered = Allocation("exp", tuple(v for v, _ in shuffled), tuple(w for _, w in shuffled))
    assert listed.assign(unit) == reordered.assign(unit)


def test_the_assignment_is_pinned_across_processes_and_releases():
    """The hash is the contract with every partner: changing it would move every unit in
    every running experiment. These values were computed once and must never change."""
    allocation = Allocation("42", ("101", "102", "103"), (1.0, 1.0, 2.0))
    units = _units(8, seed=2026)
    assert [allocation.assign(u) for u in units] == PINNED


PINNED = ["102", "103", "101", "101", "103", "102", "103", "101"]


def test_another_experiment_assigns_independently():
    units = _units(20_000, seed=5)
    one, other = _allocation((1, 1), "exp-1"), _allocation((1, 1), "exp-2")
    agree = sum(one.assign(u) == other.assign(u) for u in units) / len(units)
    # Independent halves agree half the time.
    assert agree == pytest.approx(0.5, abs=0.015)


# --- The split -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "seed"), [((1, 1), 11), ((1, 3), 12), ((2, 1, 1), 13), ((1, 2, 3, 4), 14)]
)
def test_a_hundred_thousand_units_split_as_weighted(weights, seed):
    allocation = _allocation(weights)
    counts = dict.fromkeys(allocation.variants, 0)
    for unit in _units(100_000, seed):
        counts[allocation.assign(unit)] += 1
    observed = [counts[v] for v in allocation.variants]
    expected = [share * 100_000 for share in allocation.shares]
    assert stats.chisquare(observed, expected).pvalue > 0.01
    for got, want in zip(observed, expected, strict=True):
        assert abs(got - want) / 100_000 < 0.01
    # And the analysis's own check sees no broken randomisation.
    assert not sample_ratio_check(observed, list(weights)).mismatch


# --- Changing the weights ------------------------------------------------------------------


@given(
    st.lists(weight_strategy, min_size=2, max_size=4),
    st.integers(0, 3),
    st.floats(0.1, 10),
    st.lists(units_strategy, min_size=50, max_size=50),
)
@settings(max_examples=60)
def test_changing_one_weight_moves_units_only_into_or_out_of_that_variant(
    weights, which, factor, units
):
    which %= len(weights)
    changed = list(weights)
    changed[which] *= factor
    before, after = _allocation(weights), _allocation(changed)
    target = before.variants[which]
    for unit in units:
        old, new = before.assign(unit), after.assign(unit)
        if old == new:
            continue
        if factor > 1:
            assert new == target  # a heavier variant only gains units
        else:
            assert old == target  # a lighter one only loses them


def _least_moved(before, after):
    """The least share of units any assignment can move: the total variation distance."""
    return 0.5 * sum(abs(a - b) for a, b in zip(before.shares, after.shares, strict=True))


def _rendezvous_moved(before, after):
    """The share rendezvous moves in expectation: 1 - the Jaccard index of the two
    distributions (Moulton & Jiang 2018), which equals the least when one weight changes."""
    x, y = before.shares, after.shares
    kept = sum(1 / sum(max(x[j] / x[i], y[j] / y[i]) for j in range(len(x))) for i in range(len(x)))
    return 1 - kept


def _cumulative_moved(before, after):
    """The share a point in [0, 1) mapped through cumulative weights would move."""
    edges = sorted(
        {0.0, 1.0, *itertools.accumulate(before.shares), *itertools.accumulate(after.shares)}
    )

    def bucket(shares, x):
        return sum(x >= edge for edge in itertools.accumulate(shares))

    return sum(
        high - low
        for low, high in itertools.pairwise(edges)
        if bucket(before.shares, (low + high) / 2) != bucket(after.shares, (low + high) / 2)
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ((1, 1), (3, 1)),
        ((1, 1, 1), (1, 1, 2)),
        ((1, 1, 1, 1), (4, 1, 1, 1)),
        ((1, 2, 1, 1), (1, 0.5, 1, 1)),
        ((0.4, 0.2, 0.4), (0.2, 0.2, 0.6)),
        ((1, 1, 1, 1), (1, 3, 3, 1)),
    ],
)
def test_a_weight_change_moves_few_units(old, new):
    """One weight changed: exactly the least any scheme can move. Several at once: what
    rendezvous promises, and fewer than cumulative intervals (which would move 0.4 against
    0.23 in the fifth case)."""
    units = _units(20_000, seed=21)
    before, after = _allocation(old), _allocation(new)
    moved = sum(before.assign(u) != after.assign(u) for u in units) / len(units)
    assert moved == pytest.approx(_rendezvous_moved(before, after), abs=0.01)
    assert moved >= _least_moved(before, after) - 0.01
    assert moved <= _cumulative_moved(before, after) + 0.01
    if sum(a != b for a, b in zip(old, new, strict=True)) == 1:
        assert _rendezvous_moved(before, after) == pytest.approx(_least_moved(before, after))


def test_scaling_every_weight_moves_nobody():
    units = _units(2_000, seed=3)
    before, after = _allocation((1, 2, 3)), _allocation((10, 20, 30))
    assert all(before.assign(u) == after.assign(u) for u in units)


# --- Validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ("abc", "unit_length"),
        ("a" * 129, "unit_length"),
        ("someone@example.org-xx", "unit_characters"),
        ("192.168.100.100.1234", "unit_characters"),
        ("+447700900123", "unit_length"),
        ("ab cd ef gh ij kl mn", "unit_characters"),
        ("é" * 20, "unit_characters"),
        ("0123456789abcdef\n", "unit_characters"),
        (12345678901234567890, "unit_type"),
        (None, "unit_type"),
    ],
)
def test_a_unit_that_is_not_a_hash_is_refused_without_repeating_it(unit, code):
    with pytest.raises(AssignmentError) as caught:
        validate_unit(unit)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)
    assert str(unit) not in str(caught.value)
    assert "hash" in str(caught.value)


@given(units_strategy)
def test_every_hex_or_url_safe_base64_hash_is_accepted(unit):
    assert validate_unit(unit) == unit


@pytest.mark.parametrize(
    ("kwargs", "code", "message"),
    [
        ({"variants": ("A",), "weights": (1,)}, "variants", "2 to 4 variants"),
        ({"variants": tuple("ABCDE"), "weights": (1,) * 5}, "variants", "2 to 4 variants"),
        ({"variants": ("A", "A"), "weights": (1, 1)}, "variants", "same key"),
        ({"variants": ("A", ""), "weights": (1, 1)}, "variants", "a key"),
        ({"variants": ("A", "B"), "weights": (1,)}, "weights", "one weight per variant"),
        ({"variants": ("A", "B"), "weights": (1, 0)}, "weights", "positive"),
        ({"variants": ("A", "B"), "weights": (1, -2)}, "weights", "positive"),
        ({"variants": ("A", "B"), "weights": (1, float("nan"))}, "weights", "positive"),
        ({"variants": ("A", "B"), "weights": (1, float("inf"))}, "weights", "positive"),
        ({"variants": ("A", "B"), "weights": (1, True)}, "weights", "positive"),
        ({"experiment": "", "variants": ("A", "B"), "weights": (1, 1)}, "experiment", "key"),
    ],
)
def test_an_impossible_allocation_is_refused_with_what_to_do(kwargs, code, message):
    kwargs = {"experiment": "exp", **kwargs}
    with pytest.raises(AssignmentError, match=message) as caught:
        Allocation(**kwargs)
    assert caught.value.code == code


def test_weights_from_the_database_or_in_any_numeric_type_assign_alike():
    units = _units(500, seed=8)
    as_ints = Allocation("exp", ("A", "B", "C"), (1, 2, 1))
    as_decimals = Allocation("exp", ["A", "B", "C"], [Decimal("1.00"), Decimal("2.00"), Decimal(1)])
    as_floats = Allocation("exp", ("A", "B", "C"), (1.0, 2.0, 1.0))
    assert as_ints == as_decimals == as_floats
    assert [as_ints.assign(u) for u in units] == [as_decimals.assign(u) for u in units]


@pytest.mark.parametrize("weight", ["1", b"1", None, object(), Decimal("NaN")])
def test_a_weight_that_is_not_a_number_is_refused(weight):
    with pytest.raises(AssignmentError, match="positive number"):
        Allocation("exp", ("A", "B"), (1, weight))


def test_a_long_experiment_key_is_accepted():
    allocation = Allocation("x" * 500, ("A", "B"), (1, 1))
    assert allocation.assign("0" * 32) in {"A", "B"}
