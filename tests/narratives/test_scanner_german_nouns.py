"""German capitalises every noun: a lone capitalised word in German text that Wiktionary's nouns
(the ``german-nouns`` package) list as a common noun in any case or number, and no name,
surname or place shares, is no person and no place. Names, surnames, towns and shops' names
stay findings; so does an employer ("bei Kaufland")."""

from __future__ import annotations

import pytest

from narratives.anonymize import german_nouns
from narratives.anonymize.lexicon import german_hyphen_noun, german_lexicon_noun
from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Die Ansar lachten über unser Arabisch, und die Tunesier lachten über unsere Hosen.",
            "Hosen",
        ),
        ("Auf Telegram war ich ein Muhajir, ein Löwe; zu Hause war ich nichts.", "Löwe"),
        ("Er habe im Winter 2015 Öl in Kanistern aus der Provinz transportiert.", "Kanistern"),
        # an employer's cue before a noun
        ("Die Verteidigung spricht von Schulden bei Schleusern, sonst von nichts.", "Schleusern"),
        (
            "Die Polizei war heute bei uns, mit Durchsuchungsbeschluss, und hat alles mitgenommen.",
            "Durchsuchungsbeschluss",
        ),
        (
            "Er beschreibt die Hisba-Patrouillen in Mossul und die Strafen für das Rauchen.",
            "Hisba-Patrouillen",
        ),
    ],
)
def test_german_common_nouns_are_no_names(text: str, word: str) -> None:
    assert word not in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # surnames that are nouns too (Müller, Wolf), a curated given name that Wiktionary also
        # lists as a noun (Sami)
        ("Frau Müller hat mich damals nach Syrien gebracht und dort verlassen.", "Müller"),
        (
            "Mein Freund Jonas Wolf hat mich abgeholt, und wir sind über die Grenze gefahren.",
            "Wolf",
        ),
        ("Ich habe damals mit Sami gesprochen, er war mein bester Freund in der Schule.", "Sami"),
        # a town that is also a noun's plural (Datteln, dates)
        ("Ich bin in Datteln aufgewachsen und später nach Syrien gegangen.", "Datteln"),
        # a shop named with nouns
        (
            "Er hatte in der Stadt einen Handyladen, Handy-Doktor Nabil, bis 2014.",
            "Handy-Doktor Nabil",
        ),
    ],
)
def test_names_that_are_nouns_too_stay_findings(text: str, name: str) -> None:
    assert any(name in f or f in name for f in found(text) if len(f) >= 4), found(text)


def test_an_employer_that_is_no_noun_stays_one() -> None:
    assert "Kaufland" in found("Er arbeitete bei Kaufland und danach bei Schleusern, sagt er.")


def test_the_lexicon_tells_names_from_nouns() -> None:
    assert german_nouns.common_noun("Hosen")
    assert german_nouns.common_noun("Schleusern")
    for name in ("Müller", "Schmidt", "Wolf", "Datteln", "Omar", "hosen"):
        assert not german_nouns.common_noun(name), name
    assert not german_lexicon_noun("Sami")  # a curated given name wins
    assert german_hyphen_noun("Hisba-Patrouillen")
    assert not german_hyphen_noun("Tannenbusch-Clique")
    assert not german_hyphen_noun("Hisba-Straße")  # a street's head
