"""Releases: the most specific generalisation that hides a person among at least k."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from narratives.disclosure.lattice import (
    _DASH,
    _TOPS,
    ANY_AGE,
    ANY_GENDER,
    ANY_ORIGIN,
    ANY_PERIOD,
    DEFAULT_K,
    LATTICE,
    ROOT,
    Attributes,
    Cell,
    Levels,
    _age_at,
    _fine,
    _gender_at,
    _origin_at,
    _period_at,
    _project,
)
from narratives.disclosure.regions import REGION_NAMES

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
