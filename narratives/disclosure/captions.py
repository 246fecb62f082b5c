"""Attribution lines: a release written out in each locale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from narratives.disclosure.lattice import _DASH, ANY_AGE, ANY_GENDER, ANY_ORIGIN, ANY_PERIOD
from narratives.disclosure.regions import REGION_NAMES
from narratives.disclosure.release import Released

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
