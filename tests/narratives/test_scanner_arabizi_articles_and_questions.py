"""Arabizi words after the article written apart, a head with the article before a chat word,
and "kifach" (how) before a verb: nouns, adjectives and verbs, no names or places."""

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "Khouya l 3aziz, 3aref bli nta ghadban. Yemma bkat f l dar.",
        "Ya 5ayye, el yom 7akit ma3 el 7akim el nafsi 3an el Raqqa la awwal marra.",
        "w ba3den ra7 3and il 7akim w ma 2al shi",
        "Q: Kifach tlaqitihom? R: 3la Telegram, khouya.",
        "Kint sakin bi Halab, w lamma fetet el dawla 3al mante2a sar kel shi mamnou3.",
    ],
)
def test_no_finding(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("3yet l 7assan lbare7", "7assan"),  # "l" is "to" here
        ("khouya 7assan ja mn Halab", "7assan"),
        ("ana w 3abd el 7akim ra7na", "7akim"),  # a compound name
        ("kifak 7aydar? ana mni7", "7aydar"),
        ("J: min 7ay el 3amel b Baghdad", "7ay el 3amel"),
        ("ya akhi sar bel 7ay el-Karm w ba3den", "7ay el-Karm"),
    ],
)
def test_names_and_places_still_found(text, name):
    assert name in found(text)
