"""Speakers of a dialogue whose names are also words, the columns of a form, and the
nicknames people give themselves (pure Python, no Django)."""

import pytest

from narratives.anonymize import LeakScanner
from tests.narratives.scanner_helpers import found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[21:03] Hope: did u see her\n[21:04] Noor: no she's stuck", ["Hope", "Noor"]),
        ("Finn: bro wo bist du\nMalik: noch im Studio\nFinn: oki", ["Finn", "Malik", "Finn"]),
        ("Grace: are you coming?\nAmal: inshallah after work", ["Grace", "Amal"]),
    ],
)
def test_speakers_of_a_dialogue_are_names_even_when_they_are_words(text, names):
    hits = found(text)
    for name in names:
        assert name in hits


def test_a_single_label_line_is_no_speaker():
    assert found("Note: the camp was moved in the spring.") == []
    assert found("Interviewer: When did you leave?\nRespondent: In the spring.") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "FICHE Nom : KHELIFI    Prénom : Anissa    Surnom : « Nissou » Né le 5 mai",
            ["KHELIFI", "Anissa", "Nissou"],
        ),
        ("Name: Tom  Hale, Date: today", ["Tom  Hale"]),
        ("Spitzname: „Bimbo“ laut Akte", ["Bimbo"]),
    ],
)
def test_form_fields_end_at_the_next_label(text, names):
    assert found(text)[: len(names)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("People call me Waro. Q: Date of birth?", "Waro"),
        ("On m'appelle Zouzou depuis toujours.", "Zouzou"),
        ("Alle nannten mich Schorsch, schon in der Schule.", "Schorsch"),
    ],
)
def test_the_name_people_call_someone_is_found(text, name):
    assert name in found(text)


def test_call_me_without_a_name_is_nothing():
    assert found("Call me when you can.") == []
    assert found("Une mère a dit : « S'il avait eu dix-huit ans, j'aurais compris. »") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ملاحظة الحالة. المستفيدة: رنا (٣١ سنة)، ولديها ابن.", "رنا"),
        ("الاسم الثلاثي: وفاء سليم الأحمد", "وفاء سليم الأحمد"),
        ("اسم الأم: نهى", "نهى"),
    ],
)
def test_a_person_in_an_arabic_record_field(text, name):
    at = text.index(name)
    found = LeakScanner().scan(text)
    assert any(f.start <= at and at + len(name) <= f.end for f in found), found


@pytest.mark.parametrize("text", ["الأم: غير معروفة", "المتهم: مجهول الهوية"])
def test_an_arabic_record_field_without_a_name(text):
    assert LeakScanner().scan(text) == []
