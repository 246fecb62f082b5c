"""Arabizi organisations, places and units after their heads, with article words after the name."""

import pytest

from tests.narratives.scanner_helpers import pairs as found


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("khdemti f hanout si l7aj w 3ndek", ("organisation", "hanout si l7aj")),
        ("sha8al f masna3 el nasr lel malabes", ("organisation", "masna3 el nasr lel malabes")),
        ("w tla3na min 2aryet tall el 3ajouz.", ("place", "2aryet tall el 3ajouz")),
        ("kenna nes2on b balde esma ma3ret bet 7asan.", ("place", "balde esma ma3ret bet 7asan")),
        ("2al enno sar ma3 saryet el 2a9a", ("unit", "saryet el 2a9a")),
    ],
)
def test_arabizi_heads(text, hit):
    assert hit in found(text)


def test_a_head_word_alone_is_no_finding():
    assert found("ana b 2ahwe w ba3den rje3t") == []
