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
