"""Attributes, generalisation levels and their lattice, and the codes of a cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from narratives.disclosure.regions import REGION_OF

DEFAULT_K = 5

GENDERS = ("male", "female", "unknown")
AGE_BANDS = ("under_18", "18_24", "25_34", "35_44", "45_plus", "unknown")

ANY_GENDER = "person"
ANY_AGE = "any"
ANY_ORIGIN = "abroad"
ANY_PERIOD = "unknown"

_DASH = "\N{EN DASH}"  # between numbers in display labels, as in "18-24" typeset

_WIDE_AGE = {
    "under_18": "under_25",
    "18_24": "under_25",
    "25_34": "25_44",
    "35_44": "25_44",
    "45_plus": "45_plus",
    ANY_AGE: ANY_AGE,
}

# --------------------------------------------------------------------------------------
# Attributes, levels, lattice
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attributes:
    """The quasi-identifiers of one approved narrative (values as stored on the model).

    ``left`` is the month the person left (the model stores the first of the month; only the
    year and month are used). ``country`` is an upper-case ISO 3166-1 alpha-2 code, or "".
    """

    gender: str
    age_band: str
    country: str
    left: dt.date | None

    def __post_init__(self) -> None:
        if self.gender not in GENDERS:
            raise ValueError(f"unknown gender {self.gender!r}")
        if self.age_band not in AGE_BANDS:
            raise ValueError(f"unknown age band {self.age_band!r}")
        if self.country and self.country not in REGION_OF:
            raise ValueError(f"unknown country code {self.country!r}")
        if self.left is not None and (
            not isinstance(self.left, dt.date) or isinstance(self.left, dt.datetime)
        ):
            raise ValueError(f"left must be a date or None, not {self.left!r}")


@dataclass(frozen=True, slots=True, order=True)
class Levels:
    """One lattice node: the generalisation level of each attribute."""

    gender: int = 0
    age: int = 0
    origin: int = 0
    period: int = 0

    def __post_init__(self) -> None:
        for name, top in _TOPS.items():
            value = getattr(self, name)
            if not 0 <= value <= top:
                raise ValueError(f"{name} level {value} is outside 0..{top}")

    def covers(self, other: Levels) -> bool:
        """True if this node is at least as general as ``other`` in every attribute."""
        return (
            self.gender >= other.gender
            and self.age >= other.age
            and self.origin >= other.origin
            and self.period >= other.period
        )


_TOPS = {"gender": 1, "age": 2, "origin": 2, "period": 4}
MAX_LEVELS = Levels(**_TOPS)
ROOT = MAX_LEVELS


def _search_key(levels: Levels) -> tuple[int, ...]:
    return (
        levels.gender,
        levels.age + levels.origin + levels.period,
        levels.origin,
        levels.age,
        levels.period,
    )


LATTICE: tuple[Levels, ...] = tuple(
    sorted(
        (
            Levels(g, a, o, p)
            for g in range(_TOPS["gender"] + 1)
            for a in range(_TOPS["age"] + 1)
            for o in range(_TOPS["origin"] + 1)
            for p in range(_TOPS["period"] + 1)
        ),
        key=_search_key,
    )
)
"""All 90 lattice nodes in search order; the first is full detail, the last is :data:`ROOT`."""

Cell = tuple[str, str, str, str]


# --------------------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------------------


def _gender0(value: str) -> str:
    return ANY_GENDER if value == "unknown" else value


def _age0(value: str) -> str:
    return ANY_AGE if value == "unknown" else value


def _origin0(value: str) -> str:
    return value or ANY_ORIGIN


def _period0(value: dt.date | None) -> str:
    return ANY_PERIOD if value is None else f"{value.year:04d}-{value.month:02d}"


def _gender_at(code0: str, level: int) -> str:
    return code0 if level == 0 else ANY_GENDER


def _age_at(code0: str, level: int) -> str:
    if level == 0:
        return code0
    if level == 1:
        return _WIDE_AGE[code0]
    return ANY_AGE


def _origin_at(code0: str, level: int) -> str:
    if level == 0 or code0 == ANY_ORIGIN:
        return code0
    if level == 1:
        return REGION_OF[code0]
    return ANY_ORIGIN


def _period_at(code0: str, level: int) -> str:
    if level == 0 or code0 == ANY_PERIOD:
        return code0
    if level == 4:
        return ANY_PERIOD
    year, month = int(code0[:4]), int(code0[5:7])
    if level == 1:
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if level == 2:
        return f"{year:04d}"
    start = year - year % 2
    return f"{start:04d}-{start + 1:04d}"


def _fine(attributes: Attributes) -> Cell:
    """The level-0 codes: records with equal fine codes are indistinguishable."""
    return (
        _gender0(attributes.gender),
        _age0(attributes.age_band),
        _origin0(attributes.country),
        _period0(attributes.left),
    )


def _project(fine: Cell, levels: Levels) -> Cell:
    return (
        _gender_at(fine[0], levels.gender),
        _age_at(fine[1], levels.age),
        _origin_at(fine[2], levels.origin),
        _period_at(fine[3], levels.period),
    )


def cell(attributes: Attributes, levels: Levels) -> Cell:
    """The codes ``(gender, age, origin, period)`` of ``attributes`` at lattice node ``levels``."""
    return _project(_fine(attributes), levels)
