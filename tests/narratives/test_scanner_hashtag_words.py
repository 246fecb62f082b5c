"""A hashtag is a topic: a frequent word after "#" is no name, whatever the name lists hold."""

from __future__ import annotations

from tests.narratives.scanner_helpers import persons


def test_a_hashtagged_word_is_no_name():
    assert persons("Only if you speak up. 🕊️ #ExitStories #أمل") == []


def test_a_name_in_a_hashtag_that_is_no_word_is_still_found():
    assert persons("RIP #Karim") == ["Karim"]
