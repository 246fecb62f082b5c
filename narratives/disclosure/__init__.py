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

The package: ``regions`` (the region table), ``lattice`` (attributes, levels, codes),
``release`` (generalisation and the index), ``captions`` (attribution lines in each locale)
and ``tables`` (small-cell suppression for aggregate tables). Every public name is
re-exported here.
"""

from __future__ import annotations

from narratives.disclosure.captions import (
    FIELDS,
    LOCALES,
    attribution_line,
)
from narratives.disclosure.lattice import (
    AGE_BANDS,
    ANY_AGE,
    ANY_GENDER,
    ANY_ORIGIN,
    ANY_PERIOD,
    DEFAULT_K,
    GENDERS,
    LATTICE,
    MAX_LEVELS,
    ROOT,
    Attributes,
    Cell,
    Levels,
    cell,
)
from narratives.disclosure.regions import (
    REGION_NAMES,
    REGION_OF,
)
from narratives.disclosure.release import (
    AGE_LABELS,
    DisclosureIndex,
    NotInPopulationError,
    Released,
    _make_release,
    generalise,
)
from narratives.disclosure.tables import (
    K,
    suppress_small_cells,
)

__all__ = [
    "AGE_BANDS",
    "AGE_LABELS",
    "ANY_AGE",
    "ANY_GENDER",
    "ANY_ORIGIN",
    "ANY_PERIOD",
    "DEFAULT_K",
    "FIELDS",
    "GENDERS",
    "LATTICE",
    "LOCALES",
    "MAX_LEVELS",
    "REGION_NAMES",
    "REGION_OF",
    "ROOT",
    "Attributes",
    "Cell",
    "DisclosureIndex",
    "K",
    "Levels",
    "NotInPopulationError",
    "Released",
    "_make_release",
    "attribution_line",
    "cell",
    "generalise",
    "suppress_small_cells",
]
