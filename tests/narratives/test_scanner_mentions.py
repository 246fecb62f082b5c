# (Arabic script in test data is intended.)
"""Names mentioned as words, not said of anyone (narratives/anonymize/mentions.py)."""

import pytest

from narratives.anonymize import KnownIdentifier, LeakScanner


@pytest.mark.parametrize(
    "text",
    [
        "Amal veut dire espoir, Iman veut dire foi.",
        "Karim, ça veut dire généreux.",
        "On the poster, Nour means light.",
        "Die Lehrerin erklärte, dass Salam Frieden bedeutet.",
        "Peace means Salam, we told the children.",
        "Amal, أمل, Hoffnung, espoir : le même mot sur l'affiche.",
        "Moses, Jesus and Muhammad were all prophets to them.",
        "Marie, Jésus, Moïse : le cheikh parlait de tous les prophètes.",
        "The Prophet's companions, Abu Bakr, Umar and Uthman, were the names we heard.",
        "كان الأطفال يحفظون سير الصحابة أبو بكر وعمر وعثمان وعلي.",
    ],
)
def test_a_name_mentioned_as_a_word_is_no_finding(text):
    assert LeakScanner().scan(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Er heißt Ahmed und wohnt in Kalk.", "Ahmed"),  # heißt: is called
        ("kont m3a s7aba dyali, Yassine w Hamza.", "Yassine"),  # s7aba: friends
        ("mes compagnons de route, Ahmed et Karim, sont morts.", "Ahmed"),
        ("Karim, ya3ni, kan m3ana.", "Karim"),  # ya3ni: I mean
        ("Mein Vater Ghassan, غسان, hatte eine Werkstatt.", "غسان"),  # a name and its spelling
        ("My brother Muhammad read the Quran every night.", "Muhammad"),  # one named, a brother
        ("Muhammad and Yusuf, my cousins, read the Quran.", "Yusuf"),  # their own people
    ],
)
def test_a_name_said_of_someone_is_still_found(text, name):
    at = text.index(name)
    found = LeakScanner().scan(text)
    assert any(f.start <= at < f.end for f in found), found


def test_a_vault_value_is_found_even_as_a_word():
    found = LeakScanner([KnownIdentifier("Amal Haddad", "name")]).scan("Amal veut dire espoir.")
    assert [f.text for f in found] == ["Amal"]


@pytest.mark.parametrize(
    "text",
    [
        # God's names
        "The teacher told us that one of the names of God is al-Karim.",
        'A teacher told my class that "Rahman" and "Rahim" are both names of God.',
        # a prophet with his story
        "My daughter loves the song about Musa and the sea.",
        "sobhan Allah, Mousa w el Bahr, Youssef w el bir.",
        "في الدرس كان الشيخ يحكي عن كرم حاتم الطائي وعن جمال يوسف وعن صبر أيوب.",
        "l'histoire de Jonas dans la baleine",
        # a companion after an elided article
        "On dit qu'Abou Bakr, le compagnon du Prophète, a affranchi Bilal.",
        # the Umayyad Mosque and a city's great mosque
        "La mosquée des Omeyyades, à Damas, a plus de mille trois cents ans.",
        "On YouTube you can still find the sermon from the Grand Mosque.",
        "Der Kalif hielt seine Predigt in der großen Moschee von Mossul.",
    ],
)
def test_names_of_god_prophets_stories_and_landmarks_name_no_one(text):
    assert LeakScanner().scan(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My uncle Abd al-Karim stayed in Raqqa.", "Abd al-Karim"),
        ("My brother Yusuf fell into the well in 2014.", "Yusuf"),
        ("Musa crossed the sea to Lesbos on 3 May 2016.", "Musa"),
    ],
)
def test_people_of_those_names_are_still_found(text, name):
    assert name in [f.text for f in LeakScanner().scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Eid Mubarak! said everyone in the street.",
        "Allahu Akbar, they shouted.",
        "Shahada, Salat, Zakat, Sawm, Hajj: the five pillars.",
        "In Ramadan we broke the fast with dates and Laban.",
        "Khilafa, Dawla, Tanzim: the group had many names.",
    ],
)
def test_formulas_pillars_and_dishes_name_no_one(text):
    assert LeakScanner().scan(text) == []


def test_a_man_named_mubarak_is_still_found():
    assert "Mubarak Haddad" in [
        f.text for f in LeakScanner().scan("My uncle Mubarak Haddad came on 3 May.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Karim is generous, Jamil handsome, Salim safe — the interpreter explained each word.",
        "Amal veut dire espoir, Karim généreux.",
        "Amal w Nour w Hope: kalimat 3al 7ayt, mesh asami nas.",
        "Ob Katiba, Sariya oder Liwa – für die Frauen war das Wort fremd.",
    ],
)
def test_names_in_a_sentence_about_words_are_the_words(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Je m'appelle Hajar, en arabe هاجر.", "هاجر"),
        ("My brother Karim, the word means generous, was kind.", "Karim"),
        ("My friend Amal told me what the word meant.", "Amal"),
    ],
)
def test_a_name_said_of_someone_in_a_sentence_about_words_stays(text, name):
    assert name in [f.text for f in LeakScanner().scan(text)]


def test_figures_in_the_sentence_after_a_lesson_are_the_figures():
    text = (
        "Der Prophet heiratete Khadija, so lernten wir es im Unterricht. "
        "Aisha und Fatima wurden als Vorbilder genannt."
    )
    assert LeakScanner().scan(text) == []


def test_ones_own_people_after_a_lesson_stay():
    text = "The sheikh told us about the Prophet. My sister Fatima cried."
    assert "Fatima" in [f.text for f in LeakScanner().scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Quran was recited from dawn. Surat al-Kahf on Fridays, Surat Yasin for the dead.",
        "La sourate al-Kahf le vendredi, Yasin pour les morts, la Fatiha à chaque prière.",
        "Der Koran wurde rezitiert: freitags die Sure al-Kahf, Yasin für die Toten.",
    ],
)
def test_the_suras_named_with_the_quran_are_the_suras(text):
    assert [f.category for f in LeakScanner().scan(text)] == []


def test_a_name_that_is_a_sura_said_of_someone_stays():
    text = "My son Yasin read the Quran every night."
    assert "Yasin" in [f.text for f in LeakScanner().scan(text)]


def test_a_name_and_its_german_translation_in_word_talk_are_the_word():
    text = "Die Sozialarbeiterin erklärte, dass Amal Hoffnung bedeutet und Rahma Barmherzigkeit."
    assert LeakScanner().scan(text) == []
