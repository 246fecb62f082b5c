"""The region table: ISO 3166-1 alpha-2 code to region, and the regions' names."""

from __future__ import annotations

from collections.abc import Mapping

# --------------------------------------------------------------------------------------
# Region table: ISO 3166-1 alpha-2 -> region, authored for this project after the UN M49
# sub-regions. Practical merges: Melanesia, Micronesia and Polynesia form "Pacific Islands";
# Antarctica gets its own entry; Kosovo (XK) and the withdrawn codes AN (Netherlands
# Antilles) and CS (Serbia and Montenegro) are placed where their territory lies.
# --------------------------------------------------------------------------------------

REGION_NAMES: dict[str, dict[str, str]] = {
    "northern_africa": {"en": "Northern Africa", "fr": "Afrique du Nord", "ar": "شمال أفريقيا"},
    "sub_saharan_africa": {
        "en": "Sub-Saharan Africa",
        "fr": "Afrique subsaharienne",
        "ar": "أفريقيا جنوب الصحراء",
    },
    "latin_america_caribbean": {
        "en": "Latin America and the Caribbean",
        "fr": "Amérique latine et Caraïbes",
        "ar": "أمريكا اللاتينية والكاريبي",
    },
    "northern_america": {
        "en": "Northern America",
        "fr": "Amérique du Nord",
        "ar": "أمريكا الشمالية",
    },
    "central_asia": {"en": "Central Asia", "fr": "Asie centrale", "ar": "آسيا الوسطى"},
    "eastern_asia": {"en": "Eastern Asia", "fr": "Asie de l'Est", "ar": "شرق آسيا"},
    "south_eastern_asia": {
        "en": "South-eastern Asia",
        "fr": "Asie du Sud-Est",
        "ar": "جنوب شرق آسيا",
    },
    "southern_asia": {"en": "Southern Asia", "fr": "Asie du Sud", "ar": "جنوب آسيا"},
    "western_asia": {"en": "Western Asia", "fr": "Asie occidentale", "ar": "غرب آسيا"},
    "eastern_europe": {"en": "Eastern Europe", "fr": "Europe de l'Est", "ar": "أوروبا الشرقية"},
    "northern_europe": {"en": "Northern Europe", "fr": "Europe du Nord", "ar": "أوروبا الشمالية"},
    "southern_europe": {"en": "Southern Europe", "fr": "Europe du Sud", "ar": "أوروبا الجنوبية"},
    "western_europe": {"en": "Western Europe", "fr": "Europe de l'Ouest", "ar": "أوروبا الغربية"},
    "australia_new_zealand": {
        "en": "Australia and New Zealand",
        "fr": "Australie et Nouvelle-Zélande",
        "ar": "أستراليا ونيوزيلندا",
    },
    "pacific_islands": {
        "en": "Pacific Islands",
        "fr": "Îles du Pacifique",
        "ar": "جزر المحيط الهادئ",
    },
    "antarctica": {"en": "Antarctica", "fr": "Antarctique", "ar": "القارة القطبية الجنوبية"},
}

_REGION_MEMBERS: dict[str, str] = {
    "northern_africa": "DZ EG EH LY MA SD TN",
    "sub_saharan_africa": (
        # Eastern Africa
        "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW "
        # Middle Africa
        "AO CD CF CG CM GA GQ ST TD "
        # Southern Africa
        "BW LS NA SZ ZA "
        # Western Africa
        "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG"
    ),
    "latin_america_caribbean": (
        # Caribbean
        "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI "
        # Central America
        "BZ CR GT HN MX NI PA SV "
        # South America
        "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE"
    ),
    "northern_america": "BM CA GL PM US",
    "central_asia": "KG KZ TJ TM UZ",
    "eastern_asia": "CN HK JP KP KR MN MO TW",
    "south_eastern_asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "southern_asia": "AF BD BT IN IR LK MV NP PK",
    "western_asia": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    "eastern_europe": "BG BY CZ HU MD PL RO RU SK UA",
    "northern_europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "southern_europe": "AD AL BA CS ES GI GR HR IT ME MK MT PT RS SI SM VA XK",
    "western_europe": "AT BE CH DE FR LI LU MC NL",
    "australia_new_zealand": "AU CC CX HM NF NZ",
    "pacific_islands": (
        # Melanesia, Micronesia, Polynesia
        "FJ NC PG SB VU FM GU KI MH MP NR PW UM AS CK NU PF PN TK TO TV WF WS"
    ),
    "antarctica": "AQ",
}


def _invert(members: Mapping[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for region, codes in members.items():
        for code in codes.split():
            if code in table:
                raise ValueError(f"{code} is listed in {table[code]} and {region}")
            table[code] = region
    return table


REGION_OF: dict[str, str] = _invert(_REGION_MEMBERS)
"""ISO 3166-1 alpha-2 code -> region code (a key of :data:`REGION_NAMES`)."""
