"""Disclosure control for the evidence dashboard (pure: no database, no Django).

A count under ``k`` (``settings.DISCLOSURE_K``) can point at a person. Each table is described
as *lines*: a line is a list of cells and the cell that is their total (a row with its row
total, a column with its column total, a reason's sub-reasons with the reason). Then
:func:`protect`:

1. hides every cell with ``0 < n < k`` (primary suppression);
2. in every line that has a hidden cell, while exactly one cell is hidden or the hidden cells
   add up to less than ``k``, hides the smallest visible non-zero cell too (the rule of
   :func:`narratives.disclosure.suppress_small_cells`, applied line by line; the line's total
   is taken last, only when nothing else is left);
3. checks the whole system of line equations exactly (rational elimination): any hidden cell
   the published cells and totals still determine is protected by hiding the smallest visible
   cell of one of its lines; repeat from 2 until nothing is determined.

Zeros stay visible (as in ``suppress_small_cells``) and are never hidden to protect another
cell, since a hidden zero pins its partners through non-negativity. So every hidden cell has
a value of at least 1, lies in the null space of the published equations, and can move by
at least one in both directions: no hidden cell can be worked out from the margins. Reason
tables are not additive (a narrative counts under each of its reasons), so treating their
lines as if they were is conservative.

Every hidden cell shows :data:`evidence.charts.SUPPRESSED_MARK` whether it was small or hidden to protect a
small one: marking them differently would tell which hidden cells are the small ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Line", "one_way", "protect"]


@dataclass(frozen=True)
class Line:
    """Cells that add up to ``total`` (or are treated as if they did)."""

    parts: tuple[Hashable, ...]
    total: Hashable


def protect(
    counts: Mapping[Hashable, int], lines: Sequence[Line], k: int
) -> dict[Hashable, int | None]:
    """Return ``counts`` with small cells, and the cells that would give them away, as None."""
    if k < 1:
        raise ValueError("k must be at least 1")
    totals = {line.total for line in lines}
    hidden = {key for key, n in counts.items() if 0 < n < k}

    def order(key: Hashable) -> tuple:
        return (key in totals, counts[key], repr(key))

    while True:
        changed = False
        for line in lines:
            members = (*line.parts, line.total)
            secret = [key for key in members if key in hidden]
            if secret and (len(secret) == 1 or sum(counts[key] for key in secret) < k):
                candidates = [key for key in members if key not in hidden and counts[key] > 0]
                if candidates:
                    hidden.add(min(candidates, key=order))
                    changed = True
        if changed:
            continue
        exposed = _determined(counts, lines, hidden)
        if not exposed:
            break
        target = min(exposed, key=repr)
        candidates = [
            key
            for line in lines
            if target in line.parts or target == line.total
            for key in (*line.parts, line.total)
            if key not in hidden and counts[key] > 0
        ] or [key for key in counts if key not in hidden and counts[key] > 0]
        if not candidates:
            break  # every non-zero cell is hidden already
        hidden.add(min(candidates, key=order))
    return {key: None if key in hidden else n for key, n in counts.items()}


def _determined(
    counts: Mapping[Hashable, int], lines: Sequence[Line], hidden: set[Hashable]
) -> set[Hashable]:
    """Return the hidden cells that the visible cells and the line equations pin down.

    Each line is an equation ``sum(parts) - total = 0``; visible cells are constants. A hidden
    cell is determined exactly when every vector of the equations' null space is zero there,
    i.e. when it is a pivot column whose reduced row has no free column.
    """
    variables = sorted(hidden, key=repr)
    column = {key: index for index, key in enumerate(variables)}
    rows: list[dict[int, Fraction]] = []
    for line in lines:
        row: dict[int, Fraction] = defaultdict(Fraction)
        for key in line.parts:
            if key in column:
                row[column[key]] += 1
        if line.total in column:
            row[column[line.total]] -= 1
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, Fraction]] = {}  # pivot column -> its reduced row
    for row in rows:
        for pivot_column, pivot_row in pivots.items():
            factor = row.get(pivot_column)
            if factor:
                for c, v in pivot_row.items():
                    row[c] = row.get(c, Fraction(0)) - factor * v
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        lead = min(row)
        scale = row[lead]
        row = {c: v / scale for c, v in row.items()}
        for other_column, other_row in pivots.items():
            factor = other_row.get(lead)
            if factor:
                for c, v in row.items():
                    other_row[c] = other_row.get(c, Fraction(0)) - factor * v
                pivots[other_column] = {c: v for c, v in other_row.items() if v}
        pivots[lead] = row
    return {variables[c] for c, row in pivots.items() if len(row) == 1}


def one_way(counts: Mapping[Hashable, int], total_key: Hashable) -> Line:
    """Return the line of a one-way table whose total is published under ``total_key``."""
    return Line(tuple(key for key in counts if key != total_key), total_key)
