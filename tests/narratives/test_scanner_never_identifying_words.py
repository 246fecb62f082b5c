"""More words that name no one: platforms without an account (Kik), a phone's SIM card, big
diaspora cities and their chat names (Sheffield, Sousse, Casa, Rbat), Deir Ezzor in other
spellings, airports, a lone Umm, and a name whose meaning is given with an aside
("Karim, en arabe, veut dire généreux") (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import found

NAMES = ("person", "kunya", "place", "nisba")


def names(text):
    return found(text, *NAMES)


@pytest.mark.parametrize(
    "text",
    [
        "We used WhatsApp, Kik and Ask.fm before; a SIM card cost 10 dollars.",
        "Women came from Sheffield, from Sousse, from Trinidad: the whole world was there.",
        "f Casa w Rbat kolchi ghali daba.",
        "After the summer we moved to Deir Ezzor, then back to Raqqa.",
        "They flew out of Gatwick and Stansted, never from the same airport twice.",
        "Every woman there was called Umm something.",
        "Jamal, en arabe, veut dire beauté.",
        "Nour, sagte die Lehrerin, heißt Licht.",
        "Der Name Hana bedeutet Glück.",
    ],
)
def test_words_that_name_no_one(text):
    assert names(text) == []
