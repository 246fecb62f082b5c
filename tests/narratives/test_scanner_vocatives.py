# (Arabic script and Arabic in Latin letters in test data are intended.)
"""The name a chat calls with يا / ya, and the words after a vocative that are no names
(pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner


def found(text):
    return [text[f.start : f.end] for f in LeakScanner().scan(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ya 7amoudi wenak?? 😂", "7amoudi"),
        ("shu ya sarsoura 3omrek 16?", "sarsoura"),
        ("ra2mi el jdid ya 3abood, 7otto 3ndak", "3abood"),
        ("يا بسوم شو صار معك؟ 😂", "بسوم"),
    ],
)
def test_the_name_after_a_vocative(text, name):
    assert name in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "يا رب احمنا، يا جماعة الخير، يا ريت لو بقينا",
        "الله يرحمك يا خال، فخورين فيكي يا احلى بنت",
        "ya rabi ya jama3a, ya 5ayyo kel el shabab ra7o",
        "see ya tomorrow, love ya, told ya so",
    ],
)
def test_words_people_are_called_by_are_no_names(text):
    assert found(text) == []


def test_a_kin_word_after_the_vocative_leaves_the_name():
    assert found("الله يرحمك يا خال مروان 💔") == ["مروان"]
