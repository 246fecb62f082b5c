"""Arabizi everyday words with a person ending (ta3ha, dyali, 9alli, m3ah) and a few plain ones
(jouj, ntouma, rou7i, lista) are no names (data/everyday_words.txt)."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    "text",
    [
        "F Antep l passeur 9alli sker telephone w ma t3ayetch l 7ta 7ed.",
        "L avocate ta3ha 9alet: kanet f l 3echrinat, ma 3andha 7ta 7aja.",
        "L emir hreb m3a jouj tomobilat w khla l muhajirat bo7dhom.",
        "Yemma bkat f l 3id 7it l koursi dyali kan khawi. Ntouma ma kountouch kuffar.",
        "yalla ya rou7i, esma3i kalam el sit",
    ],
)
def test_everyday_words_are_no_names(text):
    assert found(text, "person", "place") == []


def test_a_name_in_arabizi_is_still_found():
    assert found("ana w sa7bi 7amza kna f Raqqa", "person") == ["7amza"]
