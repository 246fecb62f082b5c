"""More organisation heads: German workplaces and schools with "Am", English trades, French shops."""

import pytest

from tests.narratives.scanner_helpers import organisations as orgs


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Ich war auf der Realschule Am Mühlbach.", "Realschule Am Mühlbach"),
        ("er arbeitet bei den Stadtwerke Haldenbrück", "Stadtwerke Haldenbrück"),
        ("an der IGS Wiesental", "IGS Wiesental"),
        ("at Abernethy & Sons Grocers", "Abernethy & Sons Grocers"),
        ("at Jamal's Barbershop", "Jamal's Barbershop"),
        ("à la scierie Bouvreuil", "scierie Bouvreuil"),
    ],
)
def test_heads(text, org):
    assert org in orgs(text)


def test_heads_without_a_name_are_no_findings():
    assert orgs("Das Lager war voll, le foyer familial aussi.") == []
