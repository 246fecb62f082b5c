"""A chat or a transcript labels its writers with kin words, roles and "me" as often as with
names: French slang (Reuf, Daronne), Darija and Levantine (O5ti, Ommi), Arabic (خالي), the
police or the judge (Lbolisi): never a name (data/labels.txt)."""

from __future__ import annotations

import pytest

from tests.narratives.scanner_helpers import persons


@pytest.mark.parametrize(
    "text",
    [
        "[18:40] Reuf : wesh les keufs sont venus\n[18:41] Reuf : ils ont pris ton ordi\n"
        "[19:02] Moi : y a rien dedans",
        "[21:00] خالي: شكو ماكو بالموصل؟\n[21:10] أنا: ماكو شي\n[21:11] خالي: اطلعوا من الجسر",
        "Lbolisi: mnin dkhelti l Souria?\nAna: mn Turkia\nLbolisi: w baya3ti?",
        "[09:01] O5ti: 7atta 5atem 3orsek??\n[09:10] Ana: l 5atem howa l awwel\n"
        "[09:12] O5ti: rabbi m3ak",
        "[01:50] Ommi: yalla esma3i kalam el sit\n[01:52] Ana: wallah ya ommi\n[01:53] Ommi: yalla",
    ],
)
def test_kin_and_role_labels_are_no_names(text):
    assert persons(text) == []


def test_a_name_that_labels_turns_is_still_found():
    text = "[14:02] Sara: t'as vu ?\n[14:03] Moi: ouais\n[14:03] Sara: wallah"
    assert persons(text) == ["Sara", "Sara"]


def test_german_court_roles_are_no_names():
    text = "Die Zeugin Frau Schmitt gab an, den Angeklagten seit 2012 aus der Schule zu kennen."
    assert persons(text) == ["Frau Schmitt"]


def test_german_formal_possessives_open_no_name():
    from tests.narratives.scanner_helpers import found

    assert found("Wir haben in Ihren Akten nichts gefunden.") == []
    assert found("Sie waren in Ihren Zwanzigern, nicht im Kindesalter.") == []
    assert persons("Mit Ihrem Bruder Karim haben wir gesprochen.") == ["Karim"]
