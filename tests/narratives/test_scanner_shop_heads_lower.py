"""Shops and workplaces by their head word: an English head in lower case after a capitalised
name ("the Al-Rayan bakery"), arabizi bakeries and dispensaries (farran, mustawsaf), a French
shop's own name opening with "Au", "Aux", "Chez" after its head (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import organisations


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("We lived above the Al-Rayan bakery for two years.", "Al-Rayan bakery"),
        ("My uncle ran the Qasim pharmacy near the bus stop.", "Qasim pharmacy"),
        ("baba kan ye5dem f farran Al Hana 9bel l7arb", "farran Al Hana"),
        ("ddaw khti l mustawsaf Al-Amal f lil", "mustawsaf Al-Amal"),
        (
            "Elle vendait du pain à la boulangerie Aux Délices du Parc, rue Gambetta.",
            "boulangerie Aux Délices du Parc",
        ),
    ],
)
def test_the_shop_is_found(text, org):
    assert any(org in o or (o in org and len(o) > len(org) / 2) for o in organisations(text))


@pytest.mark.parametrize(
    "text",
    [
        "The local bakery was closed, so we went to a Syrian bakery instead.",
        "Every morning the Raqqa bakery queue was longer.",
        "The old pharmacy burned down in the war.",
    ],
)
def test_a_common_word_a_demonym_or_a_city_before_the_head_is_no_name(text):
    assert organisations(text) == []
