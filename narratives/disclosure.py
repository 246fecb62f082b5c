"""Disclosure control for narrative attributes (k-anonymity by generalisation).

The people behind the narratives can be killed if identified. Wherever a narrative's
attributes leave the system (the API, an attribution line on an image), the tuple
``(gender, age band, country, month left)`` is generalised so that at least ``k``
approved narratives carry exactly the same release.

Pure Python: no Django, no database, no network. Callers pass the attribute tuples of
*all approved* narratives (the population) and ``k`` (a setting, default 5).

The lattice
-----------
Each attribute has generalisation levels; a lattice node is one level per attribute::

    gender  0 male / female          1 person
    age     0 under_18 ... 45_plus   1 under_25 / 25_44 / 45_plus   2 any
    origin  0 ISO code (FR)          1 region (western_europe)      2 abroad
    period  0 month (2015-03)        1 quarter (2015-Q1)            2 year (2015)
            3 two-year span, aligned to even years (2014-2015)      4 unknown

Unknown values ("unknown" gender or age band, country "", no date) take the most general
code at every level, so they never narrow a release. The 2 x 3 x 3 x 5 = 90 nodes are
searched in a fixed order (:data:`LATTICE`), sorted by the key
``(gender level, age + origin + period levels, origin level, age level, period level)``:

* gender is suppressed only as a last resort: it is the attribute a prevention message is
  most often framed on, and with only two values it rarely buys much anonymity;
* otherwise the node with the fewest generalisation steps comes first;
* ties go to the node that keeps the country, then the age band, and generalises time.
  The month someone left is both the least useful detail for a prevention message and one
  of the most identifying (peers and the group's security apparatus know who left when),
  while country/region is what programmes target their messages on.

The release rule (why not "the smallest node where k members share my cell")
-----------------------------------------------------------------------------
Choosing, per record, the first node at which at least ``k`` population members share its
cell is *not* safe. Take one narrative from FR and four from DE (all else equal, k=5): the
FR record needs "Western Europe" (5 members), but the four DE records are released as
"DE". Someone who knows a French defector gave testimony sees exactly one release that can
be his. Per-record generalisation must make the records that *share a release* number at
least ``k``, not the records that merely fall in the same cell.

So the population is processed as a whole, deterministically (the result does not depend
on the order of the population):

1. walk the nodes in :data:`LATTICE` order; at each node, group the records not yet released
   by their cell at that node; every cell holding ``>= k`` unreleased records is released
   there, all its records get that same release;
2. the last node is the root (everything generalised), which has a single cell; if fewer than
   ``k`` records are left for it, the smallest group already released (ties: the most
   general node, then the codes) is moved up to the root as well, so the root group has
   ``>= k`` members too;
3. if the whole population has fewer than ``k`` members, every release is the root with
   ``below_k=True``: callers must not show any attribute, and should not publish the
   narratives at all while the population is that small (no generalisation can protect a
   set of fewer than ``k`` narratives).

Guarantee: every group of identical releases (same codes, same levels) has ``>= k`` members,
and every member's true attributes lie in its released cell. So for anyone whose four
attributes an adversary knows, at least ``k`` narratives are consistent with that person.
Anything *displayed* that drops fields from a release (an attribution line without age) is a
further generalisation of it and so stays safe.

Residual risks (not solved here; callers and operators must manage them)
-----------------------------------------------------------------------
* Intersection over time. Releases depend on the whole approved population. When a narrative
  is approved or retired, other narratives' releases can change (finer or coarser). An
  adversary who archives successive API pages or images can intersect a narrative's old and
  new releases, and exclude others, ending below ``k``. Mitigations: compute releases from one
  snapshot and use that snapshot everywhere at once (API and images), recompute on a
  schedule rather than on every approval, don't regenerate published images needlessly, and
  keep ``k`` comfortably above the minimum.
* Changing ``k``. Releases are *not* monotone in ``k``: a record that was fully generalised
  for ``k=2`` can get a more specific cell for ``k=3`` once its neighbours stop forming
  groups of their own. Intersecting releases made with different ``k`` can leak; treat a
  change of ``k`` like a population change.
* Determinism is what keeps one narrative's release the same on every page and image (a
  given narrative in a given population always gets the same release); never release the
  same narrative from two different populations (say, a "per campaign" subset) at once.
* The narrative text, its language and its reasons are quasi-identifiers too; this module
  only controls the four attributes.
* k-anonymity is not l-diversity: a group's members may share other facts.
* Aggregate tables: see :func:`suppress_small_cells` (one-dimensional complementary
  suppression only).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "AGE_BANDS",
    "DEFAULT_K",
    "GENDERS",
    "LATTICE",
    "MAX_LEVELS",
    "REGION_NAMES",
    "REGION_OF",
    "ROOT",
    "Attributes",
    "DisclosureIndex",
    "Levels",
    "NotInPopulationError",
    "Released",
    "attribution_line",
    "cell",
    "generalise",
    "suppress_small_cells",
]

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
# Region table: ISO 3166-1 alpha-2 -> region, authored for this project after the UN M49
# sub-regions. Practical merges: Melanesia, Micronesia and Polynesia form "Pacific Islands";
# Antarctica gets its own entry; Kosovo (XK) and the withdrawn codes AN (Netherlands
# Antilles) and CS (Serbia and Montenegro) are placed where their territory lies.
# --------------------------------------------------------------------------------------

REGION_NAMES: dict[str, dict[str, str]] = {
    "northern_africa": {"en": "Northern Africa", "fr": "Afrique du Nord", "ar": "شمال أفريقيا"},
    "sub_saharan_africa": {
        "en": "Sub-Saharan Africa",
        "fr": "Afrique subsaharienne",
        "ar": "أفريقيا جنوب الصحراء",
    },
    "latin_america_caribbean": {
        "en": "Latin America and the Caribbean",
        "fr": "Amérique latine et Caraïbes",
        "ar": "أمريكا اللاتينية والكاريبي",
    },
    "northern_america": {
        "en": "Northern America",
        "fr": "Amérique du Nord",
        "ar": "أمريكا الشمالية",
    },
    "central_asia": {"en": "Central Asia", "fr": "Asie centrale", "ar": "آسيا الوسطى"},
    "eastern_asia": {"en": "Eastern Asia", "fr": "Asie de l'Est", "ar": "شرق آسيا"},
    "south_eastern_asia": {
        "en": "South-eastern Asia",
        "fr": "Asie du Sud-Est",
        "ar": "جنوب شرق آسيا",
    },
    "southern_asia": {"en": "Southern Asia", "fr": "Asie du Sud", "ar": "جنوب آسيا"},
    "western_asia": {"en": "Western Asia", "fr": "Asie occidentale", "ar": "غرب آسيا"},
    "eastern_europe": {"en": "Eastern Europe", "fr": "Europe de l'Est", "ar": "أوروبا الشرقية"},
    "northern_europe": {"en": "Northern Europe", "fr": "Europe du Nord", "ar": "أوروبا الشمالية"},
    "southern_europe": {"en": "Southern Europe", "fr": "Europe du Sud", "ar": "أوروبا الجنوبية"},
    "western_europe": {"en": "Western Europe", "fr": "Europe de l'Ouest", "ar": "أوروبا الغربية"},
    "australia_new_zealand": {
        "en": "Australia and New Zealand",
        "fr": "Australie et Nouvelle-Zélande",
        "ar": "أستراليا ونيوزيلندا",
    },
    "pacific_islands": {
        "en": "Pacific Islands",
        "fr": "Îles du Pacifique",
        "ar": "جزر المحيط الهادئ",
    },
    "antarctica": {"en": "Antarctica", "fr": "Antarctique", "ar": "القارة القطبية الجنوبية"},
}

_REGION_MEMBERS: dict[str, str] = {
    "northern_africa": "DZ EG EH LY MA SD TN",
    "sub_saharan_africa": (
        # Eastern Africa
        "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW "
        # Middle Africa
        "AO CD CF CG CM GA GQ ST TD "
        # Southern Africa
        "BW LS NA SZ ZA "
        # Western Africa
        "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG"
    ),
    "latin_america_caribbean": (
        # Caribbean
        "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI "
        # Central America
        "BZ CR GT HN MX NI PA SV "
        # South America
        "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE"
    ),
    "northern_america": "BM CA GL PM US",
    "central_asia": "KG KZ TJ TM UZ",
    "eastern_asia": "CN HK JP KP KR MN MO TW",
    "south_eastern_asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "southern_asia": "AF BD BT IN IR LK MV NP PK",
    "western_asia": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    "eastern_europe": "BG BY CZ HU MD PL RO RU SK UA",
    "northern_europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "southern_europe": "AD AL BA CS ES GI GR HR IT ME MK MT PT RS SI SM VA XK",
    "western_europe": "AT BE CH DE FR LI LU MC NL",
    "australia_new_zealand": "AU CC CX HM NF NZ",
    "pacific_islands": (
        # Melanesia, Micronesia, Polynesia
        "FJ NC PG SB VU FM GU KI MH MP NR PW UM AS CK NU PF PN TK TO TV WF WS"
    ),
    "antarctica": "AQ",
}


def _invert(members: Mapping[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for region, codes in members.items():
        for code in codes.split():
            if code in table:
                raise ValueError(f"{code} is listed in {table[code]} and {region}")
            table[code] = region
    return table


REGION_OF: dict[str, str] = _invert(_REGION_MEMBERS)
"""ISO 3166-1 alpha-2 code -> region code (a key of :data:`REGION_NAMES`)."""

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


# --------------------------------------------------------------------------------------
# Releases
# --------------------------------------------------------------------------------------

AGE_LABELS = {
    "under_18": "under 18",
    "18_24": f"18{_DASH}24",
    "25_34": f"25{_DASH}34",
    "35_44": f"35{_DASH}44",
    "45_plus": "45 and over",
    "under_25": "under 25",
    "25_44": f"25{_DASH}44",
    ANY_AGE: "any",
}


@dataclass(frozen=True, slots=True)
class Released:
    """What may leave the system about one narrative.

    ``gender``/``age``/``origin``/``period`` are English display labels ("Western Europe",
    "2015-Q1", "2014-2015" typeset with an en dash); the ``*_code`` fields are stable machine codes
    ("western_europe", "2015-Q1", "2014-2015"); ``levels`` is the lattice node used.
    ``suppressed``: nothing is known beyond "a narrative" (the root node).
    ``below_k``: the whole population is smaller than ``k``; show no attributes at all.
    """

    gender: str
    age: str
    origin: str
    period: str
    gender_code: str
    age_code: str
    origin_code: str
    period_code: str
    levels: Levels
    suppressed: bool = False
    below_k: bool = False

    @property
    def codes(self) -> Cell:
        return (self.gender_code, self.age_code, self.origin_code, self.period_code)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready representation for the API."""
        return {
            "gender": self.gender_code,
            "age": self.age_code,
            "origin": self.origin_code,
            "period": self.period_code,
            "labels": {
                "gender": self.gender,
                "age": self.age,
                "origin": self.origin,
                "period": self.period,
            },
            "levels": {
                "gender": self.levels.gender,
                "age": self.levels.age,
                "origin": self.levels.origin,
                "period": self.levels.period,
            },
            "suppressed": self.suppressed,
        }


def _origin_label(code: str) -> str:
    if code in REGION_NAMES:
        return REGION_NAMES[code]["en"]
    return code  # an ISO code, or "abroad"


def _make_release(codes: Cell, levels: Levels, *, below_k: bool = False) -> Released:
    gender, age, origin, period = codes
    return Released(
        gender=gender,
        age=AGE_LABELS[age],
        origin=_origin_label(origin),
        period=period.replace("-", _DASH) if levels.period == 3 else period,
        gender_code=gender,
        age_code=age,
        origin_code=origin,
        period_code=period,
        levels=levels,
        suppressed=levels == ROOT or below_k,
        below_k=below_k,
    )


_ROOT_CODES: Cell = (ANY_GENDER, ANY_AGE, ANY_ORIGIN, ANY_PERIOD)


class NotInPopulationError(KeyError):
    """The target is not one of the approved narratives the release was computed over."""


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive integer, not {k!r}")


def _pull_key(size: int, node: int, codes: Cell) -> tuple[int, int, Cell]:
    """Which released group moves to the root when the root is short: the smallest, then
    the most general node (its members lose least), then the codes (for determinism)."""
    return (size, -node, codes)


def generalise(
    target: Attributes, population: Sequence[Attributes], k: int = DEFAULT_K
) -> Released:
    """Release one narrative's attributes; ``target`` must be a member of ``population``.

    Straightforward reference implementation of the release rule (module docstring): it
    walks the whole lattice over the whole population, O(len(population) x 90). For many
    lookups build a :class:`DisclosureIndex` once; both always agree.
    """
    _check_k(k)
    members = list(population)
    if target not in members:
        raise NotInPopulationError(target)
    if len(members) < k:
        return _make_release(_ROOT_CODES, ROOT, below_k=True)
    target_fine = _fine(target)
    pending = [_fine(member) for member in members]
    groups: list[tuple[int, int, Cell]] = []
    target_release: tuple[int, Cell] | None = None
    for index, levels in enumerate(LATTICE):
        by_cell: dict[Cell, list[Cell]] = defaultdict(list)
        for fine in pending:
            by_cell[_project(fine, levels)].append(fine)
        pending = []
        for codes, fines in by_cell.items():
            if len(fines) >= k:
                groups.append((len(fines), index, codes))
                if target_release is None and target_fine in fines:
                    target_release = (index, codes)
            else:
                pending.extend(fines)
    if target_release is None:
        return _make_release(_ROOT_CODES, ROOT)
    if pending:
        _size, index, codes = min(groups, key=lambda group: _pull_key(*group))
        if (index, codes) == target_release:
            return _make_release(_ROOT_CODES, ROOT)
    index, codes = target_release
    return _make_release(codes, LATTICE[index])


class DisclosureIndex:
    """Releases for every member of one population, computed once.

    Building costs O(distinct tuples x 90) with one Counter of cell sizes per lattice node;
    :meth:`release` is then a dictionary lookup. Build one per snapshot of the approved
    narratives and use it for every page and image of that snapshot.
    """

    def __init__(self, population: Iterable[Attributes], k: int = DEFAULT_K) -> None:
        _check_k(k)
        self.k = k
        fine_counts = Counter(_fine(member) for member in population)
        self.size = sum(fine_counts.values())
        self.below_k = self.size < k
        self._releases: dict[Cell, Released] = {}
        self._group_sizes: dict[Released, int] = {}
        if self.size == 0:
            return
        if self.below_k:
            root = _make_release(_ROOT_CODES, ROOT, below_k=True)
            self._releases = dict.fromkeys(fine_counts, root)
            self._group_sizes = {root: self.size}
            return
        self._build(fine_counts)

    def _build(self, fine_counts: Counter[Cell]) -> None:
        k = self.k
        # Per-attribute code tables: (fine code, level) -> code, so projection is lookups.
        tables = []
        for position, (at, top) in enumerate(
            zip(
                (_gender_at, _age_at, _origin_at, _period_at),
                _TOPS.values(),
                strict=True,
            )
        ):
            values = {fine[position] for fine in fine_counts}
            tables.append(
                {value: [at(value, level) for level in range(top + 1)] for value in values}
            )
        gender_t, age_t, origin_t, period_t = tables

        pending: dict[Cell, int] = dict(fine_counts)
        groups: dict[tuple[int, Cell], list[Cell]] = {}
        sizes: dict[tuple[int, Cell], int] = {}
        for index, levels in enumerate(LATTICE):
            if not pending:
                break
            counts: Counter[Cell] = Counter()
            fines_of: dict[Cell, list[Cell]] = defaultdict(list)
            for fine, count in pending.items():
                codes = (
                    gender_t[fine[0]][levels.gender],
                    age_t[fine[1]][levels.age],
                    origin_t[fine[2]][levels.origin],
                    period_t[fine[3]][levels.period],
                )
                counts[codes] += count
                fines_of[codes].append(fine)
            for codes, count in counts.items():
                if count >= k:
                    groups[(index, codes)] = fines_of[codes]
                    sizes[(index, codes)] = count
                    for fine in fines_of[codes]:
                        del pending[fine]
        if pending:  # fewer than k left for the root: move the smallest group up as well
            index, codes = min(sizes, key=lambda key: _pull_key(sizes[key], *key))
            leftover = sum(pending.values())
            root_fines = [*pending, *groups.pop((index, codes))]
            root_size = leftover + sizes.pop((index, codes))
            groups[(len(LATTICE) - 1, _ROOT_CODES)] = root_fines
            sizes[(len(LATTICE) - 1, _ROOT_CODES)] = root_size
        for (index, codes), fines in groups.items():
            release = _make_release(codes, LATTICE[index])
            self._group_sizes[release] = sizes[(index, codes)]
            for fine in fines:
                self._releases[fine] = release

    def __len__(self) -> int:
        return self.size

    def __contains__(self, target: object) -> bool:
        return isinstance(target, Attributes) and _fine(target) in self._releases

    def release(self, target: Attributes) -> Released:
        """The release of ``target``, which must be a member of the population."""
        try:
            return self._releases[_fine(target)]
        except KeyError:
            raise NotInPopulationError(target) from None

    def group_sizes(self) -> dict[Released, int]:
        """How many members share each release (internal use: do not publish the sizes)."""
        return dict(self._group_sizes)


# --------------------------------------------------------------------------------------
# Attribution lines
# --------------------------------------------------------------------------------------

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "ar": [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
}

_LINE_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "sep": ", ",
        ANY_ORIGIN: "abroad",
        "male": "man",
        "female": "woman",
        "under_18": "aged under 18",
        "18_24": f"aged 18{_DASH}24",
        "25_34": f"aged 25{_DASH}34",
        "35_44": f"aged 35{_DASH}44",
        "45_plus": "aged 45 and over",
        "under_25": "aged under 25",
        "25_44": f"aged 25{_DASH}44",
        "quarter": "Q{q} {year}",
    },
    "fr": {
        "sep": ", ",
        ANY_ORIGIN: "de l'étranger",
        "male": "homme",
        "female": "femme",
        "under_18": "moins de 18 ans",
        "18_24": f"18{_DASH}24 ans",
        "25_34": f"25{_DASH}34 ans",
        "35_44": f"35{_DASH}44 ans",
        "45_plus": "45 ans et plus",
        "under_25": "moins de 25 ans",
        "25_44": f"25{_DASH}44 ans",
        "quarter": "T{q} {year}",
    },
    "ar": {
        "sep": "، ",
        ANY_ORIGIN: "من الخارج",
        "male": "رجل",
        "female": "امرأة",
        "under_18": "دون 18 عامًا",
        "18_24": f"18{_DASH}24 عامًا",
        "25_34": f"25{_DASH}34 عامًا",
        "35_44": f"35{_DASH}44 عامًا",
        "45_plus": "45 عامًا فأكثر",
        "under_25": "دون 25 عامًا",
        "25_44": f"25{_DASH}44 عامًا",
        "quarter": "الربع {q_word} {year}",
    },
}
_AR_ORDINALS = ("الأول", "الثاني", "الثالث", "الرابع")

LOCALES = tuple(_LINE_TEXT)
FIELDS = ("gender", "age", "origin", "period")


def _period_text(released: Released, locale: str) -> str | None:
    code, level = released.period_code, released.levels.period
    if code == ANY_PERIOD:
        return None
    year = code[:4]
    if level == 0:
        return f"{_MONTHS[locale][int(code[5:7]) - 1]} {year}"
    if level == 1:
        q = int(code[6])
        return _LINE_TEXT[locale]["quarter"].format(q=q, q_word=_AR_ORDINALS[q - 1], year=year)
    if level == 3:
        return code.replace("-", _DASH)
    return year


def attribution_line(
    released: Released,
    role: str = "Former fighter",
    locale: str = "en",
    *,
    fields: Sequence[str] = ("origin", "period"),
    country_names: Mapping[str, str] | None = None,
) -> str:
    """A caption such as "Former fighter, Western Europe, 2015".

    ``role`` is used verbatim and must not be chosen from unreleased attributes (for example
    a feminine French role for a narrative whose released gender is "person"). ``fields``
    selects what to show, in the order gender, age, origin, period; generalised-away parts
    are left out, except the origin, which reads "abroad" when suppressed. A country (origin
    level 0) is shown as ``country_names[code]`` if given, else as its ISO code. When the
    population is below ``k`` only the role is returned.
    """
    if locale not in _LINE_TEXT:
        raise ValueError(f"unsupported locale {locale!r}; use one of {LOCALES}")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}; use some of {FIELDS}")
    if released.below_k:
        return role
    text = _LINE_TEXT[locale]
    parts = [role]
    if "gender" in fields and released.gender_code != ANY_GENDER:
        parts.append(text[released.gender_code])
    if "age" in fields and released.age_code != ANY_AGE:
        parts.append(text[released.age_code])
    if "origin" in fields:
        origin = released.origin_code
        if origin == ANY_ORIGIN:
            parts.append(text[ANY_ORIGIN])
        elif origin in REGION_NAMES:
            parts.append(REGION_NAMES[origin][locale])
        else:
            parts.append((country_names or {}).get(origin, origin))
    if "period" in fields:
        period = _period_text(released, locale)
        if period is not None:
            parts.append(period)
    return text["sep"].join(parts)


# --------------------------------------------------------------------------------------
# Aggregate tables
# --------------------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)


def suppress_small_cells(
    counts: Mapping[K, int], k: int = DEFAULT_K, *, complementary: bool = True
) -> dict[K, int | None]:
    """Blank (``None``) every cell with ``0 < count < k``; zeros and cells >= k stay.

    With ``complementary`` (default) the mapping is treated as one one-dimensional table
    whose total may be published: as long as exactly one cell is blank, or the blank cells
    add up to fewer than ``k``, the smallest remaining non-zero cell is blanked too (ties by
    sorted ``repr`` of the key), so no blank cell can be recovered by subtraction from the
    total. If even that cannot be met (no cell left to blank), the caller must not publish
    the total. Two-dimensional tables with row and column margins need cell-by-cell
    complementary suppression, which this function does not do: publish no margins for
    them, or one table per margin.
    """
    _check_k(k)
    for key, count in counts.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"count for {key!r} must be a non-negative integer, not {count!r}")
    result: dict[K, int | None] = {
        key: None if 0 < count < k else count for key, count in counts.items()
    }
    if not complementary:
        return result
    blank = [key for key, value in result.items() if value is None]
    if not blank:
        return result
    visible = sorted(
        (key for key, value in result.items() if value),
        key=lambda key: (counts[key], repr(key)),
    )
    blank_total = sum(counts[key] for key in blank)
    while visible and (len(blank) == 1 or blank_total < k):
        key = visible.pop(0)
        result[key] = None
        blank.append(key)
        blank_total += counts[key]
    return result
