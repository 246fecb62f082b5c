# (Cyrillic and Arabic script in test data is intended.)
"""Names written in Cyrillic, vault values in Cyrillic or arabizi spellings, and "Salah Eddine"
(pure Python, no Django)."""

import pytest

from narratives.anonymize import KnownIdentifier, LeakScanner


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Mohammed Al-Rashid", "Мухаммед Аль-Рашид пришёл вчера"),
        ("Dzhokhar Tsarnaev", "Джохар Царнаев"),
        ("Youssef Amrani", "Юсуф Амрани"),
        ("Oussama Haddad", "Усама Хаддад"),
        ("Ali Belkacem", "3li Belka9em rja3 mn Souria"),
        ("Salah Eddine Ait Ali", "Salahuddin Ait Ali was there"),
    ],
)
def test_a_vault_value_in_cyrillic_or_arabizi_is_found(value, text):
    assert LeakScanner([KnownIdentifier(value)]).scan_known(text)


def test_a_cyrillic_name_in_latin_text_is_a_person():
    text = "Le procès-verbal note que son mari, Руслан Умаров, est parti en 2014 pour la Syrie."
    found = [(f.category, f.text) for f in LeakScanner().scan(text)]
    assert ("person", "Руслан Умаров") in found


@pytest.mark.parametrize(
    "text",
    [
        "Er kam aus Грозный nach Berlin, mit seiner Frau.",
        "Привет, как дела? Всё хорошо, мы в Москве.",
    ],
)
def test_a_major_city_in_cyrillic_or_a_cyrillic_text_is_no_name(text):
    assert LeakScanner().scan(text) == []


def test_offsets_hold_through_the_transliteration():
    text = "son mari, Руслан Умаров, est parti"
    (f,) = [f for f in LeakScanner().scan(text) if f.category == "person"]
    assert text[f.start : f.end] == "Руслан Умаров"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        # a particle Latin spellings join to the name after it
        ("Hassan Abdelkader", "حسن عبد القادر"),
        ("Abdallah Benali", "عبد الله بن علي جاء"),
        # arabizi against an Arabic-script value
        ("أسامة الحداد", "Osama 7addad"),
        # two proclitics before the article
        ("أسامة الحداد", "وللحداد"),
    ],
)
def test_a_vault_value_across_scripts_with_particles_and_digit_letters(value, text):
    assert LeakScanner([KnownIdentifier(value)]).scan_known(text)
