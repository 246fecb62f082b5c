# (Arabic script and Arabic in Latin letters in test data are intended.)
"""The name a chat calls with يا / ya, and the words after a vocative that are no names
(pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import found


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


@pytest.mark.parametrize(
    "text",
    [
        # a word-name before "my eye", "my heart" is an endearment
        '"Ya noor 3eyni", my grandmother used to say, every time we left the house.',
        "كانت تقول لي يا نور عيني كل صباح.",
    ],
)
def test_an_endearment_after_ya_is_no_name(text):
    assert [f for f in LeakScanner().scan(text) if f.category == "person"] == []


@pytest.mark.parametrize(
    ("text", "name"), [("ya Samira 3eyni wenek?", "Samira"), ("يا سميرة عيني وينك؟", "سميرة")]
)
def test_a_name_before_my_eye_is_still_a_name(text, name):
    assert name in [f.text for f in LeakScanner().scan(text)]
