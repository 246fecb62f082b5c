# (Arabic script in test data is intended.)
"""Places the Maghreb and Egypt write with a head or a joined article (Hay Essalam, Douar
Aït n'Ouzrou, 3ezbet el-Gamal, Bab Doukkala) and Arabic shops by what they do (ورشة النجمة
لتصليح الدراجات, مخبزة, علوة); pure Python, no Django."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("kanskon f Hay Essalam m3a mama", "Hay Essalam"),
        ("ana men Douar Tala n'Ouzrou, 9rib l'jbel", "Tala n'Ouzrou"),
        ("ra7 3ezbet el-Gamal el-osbo3 elli fat", "3ezbet el-Gamal"),
        ("tlaqina f Bab Doukkala 9bel l'ftour", "Bab Doukkala"),
    ],
)
def test_a_place_after_a_maghreb_or_egyptian_head(text, place):
    assert any(place in hit for hit in found(text, "place"))


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        ("كان يشتغل في ورشة النجمة لتصليح الدراجات قرب الجسر", "ورشة النجمة لتصليح الدراجات"),
        ("اشترينا الخبز من مخبزة السنابل كل صباح", "مخبزة السنابل"),
        ("il bossait à la مخبزة السنابل près du marché", "مخبزة السنابل"),
        ("w sha8al f ma6ba3et el-Salam", "ma6ba3et el-Salam"),
    ],
)
def test_an_arabic_shop_by_its_head_and_what_it_does(text, shop):
    assert any(shop in hit for hit in found(text, "organisation"))


@pytest.mark.parametrize("text", ["We stacked the hay in the barn.", "ils ont fermé le bab el-dar"])
def test_a_head_word_alone_is_no_place(text):
    assert found(text, "place") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We used to live on East Harlow Rd before the move.", "East Harlow Rd"),
        ("His flat was on Sharia el-Nil, above a pharmacy.", "Sharia el-Nil"),
        ("Our last address: ulitsa Lenina, dom 3.", "ulitsa Lenina"),
        ("Dükkân Gazi Sokak üzerindeydi.", "Gazi Sokak"),
    ],
)
def test_streets_named_with_a_compass_word_or_in_other_languages(text, place):
    assert any(place in hit for hit in found(text, "place"))


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Elle jouait au foot avec l'ES Vitrolles le samedi.", "ES Vitrolles"),
        ("Er spielte beim TSV Grünwald in der Jugend.", "TSV Grünwald"),
        ("She went to Hollins Boys' Academy until year 9.", "Hollins Boys' Academy"),
    ],
)
def test_sports_clubs_and_schools_with_a_plural_possessive(text, org):
    assert any(org in hit for hit in found(text, "organisation"))


def test_the_west_and_a_plural_possessive_alone_are_nothing():
    assert found("The West did nothing, and the girls' teacher knew it.", "place") == []
    assert found("The West did nothing, and the girls' teacher knew it.", "organisation") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("She was moved to Phase 4 of al-Hol in 2019.", "Phase 4"),
        ("Elle est au camp de Roj, section 3, depuis l'été.", "section 3"),
        ("كانت تسكن في القطاع الخامس، الفيز الثاني", "الفيز الثاني"),
    ],
)
def test_a_camps_phase_or_section(text, place):
    assert any(place in hit for hit in found(text, "place"))


def test_a_phase_far_from_a_camp_is_nothing():
    assert found("In phase 2 of the project we hired more staff.", "place") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Der Bruder aus Neukölln ist zurück.", "Neukölln"),
        ("À Molenbeek d'abord, puis à Anderlecht.", "Anderlecht"),
        ("tzadet f Bab Ezzouar, 7da l'fac.", "Bab Ezzouar"),
    ],
)
def test_a_district_of_a_big_city_is_a_place(text, place):
    # a city of the gazetteer within 15 km of a city of a million or a capital is one of its
    # districts or suburbs (gazetteer.build_gazetteer_file), identifying
    at = text.index(place)
    assert any(f.start <= at < f.end for f in LeakScanner().scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "Grenoble, Strasbourg, Montpellier : tout le monde venait.",
        "We flew to Berlin, then on to Giza.",
    ],
)
def test_big_cities_stay_unidentifying(text):
    assert LeakScanner().scan(text) == []


def test_a_kafr_village_is_a_place():
    text = "أمك ما زالت في شارع الجلاء في كفر الزيتون."
    found = [f.text for f in LeakScanner().scan(text) if f.category == "place"]
    assert "كفر الزيتون" in found
