"""A chat's lower-case name of the weaker lists before a verb of speech ("ok so kelsey said",
"wiebke meinte"; chat_name_cues.txt speech-after), not an ordinary word before one (pure
Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("omg so kelsey said the party is off", "kelsey"),
        ("lol wiebke meinte das gestern schon", "wiebke"),
    ],
)
def test_a_lower_case_name_before_a_verb_of_speech(text, name):
    assert name in persons(text)


@pytest.mark.parametrize(
    "text", ["so will said nothing about it", "and then everyone said no", "ur sis said hi"]
)
def test_an_ordinary_word_before_a_verb_of_speech_is_no_name(text):
    assert persons(text) == []
