# (Arabic script in test data is intended.)
"""The name or the place that answers an interview's question about it (answers.py; pure
Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("S: 9olli chnowa esmek? J: Rim, Rim Ben Salah. ama fel dawla", "Rim Ben Salah"),
        ("Q: What's your name? A: Idris.", "Idris"),
        ("I: Wie heißen Sie? B: Semra Yıldız.", "Semra Yıldız"),
        ("Q : Comment tu t'appelles ? R : Je m'appelle Océane, Océane Pereira.", "Océane"),
        ("س: ما اسمك؟ ج: آمنة، وكانوا ينادونني هناك بغير هذا الاسم", "آمنة"),
    ],
)
def test_the_name_that_answers_the_question(text, name):
    assert ("person", name) in found(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("S: mnin enti? J: mel Kram Ouest, 9odem l'école primaire.", "Kram Ouest"),
        ("Q: Where are you from? A: From Tell Abyad Gharbi, near the border.", "Tell Abyad Gharbi"),
        ("I: Woher kommen Sie? B: Aus Wattenscheid-Höntrop.", "Wattenscheid-Höntrop"),
    ],
)
def test_the_place_that_answers_the_question(text, place):
    assert any(c == "place" and place in t for c, t in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "Q: What's your name? A: Why do you ask?",
        "Q: Where are you from? A: Syria.",
        "Q: Where are you from? A: From Aleppo, like everyone in that room.",
        "س: من وين انتي؟ ج: من الحسكة",
        "Q: D'où venez-vous ? R: De France, comme beaucoup d'autres.",
    ],
)
def test_an_answer_that_names_no_one_and_no_small_place(text):
    assert found(text) == []
