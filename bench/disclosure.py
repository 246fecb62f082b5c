"""Time disclosure control over 100,000 narratives.

Run from the repository root: ``python bench/disclosure.py [n] [k]``. Builds one
DisclosureIndex over a skewed synthetic population, releases every member, checks the
k-per-group guarantee, and prints ``key=value`` pairs on the last line.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from narratives.disclosure import REGION_OF, Attributes, DisclosureIndex, Levels


def population(n: int, seed: int = 2015) -> list[Attributes]:
    rng = random.Random(seed)
    common = ["SY", "IQ", "FR", "GB", "DE", "TN", "BE", "MA", "SA", "TR", "RU"]
    rare = sorted(REGION_OF)
    bands = ["under_18", "18_24", "25_34", "35_44", "45_plus", "unknown"]
    people = []
    for _ in range(n):
        country = rng.choice(common) if rng.random() < 0.8 else rng.choice([*rare, ""])
        if rng.random() < 0.05:
            left = None
        else:
            month = min(int(rng.expovariate(1 / 18)), 119)  # skewed towards 2013-2015
            left = dt.date(2013 + month // 12, month % 12 + 1, 1)
        people.append(
            Attributes(
                rng.choices(["male", "female", "unknown"], weights=[85, 12, 3])[0],
                rng.choices(bands, weights=[5, 35, 35, 15, 5, 5])[0],
                country,
                left,
            )
        )
    return people


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    people = population(n)

    start = time.perf_counter()
    index = DisclosureIndex(people, k)
    build = time.perf_counter() - start

    start = time.perf_counter()
    releases = [index.release(person) for person in people]
    lookup = time.perf_counter() - start

    groups = Counter(releases)
    assert min(groups.values()) >= k, "a release group is smaller than k"
    print(
        " ".join(
            [
                f"n={n}",
                f"k={k}",
                f"build_s={build:.3f}",
                f"release_all_s={lookup:.3f}",
                f"total_s={build + lookup:.3f}",
                f"groups={len(groups)}",
                f"min_group={min(groups.values())}",
                f"distinct_tuples={len(set(people))}",
                f"full_detail={sum(r.levels == Levels() for r in releases)}",
                f"suppressed={sum(r.suppressed for r in releases)}",
            ]
        )
    )


if __name__ == "__main__":
    main()
