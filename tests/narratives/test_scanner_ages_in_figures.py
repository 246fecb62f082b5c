"""Digits of a time, of a larger number or of a German ordinal are no age, however close an
age cue stands; the age itself still is (pure Python, no Django)."""

import pytest

from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[21:40] mo: he turns 20 on friday\n[21:41] sam: no way", ["20"]),
        ("[08:12] Inès : elle a quel âge ?\n[08:13] Yasmine : 16 ans je crois.", ["16 ans"]),
        ("The bakery page says 4.8 stars from 2,300 reviews, open till 10pm.", []),
        ("Landgericht Köln, 3. Strafkammer. Der Angeklagte schwieg.", []),
        ("Wir treffen uns um 18h30 vor der Schule, sagte er, er war 17.", ["17"]),
    ],
)
def test_ages_among_figures(text, expected):
    assert ages(text) == expected
