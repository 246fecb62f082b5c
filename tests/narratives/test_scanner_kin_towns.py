"""A kin word that the gazetteer lists as a town too is a place only after a place cue."""

from __future__ import annotations

from tests.narratives.scanner_helpers import places


def test_a_kin_word_that_opens_a_letter_is_no_town():
    # "Sis" is a town in Turkey; here it opens a letter to a sister
    assert places("Sis,\nIf you ever see those pages, scroll past. Love you x") == []
