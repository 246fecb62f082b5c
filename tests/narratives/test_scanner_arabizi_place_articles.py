"""Arabizi places after "fel" (in the), "mel" (from the), "mn", and district words with the
article joined ("l7ay", "el9arya", "l7ouma"); a major city in an Egyptian arabizi spelling stays
unflagged (place_cues.txt, major_cities.txt; pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import places


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("kan sakn f l7ay Bouchentouf m3a khalto", "Bouchentouf"),
        ("jina mel Hay Ouardia l Tunis", "Ouardia"),
        ("ana kont sakna fel Maadi 9bel l7arb", "Maadi"),
        ("jina mel Bouchentouf b lil", "Bouchentouf"),
    ],
)
def test_the_place_is_found(text, place):
    assert any(place in p for p in places(text))


@pytest.mark.parametrize("text", ["ana kont fel Iskandareya saa3etha", "kont f Eskendereya"])
def test_a_major_city_in_arabizi_stays_unflagged(text):
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("rabi yr7mo, kamel Hay Tadamoun kaybki 3lih", "Hay Tadamoun"),
        ("kbert f Derb Ghallef m3a jdati", "Derb Ghallef"),
    ],
)
def test_a_district_head_without_article(text, place):
    assert place in places(text)
