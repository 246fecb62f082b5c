"""Aggregate tables: small-cell suppression."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from narratives.disclosure.lattice import DEFAULT_K
from narratives.disclosure.release import _check_k

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
