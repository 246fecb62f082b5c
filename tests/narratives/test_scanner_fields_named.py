"""Persons in record fields (Name:, Eltern:, Children:) and after "name is" / "prénom, c'est"."""

from tests.narratives.scanner_helpers import persons


def test_field_values_are_persons_but_not_the_next_label():
    text = "Name: Leocadia Brennock; Age: 44; Children: Pim (9), Juno (6); Previous employer: none"
    assert persons(text) == ["Leocadia Brennock", "Pim", "Juno"]
    assert persons("Eltern: Vesna und Goran Moosbrugger.") == ["Vesna", "Goran Moosbrugger"]
    assert "Vorname" not in " ".join(persons("Name: Oezkaya, Vorname: Burak Emre."))


def test_placeholders_and_articles_in_a_field_are_no_names():
    assert persons("Nom : Inconnu") == []
    assert persons("Parents: The Ministry") == []
    assert persons("Name: Unknown") == []


def test_the_name_after_name_is():
    assert persons("My mother's name is Honor. She is sixty-one.") == ["Honor"]
    assert persons("Mon vrai prénom, c'est Thierno.") == ["Thierno"]
    assert persons("Sie heißt Finja und wohnt hier.") == ["Finja"]
