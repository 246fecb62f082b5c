"""Turkish month names, and German and Turkish spellings of the Hijri months, in a date
precise to the day (data/months.txt)."""

import pytest

from tests.narratives.scanner_helpers import dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Suriye'ye 3 Mart 2015 tarihinde gitti.", ["3 Mart 2015"]),
        ("14 Şubat 2016'da evlendiler.", ["14 Şubat 2016"]),
        ("1 Ekim 2014 ve 30 Kasım 2015", ["1 Ekim 2014", "30 Kasım 2015"]),
        (
            "5 Aralık 2013, 21 Ağustos 2017, 2 Ocak 2016",
            ["5 Aralık 2013", "21 Ağustos 2017", "2 Ocak 2016"],
        ),
        ("12 Mayıs 2015 günü", ["12 Mayıs 2015"]),
        ("Hamza wurde in Rakka geboren, am 15. Schawwal 1436.", ["15. Schawwal 1436"]),
        ("am 3. Radschab 1437", ["3. Radschab 1437"]),
        ("1 Şevval 1436'da", ["1 Şevval 1436"]),
    ],
)
def test_turkish_and_german_month_names_make_a_date(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text", ["Mart 2015'te gitti.", "2015 Ekim ayında döndü.", "Schawwal 1436 war heiß."]
)
def test_a_month_and_a_year_is_no_date(text):
    assert dates(text) == []
