# (Arabic script in test data is intended.)
"""Identifiers found from their context, not from a list: ages in more phrasings, small
places after French articles, arabizi and lower-case chat names, names after roles and
kinship cues, accounts named after their platform (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import pairs


def found(text):
    return pairs(text, check_offsets=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages
        ("my brother (22) stayed behind", ("age", "22")),
        ("Age: 21, unemployed", ("age", "21")),
        ("he turned 18 last week", ("age", "18")),
        ("quand elle a eu 16 ans", ("age", "16 ans")),
        ("I'm nineteen and I live alone.", ("age", "nineteen")),
        ("me being 17 they didnt care", ("age", "17")),
        ("mein Bruder, der 16 ist, blieb", ("age", "16")),
        ("عندي ١٧ سنة", ("age", "عندي ١٧ سنة")),
        ("M/24 detained at the scene.", ("age", "24")),
        ("Q. How old were you then? A. Sixteen.", ("age", "Sixteen")),
        # places
        ("Ils vivaient à la Vrendière, près du canal.", ("place", "Vrendière")),
        ("au lieu-dit la Brossandière, chez mes grands-parents", ("place", "Brossandière")),
        ("Il a déménagé à Quorville-lès-Brandon.", ("place", "Quorville-lès-Brandon")),
        # persons
        ("ana w Zar8ouna kna b 7ay el-Karm", ("person", "Zar8ouna")),
        ("ya akhi 7amdoun sar bel souq", ("person", "7amdoun")),
        ("lol ask fatima she knows", ("person", "fatima")),
        ("تبين أن المتهمة سوزان من سكان الحي", ("person", "سوزان")),
        ("bro Karim (كريم) from the shop", ("person", "كريم")),
        ("Witness statement of Kwame Oduya", ("person", "Kwame Oduya")),
        ("Dilnoza said she would come.", ("person", "Dilnoza")),
        ("He was known locally as Junior.", ("person", "Junior")),
        ("SMITH, John (b. 1990)", ("person", "SMITH, John")),
        ("والدتي أم غيث", ("kunya", "أم غيث")),
        # accounts
        ("his insta is shaz.k99", ("handle", "shaz.k99")),
    ],
)
def test_found_from_context(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "me and my mum went to the shops and got bread",
        "he said that islam is about peace and iman",
        "ana kan bade ro7 bas ma fi wa2t",
        "akhi ba3den ra7",
        "قال الشاهد إنه رأى السيارة",
        "Wir haben Grüne Soße gegessen und Schwarzwälder Kirschtorte.",
        "I watched Breaking Bad and Peaky Blinders all weekend.",
        "he turned 180 degrees and walked off",
        "my insta is dead lol",
    ],
)
def test_ordinary_words_are_not_findings(text):
    assert found(text) == []
