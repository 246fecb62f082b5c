"""An arabizi place head before a word of the sentence names no place ("3al mante2a sar kel
shi mamnou3": the area became ...); before a name it does."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import places


@pytest.mark.parametrize(
    "text",
    [
        "w lamma fetet el dawla 3al mante2a sar kel shi mamnou3.",
        "kanet f l7ay kanet fih l7isba.",
    ],
)
def test_a_sentence_word_after_the_head_is_no_place(text):
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("kont sakin f 7ay ennasr m3a khouya.", "7ay ennasr"),
        ("qaryat Tal Shihab kanet zghira.", "qaryat Tal Shihab"),
    ],
)
def test_a_name_after_the_head_is_a_place(text, place):
    assert places(text) == [place]


def test_a_kin_word_that_opens_a_letter_is_no_town():
    # "Sis" is a town of the gazetteer too; a kin word is one only after a place cue
    assert places("Sis,\nIf you ever see those pages, scroll past. Love you x") == []
