# (Arabic script in test data is intended.)
"""The name that answers a question about someone else's name, the place that answers a
question about where someone lived or what home is (answer_cues.txt; pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q: And what was his name?\nA: Oswaldo. He drove a taxi.", ("person", "Oswaldo")),
        ("I: Wie hieß sie?\nB: Jorinde, glaube ich.", ("person", "Jorinde")),
        ("س: شو اسمها؟\nج: رهف، كانت معي بالمدرسة", ("person", "رهف")),
        (
            "INT: Where's home for you now?\nR: Brackley Fields, near the canal.",
            ("place", "Brackley Fields"),
        ),
        ("Q : Où habitiez-vous ?\nR : Kervenec, un hameau près de la côte.", ("place", "Kervenec")),
    ],
)
def test_the_answer_is_found(text, expected):
    assert expected in found(text)


def test_a_country_or_major_city_answer_stays_unflagged():
    assert not any(
        c == "place" for c, _ in found("Q: Where did you live?\nA: Aleppo, before the war.")
    )
