"""Numbers that are no one's exact age: durations, counts, guesses, rules for everyone,
arabizi hypotheticals; the exact ages beside them still found (pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import ages


@pytest.mark.parametrize(
    "text",
    [
        "Sie waren drei Jahre dort, dann kam die Flucht.",
        "He was 4 years in prison before the trial.",
        "Mit 16 darf man dort schon heiraten.",
        "Wir waren zwanzig, dreißig Männer im Keller.",
        "Il a cinquante ans passés, je crois.",
        "lau kent 20 ma kent ru7t.",
    ],
)
def test_not_an_age(text):
    assert ages(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Er war 19 Jahre alt, als er ging.", "19"),
        ("mit 15 durfte ich nicht mehr raus", "15"),
        ("j'ai 33 ans et deux enfants", "33"),
    ],
)
def test_still_an_age(text, age):
    assert any(age in a for a in ages(text))


@pytest.mark.parametrize(
    "text",
    [
        "ya 3ammi 3omri ma shft hek shi 😂",
        "sme3na enno el 5alifa 7aka 3al radio",
        "وصلنا إلى هناك في صيف ٢٠١٥ مع العائلة",
        "لا توجد أسماء في هذه الرسالة",
    ],
)
def test_vocabulary_is_no_name_or_place(text):
    assert scan_text(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("big up my cousin Rayan, 19 today 🎉", "19"),
        ("RIP bro, taken at 22 by a drone", "22"),
        ("Bon anniversaire Lina, 5 ans déjà !", "5"),
        ("Herzlichen Glückwunsch zum 30. Geburtstag, Timo", "30"),
        ("Meine Schwester wird bald elf.", "elf"),
        ("die ist doch erst 14!", "14"),
        ("قالت أمي إنك صرت ١٨ يا ولد", "١٨"),
        ("الأولاد: رامي (٩)", "٩"),
        ("Liste:\n1. Hadi Sweid, 28\n", "28"),
        ("F: Wie alt war er? A: Neunzehn. Dann ging er.", "Neunzehn"),
    ],
)
def test_birthday_death_and_list_ages(text, age):
    assert any(age in a for a in ages(text))


@pytest.mark.parametrize(
    "text",
    ["we left at 10. nobody saw us", "Das dauerte erst 5 Minuten lang.", "Es wird 2:1 enden."],
)
def test_times_are_not_ages(text):
    assert ages(text) == []
