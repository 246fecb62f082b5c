"""Deterministic assignment of a unit to an experiment's variant: a pure function.

A partner that serves content itself sends a ``unit``: an opaque hash it computes from its
own identifier (we never see the identifier and store nothing about the unit). The same unit
in the same experiment always gets the same variant, on any server, in any process, forever:
the variant is a function of the experiment's key, the variants, their weights and the unit,
hashed with keyed BLAKE2b (never Python's ``hash()``, which is salted per process).

**Weighted rendezvous hashing** (an exponential race; Schindelhauer & Schomaker 2005; Moulton &
Jiang 2018, "Maximally consistent sampling and the Jaccard index of probability
distributions"). Every variant draws a uniform number ``u`` from the hash of (experiment,
variant, unit); the unit goes to the variant with the smallest ``-ln(u) / weight``. The
smallest of independent exponential draws with rates ``w_i`` is draw ``i`` with probability
``w_i / sum(w)``, so the split follows the weights exactly.

Why rendezvous rather than one point in [0, 1) mapped through cumulative weights: when the
weights change, both move the fewest units possible with two variants (the difference of the
shares). With three or four, changing one variant's weight moves, under rendezvous, only
units into or out of that variant, which is the least possible; cumulative intervals shift
every boundary after the changed one and can move up to about three times as many units
(with four variants). For arbitrary changes rendezvous is Pareto-optimal among stateless
schemes (Moulton & Jiang), and it does not depend on the order in which variants are listed.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

MIN_VARIANTS = 2
MAX_VARIANTS = 4
UNIT_MIN_LENGTH = 16
UNIT_MAX_LENGTH = 128
# Hex and URL-safe base64 (no padding): what a hash looks like. The floor of 16 characters
# and the alphabet keep out what is plainly not a hash (an e-mail address, an IP address, a
# phone number: E.164 numbers have at most 15 digits).
UNIT_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# A domain separation tag: these hashes mean nothing anywhere else.
_PERSON = b"cm-assign-v1"
# 53 bits of the digest: exactly representable in a float, and never 0 (see _uniform).
_BITS = 53
_SCALE = float(1 << _BITS)


class AssignmentError(ValueError):
    """A request that cannot be assigned; ``code`` names the rule, the message what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def validate_unit(unit: object) -> str:
    """Return ``unit`` if it looks like a hash, else raise :class:`AssignmentError`.

    The message never repeats the unit.
    """
    if not isinstance(unit, str):
        raise AssignmentError(
            "unit_type", "Send the unit as a string: the hash you computed for the person."
        )
    if not UNIT_MIN_LENGTH <= len(unit) <= UNIT_MAX_LENGTH:
        raise AssignmentError(
            "unit_length",
            f"The unit must be {UNIT_MIN_LENGTH} to {UNIT_MAX_LENGTH} characters long: send a "
            "hash of your own identifier (for example its hex SHA-256 with a secret salt of "
            "yours), never the identifier itself.",
        )
    if not UNIT_PATTERN.fullmatch(unit):
        raise AssignmentError(
            "unit_characters",
            "The unit may hold only letters, digits, '-' and '_' (hex or URL-safe base64 "
            "without padding): send a hash of your identifier, never the identifier itself.",
        )
    return unit


@dataclass(frozen=True)
class Allocation:
    """An experiment's variants and weights, validated once; :meth:`assign` is then cheap.

    ``experiment`` is the experiment's stable key (its id or UUID as a string): a different
    key gives an independent assignment. ``variants`` are stable variant keys (their ids),
    not display labels, so renaming a variant moves nobody.
    """

    experiment: str
    variants: tuple[str, ...]
    weights: tuple[float, ...]
    _hasher: hashlib.blake2b = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.experiment, str) or not self.experiment:
            raise AssignmentError("experiment", "Give the experiment's key (its id).")
        if not MIN_VARIANTS <= len(self.variants) <= MAX_VARIANTS:
            raise AssignmentError(
                "variants",
                f"An experiment has {MIN_VARIANTS} to {MAX_VARIANTS} variants; "
                f"this one has {len(self.variants)}.",
            )
        if any(not isinstance(v, str) or not v for v in self.variants):
            raise AssignmentError(
                "variants", "Give every variant a key: a non-empty string (its id as text)."
            )
        if len(set(self.variants)) != len(self.variants):
            raise AssignmentError("variants", "Two variants have the same key; give each its own.")
        if len(self.weights) != len(self.variants):
            raise AssignmentError(
                "weights",
                f"Give one weight per variant: {len(self.variants)} variants, "
                f"{len(self.weights)} weights.",
            )
        # Stored as floats, so an int, a Decimal from the database or a float give the same
        # assignment.
        object.__setattr__(self, "variants", tuple(self.variants))
        object.__setattr__(self, "weights", tuple(_weight(w) for w in self.weights))
        object.__setattr__(self, "_hasher", _keyed(self.experiment))

    def assign(self, unit: str) -> str:
        """The key of the variant ``unit`` is assigned to."""
        return self.variants[self.assign_index(unit)]

    def assign_index(self, unit: str) -> int:
        """The position in :attr:`variants` of the variant ``unit`` is assigned to."""
        hasher = self._hasher
        payload = validate_unit(unit).encode("ascii")
        best, best_score = 0, math.inf
        for index, (variant, weight) in enumerate(zip(self.variants, self.weights, strict=True)):
            # An exponential draw with rate ``weight``: the smallest wins.
            score = -math.log(_uniform(hasher, variant, payload)) / weight
            if score < best_score:
                best, best_score = index, score
        return best

    @property
    def shares(self) -> tuple[float, ...]:
        """The expected share of units per variant (what the sample-ratio check expects)."""
        total = float(sum(self.weights))
        return tuple(w / total for w in self.weights)


def assign_variant(
    unit: str, *, experiment: str, variants: Sequence[str], weights: Sequence[float]
) -> str:
    """Assign ``unit`` to one of ``variants`` of ``experiment``, in proportion to ``weights``."""
    return Allocation(experiment, tuple(variants), tuple(weights)).assign(unit)


def _weight(value: object) -> float:
    if isinstance(value, bool | str | bytes):
        weight = math.nan
    else:
        try:
            weight = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            weight = math.nan
    if not math.isfinite(weight) or weight <= 0:
        raise AssignmentError(
            "weights", "Every weight must be a positive number (for example 1, 1)."
        )
    return weight


def _keyed(experiment: str) -> hashlib.blake2b:
    key = experiment.encode("utf-8")
    if len(key) > hashlib.blake2b.MAX_KEY_SIZE:
        key = hashlib.blake2b(key, person=_PERSON).digest()
    return hashlib.blake2b(key=key, person=_PERSON, digest_size=16)


def _uniform(hasher: hashlib.blake2b, variant: str, unit: bytes) -> float:
    """A number in (0, 1] from the hash of (variant, unit) under the experiment's key."""
    h = hasher.copy()
    encoded = variant.encode("utf-8")
    # Length-prefixed, so no (variant, unit) pair can collide with another by concatenation.
    h.update(len(encoded).to_bytes(4, "big"))
    h.update(encoded)
    h.update(unit)
    value = int.from_bytes(h.digest()[:8], "big") >> (64 - _BITS)
    return (value + 1) / _SCALE
