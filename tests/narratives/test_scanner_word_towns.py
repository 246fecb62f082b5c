"""Words that are also towns somewhere, beyond the most frequent ones: a lone capitalised
"Fines", "Kessel", "Sura" or "Salam" is the word; after a place preposition it is the place.
Given names the lists know stay names even when a town shares them (pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "Fines doubled every month for anyone caught with a cigarette.",
        "Im Winter saßen wir im Kessel am Fluss fest, ohne Strom.",
        "Sura 36 was what my grandmother recited at every funeral.",
        "Salam, said the guard, and waved the bus through the checkpoint.",
        "Amal, which means hope, was painted on the school wall.",
    ],
)
def test_a_rarer_word_that_is_a_town_is_no_place_on_its_own(text):
    assert found(text, "place") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("My cousin grew up in Fines before the family moved.", "Fines"),
        ("Seine Tante wohnt noch in Kessel, einem Dorf bei Goch.", "Kessel"),
    ],
)
def test_after_a_place_preposition_it_is_the_place(text, place):
    assert place in found(text, "place")


def test_acronyms_of_the_aid_world_are_no_names():
    text = "Les ONG du camp distribuaient du pain, mais les ONG partaient le soir."
    assert found(text, "person") == []


def test_a_given_name_a_town_shares_is_still_found():
    text = "Marriage record: groom known as Abu Talha; bride: Shannon (renamed Umm Talha)."
    assert any("Shannon" in f.text for f in scan_text(text))
