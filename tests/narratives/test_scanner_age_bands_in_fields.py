"""A form's age field that holds a band is no exact age ("Age band: 30-35"); a single age
in such a field still is."""

import pytest

from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    "text",
    [
        "Age band: 30-35\nArrival: 2019",
        "Age range: 18–25",
        "Age: 30-35",
        "Tranche d'âge : 30-35 ans",
        "Tranche d'âge : 30 à 35 ans",
        "Altersgruppe: 20 bis 25",
        "العمر: 20-25",
    ],
)
def test_a_band_in_an_age_field_is_no_age(text):
    assert ages(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Age: 34", ["34"]),
        ("Age: 34.", ["34"]),
        ("العمر: ٢٧", ["٢٧"]),
        ("Ages: 12, 9, 6", ["12", "9", "6"]),
        ("Âge des enfants : 6 ans, 4 ans et 18 mois", ["6 ans", "4 ans", "18 mois"]),
    ],
)
def test_an_age_in_a_field_still_is(text, expected):
    assert ages(text) == expected
