"""German "Herr" in the accusative and dative ("Herrn Fischer") names a man as "Herr" does;
honorifics in a row ("Herr Dr. Özdemir") are one before the name."""

import pytest

from tests.narratives.scanner_helpers import persons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ich habe mit Herrn Fischer gesprochen.", ["Herrn Fischer"]),
        ("Der Brief an Herrn Yilmaz kam zurück.", ["Herrn Yilmaz"]),
    ],
)
def test_herrn_before_a_surname_names_him(text, expected):
    assert persons(text) == expected


def test_the_plural_greeting_names_nobody():
    assert persons("Sehr geehrte Damen und Herren, bitte melden Sie sich.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir haben Herr Dr. Özdemir gestern getroffen.", ["Herr Dr. Özdemir"]),
        ("Wir haben Frau Dr. Özdemir gestern getroffen.", ["Frau Dr. Özdemir"]),
        ("mit Herrn Prof. Weber", ["Herrn Prof. Weber"]),
    ],
)
def test_honorifics_in_a_row_are_one_before_the_name(text, expected):
    assert persons(text) == expected
