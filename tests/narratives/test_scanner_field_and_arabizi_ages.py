"""Ages in forms whose label has several words, the ages a field lists, and arabizi ages
with "3andou" or "3umurha" and no unit (pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alter bei der Festnahme: 21\nWohnort: unbekannt", ["21"]),
        ("Age on arrival: 16\nNationality: British", ["16"]),
        ("العمر عند المغادرة: ١٩\nالجنسية: سورية", ["١٩"]),
        ("Kids: 3 (ages 7, 4 and 2)", ["7", "4", "2"]),
        ("kan 3andou 23 ki msha l Sourya", ["23"]),
        ("bint khalti 3umurha 9 w tdrus f l madrasa", ["9"]),
        ("3omri 2ad 3omr el ba7r, ma t5af", []),
        ("3andi 3 wlad w bent wa7da", []),
    ],
)
def test_field_and_arabizi_ages(text, expected):
    assert ages(text) == expected


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        ("ana 3and ma7al kosharyt El Nagah fel sou2, ta3ala", "ma7al kosharyt El Nagah"),
        ("9a3din fi 9ahwet El Yasmine kol lila", "9ahwet El Yasmine"),
        ("kan yeshte8el b mal7amet el Baraka", "mal7amet el Baraka"),
    ],
)
def test_arabizi_shops_with_what_they_sell(text, shop):
    assert shop in [f.text for f in scan_text(text) if f.category == "organisation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elle précise que son mari avait alors trente et un ans.", ["trente et un ans"]),
        ("und deine cousine? die ist doch erst fünfzehn\n", ["fünfzehn"]),
        ("Sein Freund Timo K. war 23. Danach ging er.", ["23"]),
        ("Ihr Sohn Emre (neunzehn) lebt noch dort.", ["neunzehn"]),
        ("Wir waren dreißig, vierzig Leute im Raum.", []),
        ("Dieser Krieg ist jetzt 13, sagt meine Mutter.", []),
    ],
)
def test_french_and_german_ages(text, expected):
    assert ages(text) == expected
