"""Dates with the Maghreb's month names, Hijri months with an apostrophe or ʿayn, "غرة"
(the first of the month) and a French year in words (narratives/anonymize/data/months.txt)."""

import pytest

from tests.narratives.scanner_helpers import dates as _dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("غادرت البيت يوم ٢٢ جانفي ٢٠١٥ مع أخي.", "٢٢ جانفي ٢٠١٥"),
        ("وصلنا في ٣ جوان ٢٠١٦ إلى الحدود.", "٣ جوان ٢٠١٦"),
        ("ولدت في ١٤ جويلية ١٩٩٤ في القرية.", "١٤ جويلية ١٩٩٤"),
        ("تزوجنا يوم ٩ غشت ٢٠١٤.", "٩ غشت ٢٠١٤"),
        ("رجع في ٥ شتنبر ٢٠١٧.", "٥ شتنبر ٢٠١٧"),
        ("قبض عليه في ٣٠ نونبر ٢٠١٨.", "٣٠ نونبر ٢٠١٨"),
        ("التحق في غرة رجب ١٤٣٥ بالمعسكر.", "غرة رجب ١٤٣٥"),
        ("On m'a mariée le 7 rabiʿ al-thani 1436, à la mosquée.", "7 rabiʿ al-thani 1436"),
        ("He left on 19 Rabi' al-Awwal 1437 with his cousin.", "19 Rabi' al-Awwal 1437"),
        ("Elle est partie le 2 chaabane 1436.", "2 chaabane 1436"),
        ("We crossed on 11 Dhul-Hijja 1435.", "11 Dhul-Hijja 1435"),
        ("Je suis né le douze avril quatre-vingt-quinze.", "douze avril quatre-vingt-quinze"),
    ],
)
def test_month_names_of_every_region(text: str, date: str) -> None:
    assert date in _dates(text)


@pytest.mark.parametrize(
    "text",
    [
        "كان الصيف في جوان حاراً جداً.",  # a month without a day is not one day
        "Pendant le ramadan 1436, on jeûnait tous ensemble.",
        "غرة الشهر كانت يوم الجمعة.",  # the first of a month no one names
    ],
)
def test_a_month_alone_is_not_a_day(text: str) -> None:
    assert _dates(text) == []
