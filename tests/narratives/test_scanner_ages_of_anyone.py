"""The age of anyone, or of a thing, is no identifier: "a 40-year-old widow was considered
old", "une Marseillaise de trente ans", "عمر البناية أربعون سنة". Someone's own stays one:
"I had a 3-year-old", "a son of 3" (pure Python, no Django)."""

import pytest

from narratives.anonymize import scan_text
from tests.narratives.scanner_helpers import found


def ages(text):
    return found(text, "age", "person")


@pytest.mark.parametrize(
    "text",
    [
        "In the camp a 35-year-old woman counted as old.",
        "An eleven-year-old could be sent to the training camp.",
        "Une Lyonnaise de vingt ans n'a pas les mêmes choix.",
        "The hospital was 40 years old and had no generator.",
        "كان عمر المدرسة ستين سنة قبل القصف.",
        "lmal3ab 3ndo 20 3am w mazal zwin.",
    ],
)
def test_the_age_of_anyone_or_anything(text):
    assert ages(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Back then I had a 3-year-old and no money.", "3"),
        ("Client: Samira, her daughter Hiba, aged 5, and a son of 2.", "2"),
        ("I was a 17-year-old girl when I crossed.", "17"),
    ],
)
def test_someone_s_own_age_stays(text, age):
    assert any(age in a for a in ages(text))


@pytest.mark.parametrize(
    "text",
    [
        "We were four girls in one room, the oldest barely twenty.",
        "The mosque in Tabqa was 60 years old when the jets hit it.",
    ],
)
def test_counts_and_things_somewhere(text):
    assert [f.text for f in scan_text(text) if f.category == "age"] == []


def test_a_place_between_a_thing_and_an_age_without_a_verb_is_no_thing_s_age():
    text = "I converted at the mosque in Leeds aged twenty."
    assert "twenty" in " ".join(f.text for f in scan_text(text) if f.category == "age")


@pytest.mark.parametrize(
    "text",
    [
        "You must be at least 18 years old to register.",
        "Those aged 18 and over had to register.",
        "The Prophet was 40 when the revelation began.",
        "The youngest fighters were only 13.",
        "La majorité sexuelle est à 15 ans.",
        "Schon mit zwölf Jahren mussten Jungen kämpfen.",
        "كان الأولاد في عمر ١٢ سنة يتدربون على السلاح.",
    ],
)
def test_minimums_bands_groups_and_figures_are_no_ones_age(text):
    assert [f for f in scan_text(text) if f.category == "age"] == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I was 18 and over the moon.", "18"),
        ("My son was 12 and under the rubble for two days.", "12"),
        ("Mit zwölf musste ich arbeiten.", "Mit zwölf"),
        ("ابني في عمر ١٢ سنة", "عمر ١٢ سنة"),
    ],
)
def test_ones_own_age_next_to_those_words_is_still_found(text, age):
    assert age in [f.text for f in scan_text(text) if f.category == "age"]
