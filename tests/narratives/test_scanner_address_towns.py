"""The town after a street in an address, and prefixed village names after a place preposition."""

from tests.narratives.scanner_helpers import places


def test_the_town_after_a_street_and_a_comma():
    assert places("Address: 41 Tallow Street, Brindlecombe. Tel: none") == [
        "41 Tallow Street",
        "Brindlecombe",
    ]
    assert "Stowmarsh" in places("of 7 Pellow Gardens, Stowmarsh, was at the material time")
    assert places("at Bath Road, London.") == ["Bath Road"]


def test_prefixed_villages_after_a_preposition():
    assert "Upper Tresk" in places("Just off Coldharbour Row, in Upper Tresk.")
    assert "Unter-Harbach" in places("dass er aus Unter-Harbach kam.")


def test_compass_words_before_countries_are_no_places():
    assert places("in North Syria and in Upper Egypt") == []
