# (Arabic script in test data is intended.)
"""What never identifies anyone: the group's media, the landmarks of public events, the Prophet's
companions, a group's age, a spelling of a name that is an ordinary word; while a unit named
after a companion is still a unit (pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import pairs


def found(text):
    return [(t, c) for c, t in pairs(text)]


@pytest.mark.parametrize(
    "text",
    [
        "We read Dabiq and Rumiyah. Al-Hayat Media made everything look beautiful.",
        "قرأنا مجلة دابق. كانت مؤسسة الفرقان تصور كل شيء.",
        "He gave his sermon in the Great Mosque of al-Nuri that summer.",
        "خطب في جامع النوري الكبير في الموصل سنة ٢٠١٤.",
        "The lessons quoted Umar ibn al-Khattab and Ibn Taymiyyah every day.",
        "كان الأمير يستشهد بعمر بن الخطاب وابن تيمية في كل درس.",
        "Most of the boys were under eighteen. Some of the girls were married at fourteen.",
        "Les enfants étaient envoyés au camp à 12 ans.",
        "Wir haben im Irak gelebt. Überall dasselbe: Kontrollen, Angst, Lügen.",
    ],
)
def test_public_names_and_a_groups_age_identify_nobody(text):
    assert found(text) == []


def test_a_unit_named_after_a_companion_is_still_a_unit():
    text = "كنت في كتيبة أبو بكر الصديق، وأميرنا أبو دجانة الليبي."
    assert any("أبو بكر الصديق" in hit for hit, _ in found(text))


def test_the_age_of_someone_close_among_a_group_is_still_an_age():
    assert ("12", "age") in found("my son and the other boys were 12")
    assert ("fourteen", "age") in found("My sister was married at fourteen.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bei Familie Wojcik haben wir zwei Monate gewohnt.", "Wojcik"),
        ("On dormait chez les Boukhari le week-end.", "Boukhari"),
        ("We stayed with the Okafors until the spring.", "Okafors"),
    ],
)
def test_a_family_by_its_name(text, name):
    assert any(name in hit for hit, _ in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "We stayed with the Americans for two weeks.",
        "They handed us to the Iraqis at the border.",
        "La famille Royale ne nous intéressait pas.",
        "Our family Bible was left behind.",
    ],
)
def test_a_people_or_a_word_after_a_family_cue_is_no_family(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le tribunal correctionnel a prononcé une peine de six ans.",
        "ثم أستيقظ وأنا في البيت، وأحمد الله.",
    ],
)
def test_a_sentence_and_praising_god_are_no_age_and_no_name(text):
    assert found(text) == []


def test_ahmad_before_a_blessing_is_still_ahmad():
    assert ("أحمد", "person") in found("أخي أحمد الله يرحمه")
    assert ("six ans", "age") in found("Ma fille de six ans dormait.")


@pytest.mark.parametrize(
    "text",
    [
        "Abu Dhabi is a city, not a kunya.",
        "أبو ظبي مدينة وليست كنية.",
        "Umm Kulthum was a singer everyone's grandmother loved.",
        "el baghdadi khotab bel mosul fi tammuz 2014.",
        "Diese Wörter standen auf Arabisch an der Wand.",
        "La Grande Mosquée al-Nouri a été détruite.",
    ],
)
def test_cities_singers_figures_and_languages_that_read_like_names(text):
    assert LeakScanner().scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We watched Benzema on TV; my brother loved Mohamed Salah.",
        "Sheikh Qaradawi and Sheikh al-Albani disagreed.",
        "Stromae and Maître Gims were on every phone.",
        "He watched Messi and Ronaldo videos all day.",
        "Bashar al-Assad, Hafez al-Assad, Nasrallah: all enemies.",
        "Sami Yusuf and Maher Zain songs were banned.",
        "Ahmed Deedat and Zakir Naik videos were everywhere.",
        "President Bashar al-Assad spoke on TV.",
        "On YouTube you can still find the sermon from the Grand Mosque.",
        "Der Kalif hielt seine Predigt in der großen Moschee von Mossul.",
    ],
)
def test_more_public_figures_and_generic_mosques_name_no_one(text):
    assert LeakScanner().scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a private man whose name holds a footballer's
        ("My cousin Mohamed Salah Benali was arrested on 3 May 2016.", "Benali"),
        # a school named after a figure is a school
        ("ما زلت أعمل قرب ثانوية ابن خلدون.", "ثانوية ابن خلدون"),
        ("He studied at the Grand Mosque of Bab Tounes.", "Grand Mosque of Bab Tounes"),
    ],
)
def test_names_that_hold_a_figures_are_still_found(text, expected):
    assert expected in [f.text for f in LeakScanner().scan(text)]
